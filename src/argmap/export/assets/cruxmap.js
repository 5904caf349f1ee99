/* argmap crux map: the page logic.
 *
 * The map arrives as JSON in #argmap-data. Every text from it reaches the DOM through
 * textContent (or vis-network's plain-string titles, which it sets with innerText): never
 * innerHTML. Two vis DataSets hold every claim, thesis and relation; each item's `hidden` flag
 * says whether it is in the current view, and the network draws DataViews of the unhidden ones,
 * so only the view is mounted however large the map is. Layouts are computed here, without
 * physics, as deterministic functions of the data and the view.
 */
(function () {
  "use strict";

  const D = JSON.parse(document.getElementById("argmap-data").textContent);
  const CFG = D.config;
  const KIND_SHAPE = { position: "star", premise: "dot", evidence: "square", prediction: "triangle",
    concession: "diamond" };
  const EDGE = {
    support: { color: "#0072B2", dashes: false, arrow: "arrow" },
    attack: { color: "#D55E00", dashes: [7, 5], arrow: "bar" },
  };
  const GRID = { dx: 175, thesisDx: 300, dy: 118, layerGap: 50 };

  // ---------- indexes ----------------------------------------------------------------------
  const byId = (xs) => new Map(xs.map((x) => [x.id, x]));
  const claims = byId(D.claims), theses = byId(D.theses), sources = byId(D.sources);
  const authors = byId(D.authors), rels = byId(D.relations);
  const push = (map, key, value) => { const xs = map.get(key); if (xs) xs.push(value); else map.set(key, [value]); };
  const outRel = new Map(), inRel = new Map(), stancesOn = new Map();
  const cruxesFor = new Map(), cruxesOf = new Map();
  for (const r of D.relations) { push(outRel, r.from, r); push(inRel, r.to, r); }
  for (const s of D.stances) push(stancesOn, s.target, s);
  for (const c of D.cruxes) { push(cruxesFor, c.thesis, c); push(cruxesOf, c.claim, c); }
  // a claim's detail panel lists the theses it matters most to first
  for (const cs of cruxesOf.values()) cs.sort((a, b) => b.score - a.score || a.rank - b.rank);
  const maxScore = D.cruxes.reduce((m, c) => Math.max(m, c.score), 0);
  const topScore = new Map();
  for (const c of D.cruxes) topScore.set(c.claim, Math.max(topScore.get(c.claim) || 0, c.score));
  for (const c of D.claims) {
    c.reach = c.reach.map((i) => D.theses[i].id);
    c.quote = sources.get(c.source).text.slice(c.start, c.end);
    c.hay = (c.gist + "\n" + c.quote).toLowerCase();
  }
  const thesisIndex = new Map(D.theses.map((t, i) => [t.id, i]));
  const authorName = (id) => (authors.get(id) || { name: id }).name;
  const colourOf = (id) => (authors.get(id) || { colour: "#DDDDDD" }).colour;
  const textOf = (id) => (claims.has(id) ? claims.get(id).gist : theses.has(id) ? theses.get(id).text : id);
  const crux = (id) => topScore.get(id) || 0;
  const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  function split(id) {  // who holds a claim or thesis, who rejects it
    const yes = [], no = [];
    for (const s of stancesOn.get(id) || []) (s.stance === "accept" ? yes : no).push(s.author);
    return { yes, no };
  }
  const contest = (id) => { const { yes, no } = split(id); const n = yes.length + no.length;
    return n ? 4 * (yes.length / n) * (no.length / n) : 0; };

  function truncate(text, n) {
    if (text.length <= n) return text;
    const cut = text.slice(0, n - 1), space = cut.lastIndexOf(" ");
    return (space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "") + "…";
  }
  function names(ids, n) {
    const shown = ids.slice(0, n).join(", ");
    return ids.length > n ? shown + " +" + (ids.length - n) : shown;
  }
  function splitLine(id) {
    const { yes, no } = split(id);
    const parts = [];
    if (yes.length) parts.push("✓ " + names(yes, 2));
    if (no.length) parts.push("✗ " + names(no, 2));
    return parts.join("  ");
  }
  function tint(hex, t) {  // mix with white
    const n = parseInt(hex.slice(1), 16), mix = (v) => Math.round(v + (255 - v) * t);
    return "rgb(" + mix(n >> 16) + "," + mix((n >> 8) & 255) + "," + mix(n & 255) + ")";
  }

  // ---------- vis items ----------------------------------------------------------------------
  function claimItem(c) {
    const colour = colourOf(c.author);
    const size = 11 + (maxScore > 0 ? 22 * crux(c.id) / maxScore : 0);
    return {
      id: c.id, hidden: true, x: 0, y: 0, ntype: "claim", author: c.author, kind: c.kind,
      label: truncate(c.gist, 60), shape: KIND_SHAPE[c.kind] || "dot", size: size,
      title: c.gist + "\n\n“" + truncate(c.quote, 400) + "”\n— " + authorName(c.author) + " (" + c.kind + ")",
      color: { background: colour, border: "#333", highlight: { background: colour, border: "#000" },
        hover: { background: colour, border: "#000" } },
      borderWidth: 1, borderWidthSelected: 3, widthConstraint: { maximum: 150 },
      font: { size: 14, color: "#1a1a1a", background: "rgba(255,255,255,0.85)" },
    };
  }
  function thesisItem(t) {
    return {
      id: t.id, hidden: true, x: 0, y: 0, ntype: "thesis", label: truncate(t.text, 150),
      title: "Thesis: " + t.text, shape: "box", margin: 10, borderWidth: 3, borderWidthSelected: 5,
      color: { background: "#ffffff", border: "#000000", highlight: { background: "#fff8d6", border: "#000" },
        hover: { background: "#fff8d6", border: "#000" } },
      widthConstraint: { maximum: 260 }, font: { size: 16, color: "#000" },
    };
  }
  function edgeItem(r) {
    const s = EDGE[r.type] || EDGE.support;
    return {
      id: r.id, from: r.from, to: r.to, hidden: true, rtype: r.type, dashes: s.dashes, width: 1.6,
      color: { color: s.color, highlight: s.color, hover: s.color, opacity: 0.9 },
      arrows: { to: { enabled: true, type: s.arrow, scaleFactor: 0.7 } },
      title: r.type + ": " + r.rationale, smooth: false,
    };
  }

  const nodes = new vis.DataSet([...D.theses.map(thesisItem), ...D.claims.map(claimItem)]);
  const edges = new vis.DataSet(D.relations.map(edgeItem));
  const nodesView = new vis.DataView(nodes, { filter: (n) => !n.hidden });
  const edgesView = new vis.DataView(edges, { filter: (e) => !e.hidden });

  // ---------- state and filters --------------------------------------------------------------
  const allAuthors = () => new Set(D.authors.map((a) => a.id));
  const allTheses = () => new Set(D.theses.map((t) => t.id));
  const state = {
    mode: "overview", thesis: null, depth: 1, focus: null, hops: 1, via: null, selected: null,
    authors: allAuthors(), theses: allTheses(), tag: "", types: new Set(["support", "attack"]),
  };

  function passes(id) {
    if (theses.has(id)) return state.theses.has(id);
    const c = claims.get(id);
    if (!state.authors.has(c.author)) return false;
    if (state.tag && !c.tags.includes(state.tag)) return false;
    return !c.reach.length || c.reach.some((t) => state.theses.has(t));
  }
  const related = (id, dir) => ((dir === "in" ? inRel : outRel).get(id) || []).filter((r) => state.types.has(r.type));

  // ---------- views: which nodes, where ------------------------------------------------------
  function laneCruxes(t) {
    const ranked = cruxesFor.get(t);
    if (ranked && ranked.length) {
      return { ranked: true, items: ranked.filter((c) => passes(c.claim))
        .map((c) => ({ claim: c.claim, rank: c.rank, lowers: c.swing === 0 ? null : c.swing < 0 })) };
    }
    const direct = [...new Set((inRel.get(t) || []).filter((r) => claims.has(r.from) && passes(r.from)).map((r) => r.from))];
    const typeTo = (id) => (outRel.get(id) || []).find((r) => r.to === t).type;
    direct.sort((a, b) => contest(b) - contest(a) || (split(b).yes.length + split(b).no.length) -
      (split(a).yes.length + split(a).no.length) || byKey(a, b));
    return { ranked: false, items: direct.map((id) => ({ claim: id, rank: null, lowers: typeTo(id) === "attack" })) };
  }

  function renderBoard() {
    // The opening view, in HTML rather than on the canvas: one lane per thesis with who holds
    // it and its top cruxes. Canvas lanes for ten theses drew 10-px text; this stays readable
    // and scrolls, however many theses there are.
    const board = $("board-lanes");
    board.replaceChildren();
    board.style.setProperty("--lane-k", String(CFG.laneCruxes));
    for (const t of D.theses) {
      if (!state.theses.has(t.id)) continue;
      const lane = laneCruxes(t.id), top = lane.items.slice(0, CFG.laneCruxes);
      const row = el("div", { class: "lane", role: "listitem", "data-thesis": t.id });
      row.append(el("button", { type: "button", class: "lane-thesis", on: { click: () => openThesis(t.id) } },
        el("span", { class: "lane-text" }, t.text), holders(t.id)));
      for (const p of top) {
        const c = claims.get(p.claim);
        const sup = (inRel.get(p.claim) || []).filter((r) => r.type === "support").length;
        const att = (inRel.get(p.claim) || []).filter((r) => r.type === "attack").length;
        const card = el("button", { type: "button", class: "lane-card" + (p.lowers ? " lowers" : ""),
          "data-claim": p.claim, title: c.gist + " (" + authorName(c.author) + ")", on: { click: () => focusOn(p.claim, t.id) } },
        el("span", { class: "lane-text" }, el("strong", {}, p.rank ? "#" + p.rank + " " : ""), c.gist),
        el("span", { class: "lane-meta" }, holders(p.claim), el("span", { class: "lane-deg",
          title: sup + " claim(s) support it, " + att + " attack it" + (p.lowers === null ? "" : p.lowers
            ? "; its truth lowers the thesis" : "; its truth raises the thesis") }, "▲" + sup + " ▼" + att)));
        card.style.borderColor = colourOf(c.author);
        card.style.background = tint(colourOf(c.author), 0.78);
        row.append(card);
      }
      for (let i = top.length; i < CFG.laneCruxes; i++) row.append(el("span", { class: "lane-empty" }));
      const rest = lane.items.length - top.length;
      row.append(el("button", { type: "button", class: "lane-more", on: { click: () => openThesis(t.id) } },
        rest > 0 ? "+" + rest + " more" : top.length ? "open map" : "no claim passes the filters"));
      board.append(row);
    }
    $("board-note").textContent = D.cruxes.length ? ""
      : "No crux ranking was given to this build: each lane shows the thesis's most contested direct arguments.";
  }

  function holders(id) {  // "✓ A, B  ✗ C" with author colours, as DOM
    const { yes, no } = split(id), out = el("span", { class: "lane-split" });
    const list = (ids, cls, mark) => {
      if (!ids.length) return;
      const span = el("span", { class: cls }, mark + " ");
      ids.forEach((a, i) => span.append(i ? " " : "", el("span", { class: "who", title: authorName(a) }, swatch(a), a)));
      out.append(span, " ");
    };
    list(yes, "holds", "✓");
    list(no, "rejects", "✗");
    return out;
  }

  function thesisView(t, depth) {
    const level = new Map([[t, 0]]), toward = new Map(), side = new Map();
    let frontier = [t];
    for (let d = 1; d <= depth && frontier.length; d++) {
      const next = [];
      for (const v of frontier) {
        for (const r of related(v, "in")) {
          if (!level.has(r.from)) { level.set(r.from, d); next.push(r.from); side.set(r.from, r.type === "attack" ? 1 : 0); }
          if (level.get(r.from) === d) push(toward, r.from, v);
        }
      }
      frontier = next.sort(byKey);
    }
    const keep = cap([...level.keys()].filter((id) => id === t || passes(id)), level);
    return { pos: layered(keep, level, toward, side), edges: true, total: level.size };
  }

  function focusView(center, hops, thesis) {
    const level = new Map([[center, 0]]), toward = new Map(), always = new Set([center]);
    let frontier = [center];
    for (let d = 1; d <= hops && frontier.length; d++) {
      const next = [];
      for (const v of frontier) {
        const step = (other, lv) => {
          if (!level.has(other)) { level.set(other, lv); next.push(other); }
          if (level.get(other) === lv) push(toward, other, v);
        };
        for (const r of related(v, "out")) step(r.to, level.get(v) - 1);   // what it bears on: above
        for (const r of related(v, "in")) step(r.from, level.get(v) + 1);  // what bears on it: below
      }
      frontier = next.sort(byKey);
    }
    if (thesis) {  // the path up to the crux's thesis, so the focus shows what it bears on
      const path = pathTo(center, thesis);
      path.forEach((id, i) => { always.add(id); if (!level.has(id) || level.get(id) > -i) level.set(id, -i); });
      path.forEach((id, i) => { if (i) push(toward, id, path[i - 1]); });
    }
    const keep = cap([...level.keys()].filter((id) => always.has(id) || passes(id)), level);
    return { pos: layered(keep, level, toward), edges: true, total: level.size };
  }

  function pathTo(from, to) {  // shortest chain of bearing relations from a claim up to a node
    const prev = new Map([[from, null]]);
    let frontier = [from];
    while (frontier.length && !prev.has(to)) {
      const next = [];
      for (const v of frontier) for (const r of related(v, "out")) {
        if (!prev.has(r.to)) { prev.set(r.to, v); next.push(r.to); }
      }
      frontier = next;
    }
    if (!prev.has(to)) return [];
    const path = [];
    for (let v = to; v !== null; v = prev.get(v)) path.push(v);
    return path.reverse();
  }

  function cap(ids, level) {  // never mount more than maxMount nodes: keep the nearest, then the cruxiest
    if (ids.length <= CFG.maxMount) return ids;
    return ids.slice().sort((a, b) => Math.abs(level.get(a)) - Math.abs(level.get(b)) || crux(b) - crux(a) ||
      byKey(a, b)).slice(0, CFG.maxMount);
  }

  function layered(ids, level, toward, side) {
    // Rows by level (0 = the root), ordered by the mean x of the nodes they hang from
    // (barycentre heuristic), then by crux score; long rows wrap into sub-rows.
    const rows = new Map();
    for (const id of ids) push(rows, level.get(id), id);
    const levels = [...rows.keys()].sort((a, b) => a - b);
    const order = levels.slice().sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
    // rows about as wide as the canvas is wide relative to its height, so the fit zoom stays readable
    const box = document.getElementById("map"), aspect = Math.max(0.6, box.clientWidth / Math.max(1, box.clientHeight));
    const perRow = (n) => Math.max(7, Math.min(14, Math.round(Math.sqrt(n * aspect * GRID.dy / GRID.dx))));
    const nrows = new Map(levels.map((lv) => [lv, Math.ceil(rows.get(lv).length / perRow(rows.get(lv).length))]));
    const y0 = new Map();  // y of each level's first sub-row; level 0 (the root's) at 0
    const zero = levels.indexOf(0);
    let y = 0;
    for (let i = zero; i < levels.length; i++) { y0.set(levels[i], y); y += nrows.get(levels[i]) * GRID.dy + GRID.layerGap; }
    y = 0;
    for (let i = zero - 1; i >= 0; i--) { y -= nrows.get(levels[i]) * GRID.dy + GRID.layerGap; y0.set(levels[i], y); }
    const pos = new Map();
    for (const lv of order) {
      const row = rows.get(lv);
      const bary = new Map(row.map((id) => {
        const xs = (toward.get(id) || []).filter((p) => pos.has(p)).map((p) => pos.get(p).x);
        return [id, xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0];
      }));
      const sideOf = (id) => (side && side.has(id) ? side.get(id) : 0);
      row.sort((a, b) => bary.get(a) - bary.get(b) || sideOf(a) - sideOf(b) || crux(b) - crux(a) || byKey(a, b));
      const width = (id) => (theses.has(id) ? GRID.thesisDx : GRID.dx);
      const n = nrows.get(lv), per = Math.ceil(row.length / n);
      for (let r = 0; r * per < row.length; r++) {  // each sub-row centred, theses given more room
        const sub = row.slice(r * per, (r + 1) * per), total = sub.reduce((s, id) => s + width(id), 0);
        let x = -total / 2 + (n > 1 && r % 2 ? GRID.dx / 2 : 0);
        for (const id of sub) {
          pos.set(id, { x: Math.round(x + width(id) / 2), y: y0.get(lv) + r * GRID.dy });
          x += width(id);
        }
      }
    }
    return pos;
  }

  // ---------- mounting a view ----------------------------------------------------------------
  let shownNodes = new Set(), shownEdges = new Set();
  let network = null;

  function show(view) {
    const pos = view.pos, nodeUpdates = [], edgeUpdates = [];
    for (const id of shownNodes) if (!pos.has(id)) nodeUpdates.push({ id: id, hidden: true });
    for (const [id, p] of pos) nodeUpdates.push({ id: id, hidden: false, x: p.x, y: p.y });
    const next = new Set();
    if (view.edges) for (const id of pos.keys()) for (const r of related(id, "out")) if (pos.has(r.to)) next.add(r.id);
    for (const id of shownEdges) if (!next.has(id)) edgeUpdates.push({ id: id, hidden: true });
    for (const id of next) {
      const r = rels.get(id), a = pos.get(r.from), b = pos.get(r.to);
      // an edge within a row or pointing down runs against the layout: curve it and let it recede
      const against = Math.abs(a.y - b.y) < GRID.dy / 2 || b.y > a.y, s = EDGE[r.type] || EDGE.support;
      edgeUpdates.push({ id: id, hidden: false, smooth: against ? { enabled: true, type: "curvedCW", roundness: 0.25 } : false,
        width: against ? 1 : 1.6, color: { color: s.color, highlight: s.color, hover: s.color, opacity: against ? 0.35 : 0.9 } });
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    shownNodes = new Set(pos.keys());
    shownEdges = next;
    if (network) fit();
    const ids = [...shownNodes].filter((id) => claims.has(id));
    const cut = view.total && view.total > pos.size ? " (of " + view.total + " in reach; filters or the size cap hide the rest)" : "";
    setStatus(state.mode === "overview" ? ""
      : (state.mode === "thesis" ? "Thesis view, depth " + (state.depth > 50 ? "all" : state.depth) : "Focus, " + state.hops + " hop(s)") +
        ": " + ids.length + " of " + D.claims.length + " claims, " + next.size + " relations" + cut);
  }

  function fit() {
    // vis' fit() pads by 10% and measures from node centres; fitting the boxes ourselves keeps
    // the overview's labels as large as the canvas allows
    const ids = [...shownNodes];
    if (!ids.length) return;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const id of ids) {
      const b = network.getBoundingBox(id);
      if (!b) continue;
      x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right); y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
    }
    const box = $("map"), pad = 16;
    const scale = Math.min(1, (box.clientWidth - 2 * pad) / (x1 - x0), (box.clientHeight - 2 * pad - 20) / (y1 - y0));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 - 10 / scale }, scale: scale, animation: false });
  }

  function render() {
    let view;
    if (state.mode === "thesis" && theses.has(state.thesis)) view = thesisView(state.thesis, state.depth);
    else if (state.mode === "focus" && (claims.has(state.focus) || theses.has(state.focus))) view = focusView(state.focus, state.hops, state.via);
    else { state.mode = "overview"; view = { pos: new Map(), edges: false }; }
    $("board").hidden = state.mode !== "overview";
    $("legend").hidden = state.mode === "overview";  // the board names its authors itself
    if (state.mode === "overview") renderBoard();
    show(view);
    if (network && state.selected && shownNodes.has(state.selected)) network.selectNodes([state.selected]);
    else if (network) network.unselectAll();
    document.getElementById("thesis-select").value = state.mode === "thesis" ? state.thesis : "";
    renderCruxPanel();
  }

  // ---------- actions ------------------------------------------------------------------------
  function openOverview() { state.mode = "overview"; render(); }
  function openThesis(t) { state.mode = "thesis"; state.thesis = t; state.selected = t; render(); showDetails(t); }
  function focusOn(id, thesis) {
    state.mode = "focus"; state.focus = id; state.via = thesis || null; state.selected = id;
    render(); showDetails(id);
  }
  function select(id) {
    if (!shownNodes.has(id)) { focusOn(id); return; }
    state.selected = id; network.selectNodes([id]); showDetails(id);
  }
  function reset() {
    Object.assign(state, { mode: "overview", thesis: null, depth: 1, focus: null, hops: 1, via: null, selected: null,
      authors: allAuthors(), theses: allTheses(), tag: "", types: new Set(["support", "attack"]) });
    document.getElementById("depth").value = "1";
    document.getElementById("hops").value = "1";
    document.getElementById("search").value = "";
    hideResults();
    syncFilterControls();
    clearDetails();
    setTab("cruxes");
    render();
  }

  // ---------- DOM helpers (text only) --------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const $ = (id) => document.getElementById(id);
  const swatch = (author) => { const s = el("span", { class: "swatch", title: authorName(author) }); s.style.background = colourOf(author); return s; };
  const setStatus = (text) => { $("status").textContent = text; };
  // three decimals, or two significant digits for the tiny swings of a saturated thesis
  const num = (x) => (x !== 0 && Math.abs(x) < 0.0005 ? x.toPrecision(2) : x.toFixed(3));
  const fmt = (x) => (x >= 0 ? "+" : "") + num(x);

  function setTab(name) {
    for (const t of ["cruxes", "details", "filters"]) {
      $("tab-" + t).setAttribute("aria-selected", String(t === name));
      $("panel-" + t).hidden = t !== name;
    }
  }

  // ---------- crux panel ---------------------------------------------------------------------
  const expanded = new Set();
  function renderCruxPanel() {
    const panel = $("panel-cruxes");
    panel.replaceChildren();
    if (!D.cruxes.length) {
      panel.append(el("p", { class: "hint" }, "No crux ranking was given to this build, so the overview shows each " +
        "thesis's most contested direct arguments instead."));
    } else {
      panel.append(el("p", { class: "hint" }, "Claims whose settlement would move a thesis most, weighted by how split " +
        "the authors are on them. Click one to focus the map on it."));
    }
    for (const t of D.theses) {
      if (!state.theses.has(t.id)) continue;
      const ranked = (cruxesFor.get(t.id) || []).filter((c) => passes(c.claim));
      if (!ranked.length && D.cruxes.length) continue;
      const section = el("section", { class: "crux-thesis", "data-thesis": t.id });
      section.append(el("h3", {}, el("button", { type: "button", on: { click: () => openThesis(t.id) } }, t.text)));
      const list = el("ol", {});
      const limit = expanded.has(t.id) ? ranked.length : 5;
      for (const c of ranked.slice(0, limit)) {
        const claim = claims.get(c.claim);
        const item = el("li", { class: "crux-item", "data-claim": c.claim, "data-rank": String(c.rank) },
          el("button", { type: "button", on: { click: () => focusOn(c.claim, t.id) } }, "#" + c.rank + " " + claim.gist),
          el("p", { class: "why clamped", title: "click to expand", on: { click: (ev) => ev.currentTarget.classList.toggle("clamped") } }, c.explanation),
          el("span", { class: "nums" }, "score " + num(c.score) + " · swing " + fmt(c.swing) + " · contest " +
            c.contest.toFixed(2) + " · ", swatch(claim.author), authorName(claim.author)));
        item.style.borderLeftColor = colourOf(claim.author);
        list.append(item);
      }
      section.append(list);
      if (ranked.length > 5) {
        section.append(el("button", { type: "button", class: "linkish crux-more", on: { click: () => {
          if (expanded.has(t.id)) expanded.delete(t.id); else expanded.add(t.id); renderCruxPanel(); } } },
        expanded.has(t.id) ? "show top 5" : "show all " + ranked.length));
      }
      panel.append(section);
    }
  }

  // ---------- detail panel -------------------------------------------------------------------
  function clearDetails() {
    $("panel-details").replaceChildren(el("p", { class: "hint" }, "Click a claim or thesis in the map, a crux or a search result."));
  }

  function relList(title, list, otherEnd) {
    if (!list.length) return [];
    return [el("h3", {}, title + " (" + list.length + ")"), el("ul", {}, ...list.map((r) => {
      const other = otherEnd(r);
      return el("li", { "data-rel": r.id },
        claims.has(other) ? swatch(claims.get(other).author) : el("span", { class: "badge" }, "thesis"),
        el("button", { type: "button", class: "linkish", on: { click: () => select(other) } }, textOf(other)),
        el("span", { class: "rel-why" }, r.rationale));
    }))];
  }

  function stanceList(id) {
    const list = stancesOn.get(id) || [];
    if (!list.length) return [el("h3", {}, "Positions"), el("p", { class: "hint" }, "No author takes a recorded stance.")];
    return [el("h3", {}, "Positions"), el("ul", { class: "stances" }, ...list.map((s) =>
      el("li", { class: "stance-" + s.stance }, swatch(s.author), authorName(s.author) + " " +
        (s.stance === "accept" ? "accepts" : "rejects") + " (" + s.basis + ")")))];
  }

  function showDetails(id) {
    const panel = $("panel-details");
    const parts = [];
    if (claims.has(id)) {
      const c = claims.get(id), src = sources.get(c.source);
      parts.push(el("h2", {}, c.gist));
      parts.push(el("p", { class: "meta" }, el("span", { class: "badge" }, c.kind), swatch(c.author), authorName(c.author),
        c.reportedBy ? " (reported by " + authorName(c.reportedBy) + ")" : "",
        c.tags.length ? " · " + c.tags.join(", ") : ""));
      parts.push(el("blockquote", { class: "quote" }, "“" + c.quote + "”"));
      const link = el("a", { href: "#source-view", class: "open-source", on: { click: (ev) => { ev.preventDefault(); openSource(c); } } },
        "show the quote in the source text");
      const source = el("p", { class: "meta" }, "Source: ", el("cite", {}, src.title), src.date ? " (" + src.date + ") · " : " · ", link);
      if (src.url && /^https?:\/\//i.test(src.url)) {
        source.append(" · ", el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer" }, "original ↗"));
      }
      parts.push(source);
      const cs = cruxesOf.get(id) || [];
      if (cs.length) {
        parts.push(el("h3", {}, "Crux scores"));
        parts.push(el("ul", {}, ...cs.map((k) => el("li", { class: "crux-score" },
          el("strong", {}, "#" + k.rank + " on "), el("button", { type: "button", class: "linkish", on: { click: () => openThesis(k.thesis) } },
            truncate(theses.get(k.thesis).text, 80)),
          el("span", { class: "rel-why" }, "score " + num(k.score) + " · swing " + fmt(k.swing) + " · contest " + k.contest.toFixed(2)),
          el("span", { class: "rel-why" }, k.explanation)))));
      }
      parts.push(...stanceList(id));
      parts.push(...relList("Supports", related(id, "out").filter((r) => r.type === "support"), (r) => r.to));
      parts.push(...relList("Attacks", related(id, "out").filter((r) => r.type === "attack"), (r) => r.to));
      parts.push(...relList("Supported by", related(id, "in").filter((r) => r.type === "support"), (r) => r.from));
      parts.push(...relList("Attacked by", related(id, "in").filter((r) => r.type === "attack"), (r) => r.from));
      parts.push(el("div", { class: "actions" },
        el("button", { type: "button", on: { click: () => focusOn(id) } }, "Focus on its neighbourhood"),
        ...c.reach.slice(0, 3).map((t) => el("button", { type: "button", title: theses.get(t).text, on: { click: () => openThesis(t) } },
          "Thesis: " + truncate(theses.get(t).text, 28)))));
    } else if (theses.has(id)) {
      const t = theses.get(id);
      parts.push(el("p", { class: "meta" }, el("span", { class: "badge" }, "thesis"), t.tags.join(", ")));
      parts.push(el("h2", {}, t.text));
      parts.push(el("div", { class: "actions" },
        el("button", { type: "button", on: { click: () => openThesis(id) } }, "Open thesis view"),
        el("button", { type: "button", on: { click: () => focusOn(id) } }, "Focus on its neighbourhood")));
      parts.push(...stanceList(id));
      const cs = cruxesFor.get(id) || [];
      if (cs.length) {
        parts.push(el("h3", {}, "Top cruxes"), el("ul", {}, ...cs.slice(0, 8).map((k) => el("li", {},
          el("button", { type: "button", class: "linkish", on: { click: () => focusOn(k.claim, id) } }, "#" + k.rank + " " + textOf(k.claim))))));
      }
      parts.push(...relList("Supported by", related(id, "in").filter((r) => r.type === "support"), (r) => r.from));
      parts.push(...relList("Attacked by", related(id, "in").filter((r) => r.type === "attack"), (r) => r.from));
    } else return;
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
    setTab("details");
  }

  function showRelation(id) {
    const r = rels.get(id);
    $("panel-details").replaceChildren(
      el("p", { class: "meta" }, el("span", { class: "badge" }, r.type)),
      el("h2", {}, el("button", { type: "button", class: "linkish", on: { click: () => select(r.from) } }, textOf(r.from))),
      el("p", { class: "meta" }, r.type === "support" ? "supports" : "attacks"),
      el("h2", {}, el("button", { type: "button", class: "linkish", on: { click: () => select(r.to) } }, textOf(r.to))),
      el("h3", {}, "Rationale"), el("p", {}, r.rationale));
    setTab("details");
  }

  // ---------- source viewer ------------------------------------------------------------------
  function openSource(c) {
    const src = sources.get(c.source);
    $("source-title").textContent = src.title;
    $("source-meta").textContent = [src.authors.map(authorName).join(", "), src.date, src.kind].filter(Boolean).join(" · ");
    const mark = el("mark", { id: "source-quote" }, src.text.slice(c.start, c.end));
    $("source-text").replaceChildren(document.createTextNode(src.text.slice(0, c.start)), mark,
      document.createTextNode(src.text.slice(c.end)));
    $("source-view").hidden = false;
    mark.scrollIntoView({ block: "center" });
    $("source-close").focus();
  }
  function closeSource() { $("source-view").hidden = true; }

  // ---------- search -------------------------------------------------------------------------
  function search(query) {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    return D.claims.filter((c) => terms.every((t) => c.hay.includes(t)))
      .sort((a, b) => crux(b.id) - crux(a.id) || byKey(a.id, b.id));
  }
  function snippet(text, term) {
    const i = text.toLowerCase().indexOf(term);
    if (i < 0) return [truncate(text, 140)];
    const from = Math.max(0, i - 60), to = Math.min(text.length, i + term.length + 60);
    return [(from ? "…" : "") + text.slice(from, i), el("mark", {}, text.slice(i, i + term.length)),
      text.slice(i + term.length, to) + (to < text.length ? "…" : "")];
  }
  function showResults() {
    const query = $("search").value, list = $("search-results");
    const found = search(query);
    if (!query.trim()) { hideResults(); return; }
    const term = query.toLowerCase().split(/\s+/).filter(Boolean)[0];
    list.replaceChildren(...(found.length ? found.slice(0, 40).map((c) => el("li", {},
      el("button", { type: "button", "data-claim": c.id, on: { click: () => { hideResults(); focusOn(c.id); } } },
        swatch(c.author), c.gist, el("span", { class: "snippet" }, "“", ...snippet(c.quote, term), "”"))))
      : [el("li", { class: "none" }, "No claim matches.")]));
    if (found.length > 40) list.append(el("li", { class: "none" }, (found.length - 40) + " more: refine the search."));
    list.hidden = false;
  }
  function hideResults() { $("search-results").hidden = true; }

  // ---------- controls -----------------------------------------------------------------------
  function buildControls() {
    const tsel = $("thesis-select");
    for (const t of D.theses) tsel.append(el("option", { value: t.id }, truncate(t.text, 60)));
    tsel.addEventListener("change", () => (tsel.value ? openThesis(tsel.value) : openOverview()));
    $("depth").addEventListener("change", () => {
      state.depth = Number($("depth").value);
      if (state.mode !== "thesis") { state.mode = "thesis"; state.thesis = state.thesis || D.theses[0].id; }
      render();
    });
    $("hops").addEventListener("change", () => {
      state.hops = Number($("hops").value);
      if (state.mode === "focus") render();
      else if (state.selected) focusOn(state.selected);
    });
    $("btn-overview").addEventListener("click", openOverview);
    $("btn-reset").addEventListener("click", reset);
    for (const t of ["cruxes", "details", "filters"]) $("tab-" + t).addEventListener("click", () => setTab(t));

    const tags = [...new Set(D.claims.flatMap((c) => c.tags))].sort(byKey);
    for (const tag of tags) $("f-tag").append(el("option", { value: tag }, tag));
    $("f-tag").addEventListener("change", () => { state.tag = $("f-tag").value; render(); });
    for (const box of $("f-relations").querySelectorAll("input")) {
      box.addEventListener("change", () => { if (box.checked) state.types.add(box.value); else state.types.delete(box.value); render(); });
    }
    const legend = $("legend-authors");
    for (const a of D.authors) {
      if (!a.claims) continue;
      const box = el("input", { type: "checkbox", value: a.id, "data-author": a.id });
      box.checked = true;
      box.addEventListener("change", () => { if (box.checked) state.authors.add(a.id); else state.authors.delete(a.id); render(); });
      $("f-authors").append(el("label", {}, box, " ", swatch(a.id), a.name + " (" + a.claims + ")"));
      legend.append(el("span", { class: "lg-author", title: a.name }, swatch(a.id), truncate(a.name, 20)));
    }
    for (const t of D.theses) {
      const box = el("input", { type: "checkbox", value: t.id, "data-thesis": t.id });
      box.checked = true;
      box.addEventListener("change", () => { if (box.checked) state.theses.add(t.id); else state.theses.delete(t.id); render(); });
      $("f-theses").append(el("label", {}, box, " " + truncate(t.text, 90)));
    }
    for (const [set, field] of [["f-authors", "authors"], ["f-theses", "theses"]]) {
      $(set).querySelector(".f-all").addEventListener("click", () => {
        state[field] = field === "authors" ? allAuthors() : allTheses(); syncFilterControls(); render(); });
      $(set).querySelector(".f-none").addEventListener("click", () => { state[field] = new Set(); syncFilterControls(); render(); });
    }
    let timer = 0;
    $("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(showResults, 120); });
    $("search").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { showResults(); const first = $("search-results").querySelector("button"); if (first) first.click(); }
    });
    $("source-close").addEventListener("click", closeSource);
    document.addEventListener("keydown", (ev) => {
      if (ev.key !== "Escape") return;
      if (!$("source-view").hidden) closeSource();
      else if (!$("search-results").hidden) hideResults();
      else { state.selected = null; network.unselectAll(); clearDetails(); }
    });
  }
  function syncFilterControls() {
    for (const box of $("f-authors").querySelectorAll("input")) box.checked = state.authors.has(box.value);
    for (const box of $("f-theses").querySelectorAll("input")) box.checked = state.theses.has(box.value);
    for (const box of $("f-relations").querySelectorAll("input")) box.checked = state.types.has(box.value);
    $("f-tag").value = state.tag;
  }

  // ---------- start --------------------------------------------------------------------------
  buildControls();
  render();  // computes the opening view before the network exists, so the first draw is the overview
  const options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1, hierarchical: { enabled: false } },
    nodes: { font: { face: "system-ui, DejaVu Sans, sans-serif" } },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 0.5 },
    interaction: { hover: true, tooltipDelay: 250, hideEdgesOnDrag: true, hideEdgesOnZoom: true, multiselect: false,
      keyboard: { enabled: true, bindToWindow: false } },
  };
  network = new vis.Network($("map"), { nodes: nodesView, edges: edgesView }, options);
  fit();
  network.on("click", (p) => {
    if (p.nodes.length) {
      state.selected = p.nodes[0];
      showDetails(p.nodes[0]);
    } else if (p.edges.length) showRelation(p.edges[0]);
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) focusOn(p.nodes[0]); });
  network.once("afterDrawing", () => { document.body.dataset.ready = "1"; });
  window.addEventListener("resize", () => fit());

  // for tests and the curious: the data sets, the network and the view logic
  window.cruxmap = { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView, state: state,
    render: render, openThesis: openThesis, focusOn: focusOn, openOverview: openOverview, reset: reset, search: search };
})();
