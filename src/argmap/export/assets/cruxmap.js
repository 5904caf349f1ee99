/* argmap crux map: the page logic.
 *
 * The map arrives as JSON in #argmap-data. Every text from it reaches the DOM through
 * textContent inside a bidi-isolated element (or vis-network's plain-string titles and canvas
 * labels, wrapped in Unicode isolates): never innerHTML. The network's two DataSets hold only the
 * current view; the whole map stays in plain arrays, so a view costs what it shows, not what the
 * map holds. Rows and their order come from Python (D.layers); this script picks what fits on a
 * row at a readable zoom, folds the rest into "+N" nodes, and places the rows.
 *
 * Every view has a URL hash (#thesis=ID&depth=N, #claim=ID&hops=N, #versus=A,B, #search=...),
 * so views can be linked and Back/Forward walk them.
 */
(function () {
  "use strict";

  const D = JSON.parse(document.getElementById("argmap-data").textContent);
  const CFG = D.config;
  const FONT = 14, THESIS_FONT = 16;
  const MIN_ZOOM = CFG.labelMin / FONT;  // the smallest zoom at which a 14-px label is still 10 px
  const GRID = { dx: 150, thesisDx: 290, dy: 165, pad: 12 };
  const KIND_SHAPE = { position: "star", premise: "dot", evidence: "square", prediction: "triangle",
    concession: "diamond" };
  const EDGE = { support: { color: "#0072B2", arrow: "arrow" }, attack: { color: "#D55E00", arrow: "bar" } };
  const INFERRED_DASHES = [6, 4];
  const FSI = "\u2068", PDI = "\u2069";
  const CAP = { heading: 220, quote: 700, why: 320, item: 160, card: 150, name: 48, label: 54, option: 70 };

  // ---------- indexes ----------------------------------------------------------------------
  const byId = (xs) => new Map(xs.map((x) => [x.id, x]));
  const claims = byId(D.claims), theses = byId(D.theses), sources = byId(D.sources);
  const authors = byId(D.authors), rels = byId(D.relations);
  const push = (map, key, value) => { const xs = map.get(key); if (xs) xs.push(value); else map.set(key, [value]); };
  const outRel = new Map(), inRel = new Map(), stancesOn = new Map();
  const cruxesFor = new Map(), cruxesOf = new Map(), scoreOn = new Map(), maxOn = new Map();
  for (const r of D.relations) { push(outRel, r.from, r); push(inRel, r.to, r); }
  for (const s of D.stances) push(stancesOn, s.target, s);
  for (const c of D.cruxes) {
    push(cruxesFor, c.thesis, c); push(cruxesOf, c.claim, c);
    if (!scoreOn.has(c.thesis)) scoreOn.set(c.thesis, new Map());
    scoreOn.get(c.thesis).set(c.claim, c.score);
    maxOn.set(c.thesis, Math.max(maxOn.get(c.thesis) || 0, c.score));
  }
  for (const cs of cruxesOf.values()) cs.sort((a, b) => b.score - a.score || a.rank - b.rank);
  const bestScore = (id) => { const cs = cruxesOf.get(id); return cs ? cs[0].score : 0; };
  for (const c of D.claims) {
    c.reach = c.reach.map((i) => D.theses[i].id);
    c.quote = sources.get(c.source).text.slice(c.start, c.end);
  }
  const versusPairs = new Map();
  for (const p of D.versus) versusPairs.set(pairKey(p.authors[0], p.authors[1]), p);
  function pairKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }

  const authorName = (id) => (authors.get(id) || { name: id }).name;
  const textOf = (id) => (claims.has(id) ? claims.get(id).gist : theses.has(id) ? theses.get(id).text : id);
  const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const isMore = (id) => typeof id === "string" && id.startsWith("more:");

  // Drawing order from Python: each claim's place in each thesis's rows, as a fraction of its row,
  // so rows of any view (a thesis or a focus) sort the same way. Built per thesis on first use.
  const orderCache = new Map();
  function orderIn(t) {
    let m = orderCache.get(t);
    if (m) return m;
    m = new Map();
    const layers = D.layers[theses.has(t) ? D.theses.findIndex((x) => x.id === t) : -1] || [];
    for (const row of layers) row.forEach((ci, i) => m.set(D.claims[ci].id, (i + 0.5) / row.length));
    orderCache.set(t, m);
    return m;
  }
  function orderKey(t, id) {
    const own = orderIn(t).get(id);
    if (own !== undefined) return own;
    const c = claims.get(id);  // outside this thesis's rows: its place under the first thesis it reaches
    for (const other of (c && c.reach) || []) { const o = orderIn(other).get(id); if (o !== undefined) return o; }
    return 0.5;
  }

  function split(id) {  // who holds a claim or thesis, who rejects it
    const yes = [], no = [];
    for (const s of stancesOn.get(id) || []) (s.stance === "accept" ? yes : no).push(s.author);
    return { yes, no };
  }
  const stanceOf = (author, id) => (stancesOn.get(id) || []).find((s) => s.author === author);
  const contest = (id) => { const { yes, no } = split(id); const n = yes.length + no.length;
    return n ? 4 * (yes.length / n) * (no.length / n) : 0; };

  // ---------- text: capped, isolated ---------------------------------------------------------
  function cut(text, n) {
    if (text.length <= n) return text;
    const head = text.slice(0, n - 1), space = head.lastIndexOf(" ");
    return (space > n * 0.6 ? head.slice(0, space) : head).replace(/[\s,;:.]+$/, "") + "…";
  }
  const iso = (text) => FSI + text + PDI;  // for plain strings: canvas labels, titles, options
  function words(text, n) {  // user text inside a control: isolated and capped, full text in the title
    const b = el("bdi", { dir: "auto" }, cut(text, n));
    if (text.length > n) b.title = cut(text, 1000);
    return b;
  }
  function long(tag, text, n, attrs, marks) {  // user text as a block: isolated, capped, with "more"
    const box = el(tag, Object.assign({ class: "ut" }, attrs || {}));
    const body = el("bdi", { dir: "auto" }, cut(text, n));
    box.append(marks ? marks[0] : "", body, marks ? marks[1] : "");  // our quote marks stay outside the isolate
    if (text.length > n) {
      const more = el("button", { type: "button", class: "more-text", "aria-expanded": "false" }, "more");
      more.addEventListener("click", () => {
        const open = more.getAttribute("aria-expanded") !== "true";
        body.textContent = open ? text : cut(text, n);
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "less" : "more";
      });
      box.append(" ", more);
    }
    return box;
  }
  const QUOTE = ["“", "”"];

  // ---------- authors: colour plus initials ----------------------------------------------------
  function badge(id) {
    const a = authors.get(id) || { name: id, initials: "?", colour: "#DDDDDD", ink: "#000000" };
    const b = el("span", { class: "ab", title: cut(a.name, 200) }, el("span", { "aria-hidden": "true" }, a.initials),
      el("span", { class: "sr" }, cut(a.name, CAP.name)));
    b.style.background = a.colour;
    b.style.color = a.ink;
    return b;
  }
  function who(id) {  // badge + name, never split across lines
    return el("span", { class: "who" }, badge(id), el("span", { "aria-hidden": "true" }, words(authorName(id), CAP.name)));
  }
  function holders(id) {  // "✓ A, B" then "✗ C" on its own line: a mark never wraps away from its names
    const { yes, no } = split(id), out = el("span", { class: "split" });
    const line = (ids, cls, mark, said) => {
      if (!ids.length) return;
      const row = el("span", { class: cls });
      ids.forEach((a, i) => {
        const item = el("span", { class: "nw" });
        if (i === 0) item.append(el("span", { class: "mark", "aria-hidden": "true" }, mark), el("span", { class: "sr" }, said + ": "));
        item.append(badge(a), el("span", { "aria-hidden": "true" }, words(authorName(a), 24)));
        row.append(i ? ", " : "", item);
      });
      out.append(row);
    };
    line(yes, "holds", "✓", "accept");
    line(no, "rejects", "✗", "reject");
    return out;
  }

  // ---------- vis items ----------------------------------------------------------------------
  function claimItem(c, size) {
    const a = authors.get(c.author) || { colour: "#DDDDDD", initials: "?" };
    return {
      id: c.id, ntype: "claim", author: c.author, kind: c.kind,
      label: a.initials + " · " + iso(cut(c.gist, CAP.label)), shape: KIND_SHAPE[c.kind] || "dot", size: size,
      title: iso(cut(c.gist, 300)) + "\n\n“" + iso(cut(c.quote, 400)) + "”\n— " + iso(cut(authorName(c.author), 80)) + " (" + c.kind + ")",
      color: { background: a.colour, border: "#222", highlight: { background: a.colour, border: "#000" },
        hover: { background: a.colour, border: "#000" } },
      opacity: 1, borderWidth: 1, borderWidthSelected: 3, widthConstraint: { maximum: 130 },
      font: { size: FONT, color: "#1a1a1a", background: "rgba(255,255,255,0.88)" },
    };
  }
  function thesisItem(t) {
    return {
      id: t.id, ntype: "thesis", label: iso(cut(t.text, 110)), title: "Thesis: " + iso(cut(t.text, 600)), shape: "box",
      margin: 10, borderWidth: 3, borderWidthSelected: 5, opacity: 1,
      color: { background: "#ffffff", border: "#000000", highlight: { background: "#fff8d6", border: "#000" },
        hover: { background: "#fff8d6", border: "#000" } },
      widthConstraint: { maximum: 260 }, font: { size: THESIS_FONT, color: "#000" },
    };
  }
  function moreItem(row) {
    const n = row.folded.length;
    return {
      id: "more:" + row.level, ntype: "more", label: "+" + n + " more", shape: "box", margin: 8, opacity: 1,
      title: "Show " + Math.min(n, budget()) + " more of the " + n + " folded here (in place)",
      color: { background: "#eeeeee", border: "#666", highlight: { background: "#e0e0e0", border: "#000" },
        hover: { background: "#e0e0e0", border: "#000" } },
      borderWidth: 1, shapeProperties: { borderDashes: [3, 3] }, font: { size: FONT, color: "#1a1a1a" },
    };
  }
  function edgeItem(r, against, skips) {
    // An edge up to the row above is the layout's own; one within a row or pointing down runs
    // against it (curved), one that skips rows crosses others: both recede until highlighted.
    const s = EDGE[r.type] || EDGE.support, faint = against || skips;
    return {
      id: r.id, from: r.from, to: r.to, rtype: r.type, provenance: r.provenance, faint: faint,
      dashes: r.provenance === "stated" ? false : INFERRED_DASHES, width: faint ? 1 : 1.7,
      color: { color: s.color, highlight: s.color, hover: s.color, opacity: faint ? 0.35 : 0.9 },
      arrows: { to: { enabled: true, type: s.arrow, scaleFactor: 0.7 } },
      smooth: against ? { enabled: true, type: "curvedCW", roundness: 0.25 } : false,
      title: r.type + " (" + r.provenance + "): " + iso(cut(r.rationale, 300)),
    };
  }

  const nodes = new vis.DataSet([]);
  const edges = new vis.DataSet([]);

  // ---------- state and filters --------------------------------------------------------------
  const allAuthors = () => new Set(D.authors.map((a) => a.id));
  const allTheses = () => new Set(D.theses.map((t) => t.id));
  const state = {
    mode: "overview", thesis: null, depth: 2, focus: null, hops: 1, via: null, a: null, b: null,
    selected: null, authors: allAuthors(), theses: allTheses(), tag: "", types: new Set(["support", "attack"]),
  };
  let extra = new Map();  // row level -> how many folded nodes each of the reader's unfoldings showed, in turn

  function passes(id) {
    if (theses.has(id)) return state.theses.has(id);
    const c = claims.get(id);
    if (!state.authors.has(c.author)) return false;
    if (state.tag && !c.tags.includes(state.tag)) return false;
    return !c.reach.length || c.reach.some((t) => state.theses.has(t));
  }
  const related = (id, dir) => ((dir === "in" ? inRel : outRel).get(id) || []).filter((r) => state.types.has(r.type));

  // ---------- views: rows of what fits, the rest folded ---------------------------------------
  function budget() {  // nodes per row that fit the canvas at a zoom where labels stay >= 10 px
    const w = $("map").clientWidth || 900;
    return Math.max(3, Math.floor((w - 2 * GRID.pad) / MIN_ZOOM / GRID.dx) - 1);
  }
  function viewThesis() {  // the thesis whose crux scores size the nodes
    if (state.mode === "thesis") return state.thesis;
    if (state.via && theses.has(state.via)) return state.via;
    const c = claims.get(state.focus);
    if (c && cruxesOf.has(c.id)) return cruxesOf.get(c.id)[0].thesis;
    return c && c.reach.length ? c.reach[0] : theses.has(state.focus) ? state.focus : null;
  }
  function priority(t) {  // best first: crux score on the thesis, then how split, how argued, id
    const s = scoreOn.get(t) || new Map(), keys = new Map();
    const key = (id) => {
      let k = keys.get(id);
      if (!k) { k = [s.get(id) || 0, contest(id), (inRel.get(id) || []).length]; keys.set(id, k); }
      return k;
    };
    return (a, b) => { const x = key(a), y = key(b); return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || byKey(a, b); };
  }
  function fold(level, candidates, forced, t) {
    // Keep the best `budget` (plus what the reader unfolded, plus what must stay), fold the rest.
    // Each unfolding is a block after the row's end, where its "+N more" stood, so it lands together.
    const ranked = candidates.slice().sort(priority(t));
    const ends = [budget()];
    for (const n of extra.get(level) || []) ends.push(ends[ends.length - 1] + n);
    const batch = new Map(ranked.map((id, i) => [id, forced.has(id) ? 0 : ends.findIndex((e) => i < e)]));
    const shown = ranked.filter((id) => batch.get(id) >= 0);
    const keep = new Set(shown);
    const x = new Map(shown.map((id) => [id, orderKey(t, id)]));
    return { level: level, shown: shown.sort((a, b) => batch.get(a) - batch.get(b) || x.get(a) - x.get(b) || byKey(a, b)),
      folded: ranked.filter((id) => !keep.has(id)) };
  }

  function thesisRows(t, depth) {
    const rows = [{ level: 0, shown: [t], folded: [] }];
    const taken = new Set([t]);
    let above = [t];
    for (let level = 1; level <= depth && above.length; level++) {
      const cands = [];
      for (const v of above) for (const r of related(v, "in")) {
        if (!taken.has(r.from) && passes(r.from)) { taken.add(r.from); cands.push(r.from); }
      }
      if (!cands.length) break;
      const row = fold(level, cands, new Set(), t);
      rows.push(row);
      above = row.shown;
    }
    return rows;
  }

  function focusRows(center, hops, via) {
    const t = viewThesis();
    const path = via ? pathTo(center, via) : [];
    const forced = new Set(path);
    const rows = [{ level: 0, shown: [center], folded: [] }];
    const taken = new Set([center]);
    for (const dir of [-1, 1]) {  // up: what it bears on; down: what bears on it
      let near = [center];
      for (let k = 1; near.length && (k <= hops || (dir < 0 && k < path.length)); k++) {
        const cands = [];
        const add = (id) => { if (!taken.has(id) && (forced.has(id) || passes(id))) { taken.add(id); cands.push(id); } };
        if (k <= hops) for (const v of near) for (const r of related(v, dir < 0 ? "out" : "in")) add(dir < 0 ? r.to : r.from);
        if (dir < 0 && k < path.length) add(path[k]);
        if (!cands.length) break;
        const row = fold(dir * k, cands, forced, t);
        row.shown = underNeighbours(row.shown, near, dir < 0 ? "in" : "out", t);
        if (dir < 0) rows.unshift(row); else rows.push(row);
        near = row.shown;
      }
    }
    return rows;
  }

  function underNeighbours(row, near, dir, t) {
    // A focus view mixes rows of several theses, so the build-time order alone leaves edges
    // crossing: each row is sorted by the mean place of its neighbours in the row nearer the
    // focused claim (half a barycentre sweep), ties by the build-time order.
    const at = new Map(near.map((id, i) => [id, (i + 0.5) / near.length]));
    const key = new Map(row.map((id) => {
      const xs = related(id, dir).map((r) => at.get(dir === "in" ? r.from : r.to)).filter((x) => x !== undefined);
      return [id, xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : orderKey(t, id)];
    }));
    return row.slice().sort((a, b) => key.get(a) - key.get(b) || orderKey(t, a) - orderKey(t, b) || byKey(a, b));
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

  function reachCount(t, depth) {  // claims within `depth` steps of the thesis that pass the filters
    const seen = new Set([t]);
    let frontier = [t];
    for (let d = 1; d <= depth && frontier.length; d++) {
      const next = [];
      for (const v of frontier) for (const r of related(v, "in")) if (!seen.has(r.from) && passes(r.from)) { seen.add(r.from); next.push(r.from); }
      frontier = next;
    }
    return seen.size - 1;
  }

  function place(rows) {
    // One row per level, y by level (0 = the thesis or the focused claim), each row centred on
    // x = 0 with its "+N" node at the end.
    const pos = new Map();
    if (!rows.length) return pos;
    for (const row of rows) {
      const ids = row.folded.length ? [...row.shown, "more:" + row.level] : row.shown;
      const width = (id) => (theses.has(id) ? GRID.thesisDx : GRID.dx);
      const total = ids.reduce((s, id) => s + width(id), 0);
      let x = -total / 2;
      for (const id of ids) { pos.set(id, { x: Math.round(x + width(id) / 2), y: row.level * GRID.dy }); x += width(id); }
    }
    const centre = rows.find((r) => r.level === 0).shown[0];  // the root sits at x = 0 whatever its row holds
    const shift = pos.get(centre).x;
    if (shift) for (const p of pos.values()) p.x -= shift;
    return pos;
  }

  // ---------- mounting a view ----------------------------------------------------------------
  let network = null, rowsNow = [], mounted = new Map();
  let cam = null;  // the view's opening camera, re-applied when the canvas resizes until the reader moves it

  function mount(rows) {
    const t = viewThesis(), s = scoreOn.get(t) || new Map(), top = maxOn.get(t) || 0;
    let total = rows.reduce((n, r) => n + r.shown.length, 0);
    if (total > CFG.maxMount) {  // the cap: deepest rows lose their lowest-priority nodes; the root never
      for (const row of rows.slice().sort((a, b) => Math.abs(b.level) - Math.abs(a.level))) {
        if (total <= CFG.maxMount || row.level === 0) continue;
        const ranked = row.shown.slice().sort(priority(t));
        const drop = new Set(ranked.slice(Math.max(0, ranked.length - (total - CFG.maxMount))));
        row.shown = row.shown.filter((id) => !drop.has(id));
        row.folded = [...drop, ...row.folded];
        total -= drop.size;
      }
    }
    const pos = place(rows);
    const items = [];
    for (const row of rows) {
      for (const id of row.shown) {
        const base = theses.has(id) ? thesisItem(theses.get(id))
          : claimItem(claims.get(id), 12 + (top > 0 ? 22 * (s.get(id) || 0) / top : 0));
        items.push(Object.assign(base, pos.get(id)));
      }
      if (row.folded.length) items.push(Object.assign(moreItem(row), pos.get("more:" + row.level)));
    }
    const links = [];
    for (const row of rows) for (const id of row.shown) for (const r of related(id, "out")) {
      if (!pos.has(r.to) || isMore(r.to)) continue;
      const a = pos.get(r.from), b = pos.get(r.to);
      links.push(edgeItem(r, b.y >= a.y, a.y - b.y > GRID.dy * 1.5));
    }
    mounted = new Map(items.map((n) => [n.id, n]));
    rowsNow = rows;
    const gone = nodes.getIds().filter((id) => !mounted.has(id));
    nodes.remove(gone);
    nodes.update(items);
    const keepEdges = new Set(links.map((e) => e.id));
    edges.remove(edges.getIds().filter((id) => !keepEdges.has(id)));
    edges.update(links);
    return pos;
  }

  function camera(pos, centred) {
    // The opening zoom: everything if it fits at >= MIN_ZOOM, else MIN_ZOOM from the top row
    // (a thesis view) or around the focused claim (a focus view), which stays in the middle.
    if (!network || !pos.size) return;
    const box = $("map"), w = box.clientWidth - 2 * GRID.pad, h = box.clientHeight - 2 * GRID.pad - 24;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const [id, p] of pos) {
      const hw = (theses.has(id) ? GRID.thesisDx : GRID.dx) / 2, up = theses.has(id) ? 70 : 40;
      x0 = Math.min(x0, p.x - hw); x1 = Math.max(x1, p.x + hw); y0 = Math.min(y0, p.y - up); y1 = Math.max(y1, p.y + 95);
    }
    let scale, x, y;
    if (centred) {
      scale = Math.min(1, w / 2 / Math.max(-x0, x1, 1), h / 2 / Math.max(-y0, y1, 1));
      scale = Math.max(scale, MIN_ZOOM); x = 0; y = 0;
    } else {
      scale = Math.min(1, w / (x1 - x0), h / (y1 - y0));
      if (scale >= MIN_ZOOM) { x = (x0 + x1) / 2; y = (y0 + y1) / 2; } else {
        scale = MIN_ZOOM; x = Math.max(x0 + w / 2 / scale, Math.min(0, x1 - w / 2 / scale)); y = y0 + h / 2 / scale;
      }
    }
    network.moveTo({ position: { x: x, y: y - 12 / scale }, scale: scale, animation: false });
  }

  function zoomBy(f) {
    if (cam) cam.touched = true;
    network.moveTo({ scale: Math.max(0.05, Math.min(3, network.getScale() * f)), animation: false });
  }
  function fitAll() { if (cam) cam.touched = true; network.fit({ animation: false }); }

  // ---------- neighbourhood highlight ---------------------------------------------------------
  let lit = null, picked = null;  // highlighted now; picked by the reader (a view's own root is not)
  function highlight(id) {
    if (!network || lit === id) return;
    lit = id && mounted.has(id) ? id : null;
    const near = new Set(lit ? [lit] : []), touching = new Set();
    if (lit) for (const e of edges.get()) if (e.from === lit || e.to === lit) { near.add(e.from); near.add(e.to); touching.add(e.id); }
    nodes.update(nodes.getIds().map((n) => {
      const on = !lit || near.has(n), base = mounted.get(n);
      return { id: n, opacity: on ? 1 : 0.2, font: Object.assign({}, base.font, { color: on ? base.font.color : "rgba(26,26,26,0.3)" }) };
    }));
    edges.update(edges.get().map((e) => {
      const base = EDGE[e.rtype] || EDGE.support, faint = e.faint;
      const on = !lit || touching.has(e.id);
      return { id: e.id, width: on && lit ? 2.6 : faint ? 1 : 1.7,
        color: { color: base.color, highlight: base.color, hover: base.color, opacity: on ? (faint && !lit ? 0.35 : 0.9) : 0.08 } };
    }));
  }

  // ---------- rendering the state ---------------------------------------------------------------
  let missing = "";  // the id a link asked for that is not in the map
  function render() {
    rendered = true;
    let rows = [], centred = false;
    if (state.mode === "thesis" && theses.has(state.thesis)) rows = thesisRows(state.thesis, state.depth);
    else if (state.mode === "focus" && (claims.has(state.focus) || theses.has(state.focus))) {
      rows = focusRows(state.focus, state.hops, state.via); centred = true;
    } else if (state.mode !== "versus") {  // a link to an id this map lacks says so, not just the overview
      const asked = state.mode === "thesis" ? state.thesis : state.mode === "focus" ? state.focus : null;
      missing = asked ? "No " + (state.mode === "thesis" ? "thesis" : "claim") + " “" + asked + "” in this map: here is the overview." : "";
      state.mode = "overview";
    }
    const onCanvas = state.mode === "thesis" || state.mode === "focus";
    $("board").hidden = state.mode !== "overview";
    $("versus").hidden = state.mode !== "versus";
    $("zoom").hidden = !onCanvas;
    $("map").inert = !onCanvas;  // no Tab stop on a canvas hidden under the board
    $("depth").disabled = state.mode !== "thesis";
    $("hops").disabled = state.mode !== "focus";
    $("depth").value = String(state.depth > 50 ? 99 : state.depth);
    $("hops").value = String(state.hops);
    $("thesis-select").value = state.mode === "thesis" ? state.thesis : "";
    if (state.mode === "overview") renderBoard();
    if (state.mode === "versus") renderVersus();
    lit = null; picked = null;
    const pos = mount(rows);
    cam = { apply: () => camera(pos, centred), touched: false };
    if (network) cam.apply();
    if (network && state.selected && mounted.has(state.selected)) network.selectNodes([state.selected]);
    else if (network) network.unselectAll();
    renderViewList();
    renderLegendAuthors();
    setStatus(statusText());
  }

  function statusText() {
    const shown = rowsNow.reduce((n, r) => n + r.shown.filter((id) => claims.has(id)).length, 0);
    const folded = rowsNow.reduce((n, r) => n + r.folded.length, 0);
    const t = viewThesis(), sized = t && maxOn.get(t) ? " · size: crux score on " + (state.mode === "thesis" ? "this thesis" : "“" + cut(textOf(t), 40) + "”") : "";
    const fold = folded ? ", " + folded + " folded into +N" : "";
    if (state.mode === "thesis") {
      const d = state.depth > 50 ? "all" : state.depth, reach = reachCount(state.thesis, state.depth);
      const below = reach - shown - folded;  // the reasons of folded claims come with them when unfolded
      return "Depth " + d + ": " + shown + " of " + reach + " claims shown" + fold +
        (below > 0 ? ", " + below + " more behind the folded ones" : "") + sized;
    }
    if (state.mode === "focus") return "Focus, " + state.hops + " hop" + (state.hops > 1 ? "s" : "") + ": " + shown + " claims" + fold + sized;
    return "";
  }

  function expand(level, count) {  // unfold the next `count` (a row's worth) of a row's folded claims
    const row = rowsNow.find((r) => r.level === level);
    if (!row || !row.folded.length) return [];
    const before = new Set(row.shown);
    extra.set(level, [...(extra.get(level) || []), count || budget()]);
    const keep = network.getViewPosition(), scale = network.getScale();
    render();
    const now = rowsNow.find((r) => r.level === level);
    const added = now ? now.shown.filter((id) => !before.has(id)) : [];
    // In place: the zoom stays, and the camera too unless the unfolded claims (and the row's next
    // "+N more") would be off-screen; then it pans just enough to show them (their start, when
    // they are wider than the screen).
    const at = { x: keep.x, y: keep.y };
    const p = network.getPositions([...added, "more:" + level].filter((id) => mounted.has(id))), ids = Object.keys(p);
    if (ids.length) {
      const box = $("map"), pad = GRID.pad / scale;
      const xs = ids.map((i) => p[i].x), ys = ids.map((i) => p[i].y);
      at.x = shift(at.x, box.clientWidth / 2 / scale - pad, Math.min(...xs) - GRID.dx / 2, Math.max(...xs) + GRID.dx / 2);
      at.y = shift(at.y, box.clientHeight / 2 / scale - pad, Math.min(...ys) - 40, Math.max(...ys) + 95);
    }
    cam.apply = () => network.moveTo({ position: at, scale: scale, animation: false });
    cam.apply();
    return added;
  }
  function shift(centre, half, lo, hi) {  // the least move of a window [centre ± half] that shows [lo, hi]
    if (hi - lo > 2 * half) return lo + half;
    if (hi > centre + half) return hi - half;
    if (lo < centre - half) return lo + half;
    return centre;
  }

  // ---------- the board (opening view) ---------------------------------------------------------
  function contested(t) {  // a crux splits the authors; the ranking also scores claims nobody disputes (at 0)
    return (cruxesFor.get(t) || []).filter((c) => c.contest > 0);
  }

  function laneCruxes(t) {
    const ranked = contested(t);
    if (ranked.length) {
      return { ranked: true, items: ranked.filter((c) => passes(c.claim))
        .map((c) => ({ claim: c.claim, rank: c.rank, lowers: c.swing === 0 ? null : c.swing < 0 })) };
    }
    const direct = [...new Set((inRel.get(t) || []).filter((r) => claims.has(r.from) && passes(r.from)).map((r) => r.from))];
    const typeTo = (id) => (outRel.get(id) || []).find((r) => r.to === t).type;
    direct.sort((a, b) => contest(b) - contest(a) || byKey(a, b));
    return { ranked: false, items: direct.map((id) => ({ claim: id, rank: null, lowers: typeTo(id) === "attack" })) };
  }
  const openLanes = new Set();

  function cruxCard(p, t, cls) {
    const c = claims.get(p.claim);
    const sup = (inRel.get(p.claim) || []).filter((r) => r.type === "support").length;
    const att = (inRel.get(p.claim) || []).filter((r) => r.type === "attack").length;
    const dir = p.lowers === null ? "" : p.lowers ? "↓ lowers the thesis" : "↑ raises the thesis";
    const card = el("button", { type: "button", class: cls, "data-claim": p.claim, on: { click: () => go({ mode: "focus", focus: p.claim, via: t, hops: state.hops }) } },
      el("span", { class: "lane-text" }, el("strong", {}, p.rank ? "#" + p.rank + " " : ""), words(c.gist, CAP.card)),
      el("span", { class: "lane-meta" }, who(c.author), holders(p.claim),
        el("span", { class: "lane-deg" }, el("span", { class: "nw" }, "▲" + sup + " ▼" + att), dir ? " " : "", dir ? el("span", { class: "nw" }, dir) : "")));
    card.style.borderColor = (authors.get(c.author) || { colour: "#999" }).colour;
    return card;
  }

  function renderBoard() {
    const board = $("board-lanes");
    board.replaceChildren();
    board.style.setProperty("--lane-k", String(CFG.laneCruxes));
    for (const t of D.theses) {
      if (!state.theses.has(t.id)) continue;
      const lane = laneCruxes(t.id), top = lane.items.slice(0, CFG.laneCruxes), rest = lane.items.slice(CFG.laneCruxes);
      const row = el("div", { class: "lane", role: "listitem", "data-thesis": t.id });
      row.append(el("button", { type: "button", class: "lane-thesis", on: { click: () => go({ mode: "thesis", thesis: t.id, depth: state.depth }) } },
        el("span", { class: "lane-text" }, words(t.text, CAP.card)), holders(t.id)));
      for (const p of top) row.append(cruxCard(p, t.id, "lane-card"));
      for (let i = top.length; i < CFG.laneCruxes; i++) row.append(el("span", { class: "lane-empty" }));
      const listId = "lane-rest-" + D.theses.indexOf(t);
      if (rest.length) {
        const open = openLanes.has(t.id);
        row.append(el("button", { type: "button", class: "lane-more", "aria-expanded": String(open), "aria-controls": listId,
          on: { click: () => { if (openLanes.has(t.id)) openLanes.delete(t.id); else openLanes.add(t.id); renderBoard();
            const again = board.querySelector(".lane[data-thesis='" + CSS.escape(t.id) + "'] .lane-more"); if (again) again.focus(); } } },
        open ? "hide the other " + rest.length : "+" + rest.length + " more " + (lane.ranked ? "cruxes" : "arguments")));
      } else {
        row.append(el("span", { class: "lane-empty lane-none" }, top.length ? "" : "no claim passes the filters"));
      }
      board.append(row);
      if (rest.length && openLanes.has(t.id)) {
        board.append(el("div", { class: "lane-rest", role: "listitem" }, el("ol", { id: listId, "aria-label": "More on: " + cut(t.text, 80) },
          ...rest.map((p) => el("li", {}, cruxCard(p, t.id, "rest-card"))))));
      }
    }
    $("board-note").textContent = [missing, D.cruxes.length ? ""
      : "No crux ranking was given to this build: each lane shows the thesis's most contested direct arguments."].filter(Boolean).join(" ");
    missing = "";  // said once, for the link that asked
  }

  // ---------- versus: where two authors part ways ------------------------------------------------
  function renderVersus() {
    const a = state.a, b = state.b, box = $("versus-body");
    $("vs-a").value = authors.has(a) ? a : ""; $("vs-b").value = authors.has(b) ? b : "";
    const title = $("versus-title");
    title.replaceChildren();
    if (!authors.has(a) || !authors.has(b) || a === b) {
      title.append("Versus");
      const unknown = [a, b].find((x) => x && !authors.has(x));
      box.replaceChildren(el("p", { class: "hint" }, (unknown ? "No author “" + cut(unknown, 60) + "” in this map. " : "") +
        "Pick two different authors above to see where they part ways."));
      return;
    }
    title.append(who(a), " vs ", who(b));
    const pair = versusPairs.get(pairKey(a, b));
    const points = pair ? pair.points : [];
    if (!points.length) {
      const names = cut(authorName(a), 60) + " and " + cut(authorName(b), 60);
      box.replaceChildren(el("p", { class: "hint" }, pair
        ? "This map records no point where " + names + " part ways."
        : D.versus.length || D.cruxes.length  // the build pairs authors who declare opposite stances on a thesis
          ? "The page compares authors who declare opposite stances on a thesis; " + names + " do not. " +
            "For any two authors: argmap cruxes --between " + a + " " + b + "."
          : "This build was given no pairwise analysis (argmap cruxes --between)."));
      return;
    }
    const byThesis = new Map();
    for (const p of points) push(byThesis, p.thesis, p);
    const order = [...byThesis.keys()].sort((x, y) => byThesis.get(y)[0].score - byThesis.get(x)[0].score ||
      D.theses.findIndex((t) => t.id === x) - D.theses.findIndex((t) => t.id === y));
    const parts = [el("p", { class: "vs-summary" }, points.length + " point" + (points.length > 1 ? "s" : "") + " on " +
      order.length + " thes" + (order.length > 1 ? "es" : "is") + ", most consequential first. " +
      doubles(points))];
    for (const t of order) {
      const section = el("section", { class: "vs-thesis", "data-thesis": t });
      section.append(el("h3", {}, el("button", { type: "button", class: "linkish", on: { click: () => go({ mode: "thesis", thesis: t, depth: state.depth }) } },
        words(textOf(t), CAP.heading))));
      const sides = (pair.sides || {})[t] || {};
      section.append(el("p", { class: "vs-stances" }, stanceLine(a, t, sides[a]), stanceLine(b, t, sides[b])));
      for (const p of byThesis.get(t)) section.append(versusPoint(p, a, b));
      parts.push(section);
    }
    box.replaceChildren(...parts);
  }
  function doubles(points) {
    const n = points.filter((p) => p.double_crux).length;
    const what = "settled either way, it would close part of their gap";
    return n === 0 ? "None is a double crux (a claim that, " + what + ")."
      : (n === 1 ? "1 is a double crux: " : n + " are double cruxes: ") + what + ".";
  }
  function stanceLine(a, id, side) {  // declared, else the side the author's standing falls on
    const s = stanceOf(a, id);
    const standing = side && side.standing != null ? ", standing " + side.standing.toFixed(2) : "";
    const text = s ? (s.stance === "accept" ? "✓ accepts" : "✗ rejects") + " (" + basisWords(s.basis) + ")"
      : side && side.side ? (side.side === "accept" ? "leans to accept" : "leans to reject") + " (from the map)"
      : "takes no recorded stance";
    return el("span", { class: "nw vs-stance " + (s ? "stance-" + s.stance : "") }, who(a), " " + text + standing);
  }
  const HOW = { supports: "claims they hold support it", attacks: "claims they hold attack it", relies: "their reasons rely on it" };
  const basisWords = (b) => CFG.basisWords[b] || b;  // as the briefs say it (model.BASIS_WORDS)
  const KINDS = { stance: "opposite stances", attack: "declared vs attacked", reason: "a reason one relies on" };
  function heldBy(x, p) {  // the pair analysis's side, else the declared stance
    const held = (p.held || {})[x], s = stanceOf(x, p.claim);
    if (!held) return s ? (s.stance === "accept" ? "✓ holds it" : "✗ rejects it") + " (" + basisWords(s.basis) + ")" : "no recorded stance on it";
    const how = held.basis !== "declared" ? HOW[held.basis] || held.basis
      : claims.get(p.claim).author === x ? "their own claim" : s ? basisWords(s.basis) : "declared";
    return (held.side === "accepts" ? "✓ holds it" : "✗ rejects it") + " (" + how + ")";
  }
  function versusPoint(p, a, b) {
    const c = claims.get(p.claim);
    const art = el("article", { class: "vs-point" + (p.double_crux ? " double" : ""), "data-claim": p.claim });
    art.append(el("p", { class: "vs-head" }, el("span", { class: "vs-kind" }, p.double_crux ? "double crux" : cut(KINDS[p.kind] || p.kind || "disagreement", 40)),
      " consequence " + p.score.toFixed(3) + " · claim by ", who(c.author)));
    art.append(el("h4", {}, el("button", { type: "button", class: "linkish", on: { click: () => showDetails(p.claim, true) } }, words(c.gist, CAP.heading))));
    const cols = el("div", { class: "vs-quotes" });
    for (const x of [a, b]) {
      const fig = el("figure", { class: "vs-q", "data-author": x });
      fig.append(el("figcaption", {}, who(x), " " + heldBy(x, p)));
      const qs = p.quotes.filter((q) => q.author === x);
      if (!qs.length) fig.append(el("p", { class: "hint" }, "No quote of theirs bears on this claim directly."));
      for (const q of qs) {
        if (q.claim && claims.has(q.claim)) {
          const qc = claims.get(q.claim);
          fig.append(long("blockquote", qc.quote, CAP.quote, { class: "ut quote" }, QUOTE));
          const own = q.claim === p.claim;
          fig.append(el("p", { class: "meta" },
            el("a", { href: "#source-view", class: "open-source", on: { click: (ev) => { ev.preventDefault(); openSource(qc, ev.currentTarget); } } }, "in the source"),
            own ? "" : " · their claim: ",
            own ? "" : el("button", { type: "button", class: "linkish", on: { click: () => showDetails(q.claim, true) } }, words(qc.gist, CAP.item)),
            qc.reportedBy ? el("span", { class: "reported" }, " · words of ", words(authorName(qc.reportedBy), CAP.name), " reporting the view") : ""));
          const link = own ? null : (outRel.get(q.claim) || []).find((r) => r.to === p.claim);
          if (link) {  // how their claim bears on the point, and whose reading that is (as the versus brief says)
            fig.append(el("p", { class: "vs-link" }, "It " + link.type + "s the point (" + (CFG.provenanceWords[link.provenance] || link.provenance) + "): ",
              long("span", link.rationale, CAP.why, { class: "ut" })));
          }
        } else if (q.text) fig.append(long("blockquote", q.text, CAP.quote, { class: "ut quote" }, QUOTE));
      }
      cols.append(fig);
    }
    art.append(cols);
    if (p.explanation) art.append(long("p", p.explanation, CAP.why, { class: "ut vs-why" }));
    art.append(el("div", { class: "actions" },
      el("button", { type: "button", on: { click: () => go({ mode: "focus", focus: p.claim, via: p.thesis, hops: state.hops }) } }, "Show in the map"),
      copyButton(hashFor({ mode: "focus", focus: p.claim, via: p.thesis, hops: 1 }))));
    return art;
  }

  // ---------- crux panel -----------------------------------------------------------------------
  const expandedCruxes = new Set();
  function renderCruxPanel() {
    const panel = $("panel-cruxes");
    panel.replaceChildren(el("p", { class: "hint" }, D.cruxes.length
      ? "Claims whose settlement would move a thesis most, weighted by how split the authors are on them. Click one to focus the map on it."
      : "No crux ranking was given to this build, so the overview shows each thesis's most contested direct arguments instead."));
    for (const t of D.theses) {
      if (!state.theses.has(t.id)) continue;
      const ranked = contested(t.id).filter((c) => passes(c.claim));
      if (!ranked.length && D.cruxes.length) continue;
      const section = el("section", { class: "crux-thesis", "data-thesis": t.id });
      section.append(el("h3", {}, el("button", { type: "button", on: { click: () => go({ mode: "thesis", thesis: t.id, depth: state.depth }) } }, words(t.text, CAP.heading))));
      const list = el("ol", {});
      const limit = expandedCruxes.has(t.id) ? ranked.length : 5;
      for (const c of ranked.slice(0, limit)) {
        const claim = claims.get(c.claim);
        const item = el("li", { class: "crux-item", "data-claim": c.claim, "data-rank": String(c.rank) },
          el("button", { type: "button", on: { click: () => go({ mode: "focus", focus: c.claim, via: t.id, hops: state.hops }) } },
            "#" + c.rank + " ", words(claim.gist, CAP.item)),
          long("p", c.explanation, 180, { class: "ut why" }),
          el("span", { class: "nums" }, "score " + num(c.score) + " · swing " + fmt(c.swing) + " · contest " +
            c.contest.toFixed(2) + " · ", who(claim.author)));
        item.style.borderLeftColor = (authors.get(claim.author) || { colour: "#ccc" }).colour;
        list.append(item);
      }
      section.append(list);
      if (ranked.length > 5) {
        section.append(el("button", { type: "button", class: "linkish crux-more", "aria-expanded": String(expandedCruxes.has(t.id)), on: { click: (ev) => {
          if (expandedCruxes.has(t.id)) expandedCruxes.delete(t.id); else expandedCruxes.add(t.id);
          const at = ev.currentTarget.closest("section").dataset.thesis;
          renderCruxPanel();
          const again = $("panel-cruxes").querySelector("section[data-thesis='" + CSS.escape(at) + "'] .crux-more"); if (again) again.focus(); } } },
        expandedCruxes.has(t.id) ? "show top 5" : "show all " + ranked.length));
      }
      panel.append(section);
    }
  }

  function renderLegendAuthors() {  // who is drawn now: colour and initials with the name
    const here = new Set();
    for (const row of rowsNow) for (const id of row.shown) if (claims.has(id)) here.add(claims.get(id).author);
    $("legend-authors").replaceChildren(...D.authors.filter((a) => here.has(a.id)).map((a) => el("li", {}, who(a.id))));
    $("legend").hidden = !here.size && !rowsNow.length;
  }

  // ---------- the "In view" list: the canvas as focusable DOM ------------------------------------
  function rowName(level) {
    if (state.mode === "thesis") return level === 0 ? "Thesis" : level === 1 ? "Direct arguments" : "Arguments " + level + " steps down";
    if (level === 0) return "Focused claim";
    return level < 0 ? "What it bears on, " + -level + " step" + (level < -1 ? "s" : "") + " up"
      : "What bears on it, " + level + " step" + (level > 1 ? "s" : "") + " down";
  }
  function renderViewList() {
    const box = $("view-rows");
    if (state.mode !== "thesis" && state.mode !== "focus") {
      box.replaceChildren(el("p", { class: "hint" }, "Open a thesis or focus on a claim: what the map draws is listed here, row by row."));
      return;
    }
    const parts = [];
    for (const row of rowsNow) {
      parts.push(el("h3", {}, rowName(row.level) + " (" + row.shown.length + " of " + (row.shown.length + row.folded.length) + ")"));
      const list = el("ul", { class: "view-row", "data-level": String(row.level) });
      for (const id of row.shown) {
        list.append(el("li", {}, el("button", { type: "button", class: "view-item", "data-node": id, on: { click: () => showDetails(id, true) } },
          claims.has(id) ? badge(claims.get(id).author) : el("span", { class: "tag" }, "thesis"), " ", words(textOf(id), CAP.item))));
      }
      if (row.folded.length) {
        list.append(el("li", {}, el("button", { type: "button", class: "view-more", "data-level": String(row.level), on: { click: () => {
          const added = expand(row.level);
          const first = added.length && $("view-rows").querySelector(".view-item[data-node='" + CSS.escape(added[0]) + "']");
          if (first) first.focus(); } } }, "+" + row.folded.length + " more in this row")));
      }
      parts.push(list);
    }
    box.replaceChildren(...parts);
  }

  // ---------- detail panel -------------------------------------------------------------------
  function clearDetails() {
    $("panel-details").replaceChildren(el("p", { class: "hint" }, "Click a claim or thesis in the map, a crux or a search result."));
  }
  const LIST_FIRST = 12;  // a hub has hundreds of supporters: the first dozen, then "show all"
  function relList(title, list, otherEnd) {
    if (!list.length) return [];
    const item = (r) => {
      const other = otherEnd(r);
      return el("li", { "data-rel": r.id },
        claims.has(other) ? badge(claims.get(other).author) : el("span", { class: "tag" }, "thesis"), " ",
        el("button", { type: "button", class: "linkish", on: { click: () => select(other) } }, words(textOf(other), CAP.item)),
        el("span", { class: "prov prov-" + r.provenance }, r.provenance),
        long("span", r.rationale, 200, { class: "ut rel-why" }));
    };
    const ul = el("ul", {}, ...list.slice(0, LIST_FIRST).map(item));
    if (list.length > LIST_FIRST) {
      const rest = el("li", {}, el("button", { type: "button", class: "linkish list-more", on: { click: () => {
        const added = list.slice(LIST_FIRST).map(item);
        rest.replaceWith(...added);
        added[0].querySelector("button").focus();
      } } }, "show all " + list.length));
      ul.append(rest);
    }
    return [el("h3", {}, title + " (" + list.length + ")"), ul];
  }
  function stanceList(id) {
    const list = stancesOn.get(id) || [];
    if (!list.length) return [el("h3", {}, "Positions"), el("p", { class: "hint" }, "No author takes a recorded stance.")];
    return [el("h3", {}, "Positions"), el("ul", { class: "stances" }, ...list.map((s) =>
      el("li", { class: "stance-" + s.stance }, el("span", { class: "nw" }, el("span", { class: "mark", "aria-hidden": "true" }, s.stance === "accept" ? "✓" : "✗"),
        who(s.author)), " " + (s.stance === "accept" ? "accepts" : "rejects") + " (" + s.basis + ")")))];
  }
  function copyButton(hash) {
    const wrap = el("span", { class: "copy" });
    const link = () => location.href.split("#")[0] + hash;
    const btn = el("button", { type: "button", class: "copy-link", "data-hash": hash, on: { click: () => {
      const field = el("input", { type: "text", readonly: "", class: "link-field", dir: "ltr", "aria-label": "Link to this view" });
      field.value = link();
      wrap.querySelectorAll(".link-field, .copied").forEach((x) => x.remove());
      wrap.append(field);
      field.select();
      const done = (ok) => { wrap.append(el("span", { class: "copied", role: "status" }, ok ? " copied" : " select and copy")); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(field.value).then(() => done(true), () => done(false));
      else done(false);
      field.focus();
    } } }, "Copy link");
    wrap.append(btn);
    return wrap;
  }

  function showDetails(id, take) {
    const panel = $("panel-details");
    const parts = [];
    if (claims.has(id)) {
      const c = claims.get(id), src = sources.get(c.source);
      parts.push(long("h2", c.gist, CAP.heading, { class: "ut", tabindex: "-1" }));
      parts.push(el("p", { class: "meta" }, el("span", { class: "tag" }, c.kind), " ", who(c.author),
        c.reportedBy ? el("span", {}, " (reported by ", words(authorName(c.reportedBy), CAP.name), ")") : "",
        c.tags.length ? el("span", {}, " · ", words(c.tags.join(", "), 120)) : ""));
      parts.push(long("blockquote", c.quote, CAP.quote, { class: "ut quote" }, QUOTE));
      const link = el("a", { href: "#source-view", class: "open-source", on: { click: (ev) => { ev.preventDefault(); openSource(c, ev.currentTarget); } } },
        "show the quote in the source text");
      const source = el("p", { class: "meta" }, "Source: ", el("cite", {}, words(src.title, 160)), src.date ? " (" + src.date + ") · " : " · ", link);
      if (src.url && /^https?:\/\//i.test(src.url)) {
        source.append(" · ", el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer" }, "original ↗"));
      }
      parts.push(source);
      parts.push(el("div", { class: "actions" },
        el("button", { type: "button", on: { click: () => go({ mode: "focus", focus: id, via: null, hops: state.hops }) } }, "Focus on its neighbourhood"),
        copyButton(hashFor({ mode: "focus", focus: id, hops: state.mode === "focus" ? state.hops : 1 }))));
      const cs = cruxesOf.get(id) || [];
      if (cs.length) {
        parts.push(el("h3", {}, "Crux scores"));
        parts.push(el("ul", {}, ...cs.map((k) => el("li", { class: "crux-score" },
          el("strong", {}, "#" + k.rank + " on "), el("button", { type: "button", class: "linkish", on: { click: () => go({ mode: "thesis", thesis: k.thesis, depth: state.depth }) } },
            words(theses.get(k.thesis).text, 90)),
          el("span", { class: "rel-why" }, "score " + num(k.score) + " · swing " + fmt(k.swing) + " · contest " + k.contest.toFixed(2)),
          long("span", k.explanation, CAP.why, { class: "ut rel-why" })))));
      }
      parts.push(...stanceList(id));
      parts.push(...relList("Supports", related(id, "out").filter((r) => r.type === "support"), (r) => r.to));
      parts.push(...relList("Attacks", related(id, "out").filter((r) => r.type === "attack"), (r) => r.to));
      parts.push(...relList("Supported by", related(id, "in").filter((r) => r.type === "support"), (r) => r.from));
      parts.push(...relList("Attacked by", related(id, "in").filter((r) => r.type === "attack"), (r) => r.from));
      if (c.reach.length) {
        parts.push(el("h3", {}, "Theses it bears on"), el("ul", {}, ...c.reach.map((t) => el("li", {},
          el("button", { type: "button", class: "linkish", on: { click: () => go({ mode: "thesis", thesis: t, depth: state.depth }) } }, words(theses.get(t).text, 120))))));
      }
    } else if (theses.has(id)) {
      const t = theses.get(id);
      parts.push(el("p", { class: "meta" }, el("span", { class: "tag" }, "thesis"), " ", words(t.tags.join(", "), 120)));
      parts.push(long("h2", t.text, CAP.heading, { class: "ut", tabindex: "-1" }));
      parts.push(el("div", { class: "actions" },
        el("button", { type: "button", on: { click: () => go({ mode: "thesis", thesis: id, depth: state.depth }) } }, "Open thesis view"),
        copyButton(hashFor({ mode: "thesis", thesis: id, depth: state.depth }))));
      parts.push(...stanceList(id));
      const pairs = D.versus.filter((p) => p.points.some((x) => x.thesis === id));
      if (pairs.length) {
        parts.push(el("h3", {}, "Who parts ways here"), el("ul", {}, ...pairs.map((p) => el("li", {},
          el("button", { type: "button", class: "linkish", on: { click: () => go({ mode: "versus", a: p.authors[0], b: p.authors[1] }) } },
            who(p.authors[0]), " vs ", who(p.authors[1])), " " + p.points.filter((x) => x.thesis === id).length + " point(s)"))));
      }
      const cs = cruxesFor.get(id) || [];
      if (cs.length) {
        parts.push(el("h3", {}, "Top cruxes"), el("ul", {}, ...cs.slice(0, 8).map((k) => el("li", {},
          el("button", { type: "button", class: "linkish", on: { click: () => go({ mode: "focus", focus: k.claim, via: id, hops: state.hops }) } }, "#" + k.rank + " ", words(textOf(k.claim), CAP.item))))));
      }
      parts.push(...relList("Supported by", related(id, "in").filter((r) => r.type === "support"), (r) => r.from));
      parts.push(...relList("Attacked by", related(id, "in").filter((r) => r.type === "attack"), (r) => r.from));
    } else return;
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
    setTab("details");
    if (take) panel.querySelector("h2").focus();
  }

  function showRelation(id) {
    const r = rels.get(id);
    $("panel-details").replaceChildren(
      el("p", { class: "meta" }, el("span", { class: "tag" }, r.type), " ", el("span", { class: "prov prov-" + r.provenance }, r.provenance)),
      el("h2", { tabindex: "-1" }, el("button", { type: "button", class: "linkish", on: { click: () => select(r.from) } }, words(textOf(r.from), CAP.heading))),
      el("p", { class: "meta" }, r.type === "support" ? "supports" : "attacks"),
      el("p", { class: "rel-target" }, el("button", { type: "button", class: "linkish", on: { click: () => select(r.to) } }, words(textOf(r.to), CAP.heading))),
      el("h3", {}, "Rationale"), long("p", r.rationale, CAP.why));
    setTab("details");
  }

  // ---------- source viewer ------------------------------------------------------------------
  let sourceOpener = null;
  function openSource(c, opener) {
    const src = sources.get(c.source);
    sourceOpener = opener || document.activeElement;
    $("source-title").replaceChildren(words(src.title, 200));
    $("source-meta").replaceChildren(words([src.authors.map(authorName).join(", "), src.date, src.kind].filter(Boolean).join(" · "), 300));
    const mark = el("mark", { id: "source-quote" }, src.text.slice(c.start, c.end));
    $("source-text").replaceChildren(document.createTextNode(src.text.slice(0, c.start)), mark,
      document.createTextNode(src.text.slice(c.end)));
    $("source-view").hidden = false;
    const box = $("source-text");  // scroll the text alone: scrollIntoView also scrolled the page under the toolbar
    box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - (box.clientHeight - mark.offsetHeight) / 2;
    $("source-close").focus({ preventScroll: true });
  }
  function closeSource() {
    $("source-view").hidden = true;
    if (sourceOpener && sourceOpener.isConnected) sourceOpener.focus(); else land();
  }

  // ---------- search -------------------------------------------------------------------------
  // Folded for matching: case, accents, and every kind of quote, apostrophe and dash, so "don't"
  // finds "don’t". Ranked by where the words match (gist before quote before author, whole words
  // before parts of words, the whole phrase before scattered words), then by crux score.
  function norm(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9\u0060\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb]/g, "\"")
      .replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ");
  }
  const hay = [];  // folded texts per claim, filled in idle slices after the page is up (or on first search)
  const fold1 = (c) => ({ c: c, g: norm(c.gist), q: norm(c.quote), a: norm(authorName(c.author) + " " + c.author) });
  function haystacks() {
    while (hay.length < D.claims.length) hay.push(fold1(D.claims[hay.length]));
    return hay;
  }
  function foldWhenIdle(deadline) {
    while (hay.length < D.claims.length && deadline.timeRemaining() > 2) {
      for (const end = Math.min(D.claims.length, hay.length + 200); hay.length < end;) hay.push(fold1(D.claims[hay.length]));
    }
    if (hay.length < D.claims.length) requestIdleCallback(foldWhenIdle);
  }
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  function matcher(query) {
    const q = norm(query).trim().replace(/^["']+|["']+$/g, "");
    const terms = q.split(" ").map((t) => t.replace(/^["'(]+|["'),.;:!?]+$/g, "")).filter(Boolean);
    const whole = terms.map((t) => new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRe(t) + "($|[^\\p{L}\\p{N}])", "u"));
    return { q: q, terms: terms, score(fields) {
      let total = 0;
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i];
        const g = fields.g.includes(t), qq = fields.q.includes(t), a = fields.a && fields.a.includes(t);
        if (!g && !qq && !a) return 0;
        total += g ? (whole[i].test(fields.g) ? 6 : 4) : qq ? (whole[i].test(fields.q) ? 3 : 2) : 1;
      }
      if (terms.length > 1) total += fields.g.includes(q) ? 6 : fields.q.includes(q) ? 3 : 0;
      return total;
    } };
  }
  function search(query) {  // claims, most relevant first
    const m = matcher(query);
    if (!m.terms.length) return [];
    const found = [];
    for (const h of haystacks()) { const s = m.score(h); if (s > 0) found.push([s, h.c]); }
    found.sort((x, y) => y[0] - x[0] || bestScore(y[1].id) - bestScore(x[1].id) || byKey(x[1].id, y[1].id));
    return found.map((x) => x[1]);
  }
  function searchOthers(query) {  // theses and authors that match
    const m = matcher(query);
    if (!m.terms.length) return { theses: [], authors: [] };
    return {
      theses: D.theses.filter((t) => m.score({ g: norm(t.text), q: "" }) > 0),
      authors: D.authors.filter((a) => a.claims && m.score({ g: norm(a.name + " " + a.id), q: "" }) > 0),
    };
  }
  function snippet(text, query) {
    const terms = matcher(query).terms;
    for (const t of terms) {
      const pattern = escapeRe(t).replace(/'/g, "['‘’‛′ʼ`´]").replace(/"/g, "[\"“”„‟″«»]").replace(/-/g, "[-‐-―−]");
      const found = new RegExp(pattern, "iu").exec(text);
      if (!found) continue;
      const i = found.index, j = i + found[0].length;
      const from = Math.max(0, i - 60), to = Math.min(text.length, j + 60);
      return [(from ? "…" : "") + text.slice(from, i), el("mark", {}, text.slice(i, j)), text.slice(j, to) + (to < text.length ? "…" : "")];
    }
    return [cut(text, 140)];
  }
  function showResults(query, fromHash) {
    const list = $("search-results-list");
    if (!query.trim()) { hideResults(); return; }
    const found = search(query), others = searchOthers(query);
    const items = [];
    for (const a of others.authors.slice(0, 5)) {
      items.push(el("li", { class: "res-author" }, el("button", { type: "button", "data-author": a.id, on: { click: () => { hideResults(); pickVersus(a.id); } } },
        who(a.id), " ", el("span", { class: "snippet" }, "author of " + a.claims + " claim" + (a.claims > 1 ? "s" : "") + ": compare with another author"))));
    }
    for (const t of others.theses.slice(0, 5)) {
      items.push(el("li", { class: "res-thesis" }, el("button", { type: "button", "data-thesis": t.id, on: { click: () => { hideResults(); go({ mode: "thesis", thesis: t.id, depth: state.depth }); } } },
        el("span", { class: "tag" }, "thesis"), " ", words(t.text, 160))));
    }
    for (const c of found.slice(0, 40)) {
      items.push(el("li", {}, el("button", { type: "button", "data-claim": c.id, on: { click: () => { hideResults(); go({ mode: "focus", focus: c.id, via: null, hops: state.hops }); } } },
        badge(c.author), " ", words(c.gist, 200), el("span", { class: "snippet" }, "“", el("bdi", { dir: "auto" }, ...snippet(c.quote, query)), "”"))));
    }
    const n = found.length;
    $("search-count").textContent = (n ? n + " claim" + (n > 1 ? "s" : "") + " match" + (n > 1 ? "" : "es") : "No claim matches") +
      (others.theses.length ? ", " + others.theses.length + " thes" + (others.theses.length > 1 ? "es" : "is") : "") +
      (others.authors.length ? ", " + others.authors.length + " author" + (others.authors.length > 1 ? "s" : "") : "") +
      (n > 40 ? " (first 40 shown: refine the search)" : "") + ". Esc closes.";
    list.replaceChildren(...items);
    $("search-results").hidden = false;
    if (fromHash && $("search").value !== query) $("search").value = query;
  }
  function hideResults() {
    $("search-results").hidden = true;
  }
  function pickVersus(a) {  // with the author they part ways with most, unless a second one is picked already
    const mine = D.versus.filter((p) => p.authors.includes(a)).sort((x, y) => y.points.length - x.points.length);
    const b = state.b && state.b !== a ? state.b : mine.length ? mine[0].authors.find((x) => x !== a) : null;
    go({ mode: "versus", a: a, b: b || null });
    $("vs-b").focus();
  }

  // ---------- the URL hash: every view can be linked, Back/Forward walk them --------------------
  function hashFor(v) {
    const p = new URLSearchParams();
    if (v.mode === "thesis") { p.set("thesis", v.thesis); p.set("depth", v.depth > 50 ? "all" : String(v.depth)); }
    else if (v.mode === "focus") { p.set("claim", v.focus); p.set("hops", String(v.hops || 1)); if (v.via) p.set("via", v.via); }
    else if (v.mode === "versus") p.set("versus", [v.a || "", v.b || ""].join(","));
    else if (v.mode === "search") p.set("search", v.query);
    else return "";
    return "#" + p.toString().replace(/%2C/g, ",");
  }
  function parseHash(hash) {
    const p = new URLSearchParams(hash.replace(/^#/, ""));
    const depth = (d) => (d === "all" ? 99 : Math.max(1, Math.min(3, Number(d) || 2)));
    if (p.has("thesis")) return { mode: "thesis", thesis: p.get("thesis"), depth: depth(p.get("depth")) };
    if (p.has("claim")) return { mode: "focus", focus: p.get("claim"), hops: Math.max(1, Math.min(3, Number(p.get("hops")) || 1)), via: p.get("via") };
    if (p.has("versus")) { const [a, b] = p.get("versus").split(","); return { mode: "versus", a: resolveAuthor(a), b: resolveAuthor(b) }; }
    if (p.has("search")) return { mode: "search", query: p.get("search") };
    return { mode: "overview" };
  }
  function resolveAuthor(key) {
    if (!key) return null;
    if (authors.has(key)) return key;
    const k = norm(key);
    const hit = D.authors.find((a) => norm(a.id) === k || norm(a.name) === k);
    return hit ? hit.id : key;
  }
  let applied = null, rendered = false;
  function go(v, opts) {  // a user action: a new history entry (or the same one, replaced), then the view
    const h = hashFor(v), url = h || location.pathname + location.search;
    if (h !== location.hash) {
      if (opts && opts.replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
    }
    apply(v, true);
  }
  function apply(v, byUser) {
    applied = location.hash;
    if (v.mode === "search") {  // results over the current view (the overview on a cold open)
      if (!rendered) render();
      showResults(v.query, true);
      return;
    }
    hideResults();
    $("source-view").hidden = true;
    const { mode } = v;
    if (mode === "thesis") Object.assign(state, { mode, thesis: v.thesis, depth: v.depth, selected: v.thesis, focus: null, via: null });
    else if (mode === "focus") Object.assign(state, { mode, focus: v.focus, hops: v.hops || 1, via: v.via || null, selected: v.focus });
    else if (mode === "versus") Object.assign(state, { mode, a: v.a, b: v.b });
    else Object.assign(state, { mode: "overview" });
    extra = new Map();
    render();
    if (mode === "thesis" || mode === "focus") showDetails(mode === "thesis" ? v.thesis : v.focus, false);
    else if (mode === "versus") { state.selected = picked = null; clearDetails(); }  // no claim of another view
    if (byUser) land();
  }
  function land() {  // focus is never dropped on the floor: the view's heading takes it
    const a = document.activeElement;
    if (a && a !== document.body && a.isConnected && a.offsetParent !== null) return;
    const target = state.mode === "overview" ? $("board-title") : state.mode === "versus" ? $("versus-title")
      : $("panel-details").querySelector("h2") || $("tab-details");
    if (target) target.focus();
  }

  // ---------- DOM helpers (text only) --------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== "") e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  function $(id) { return document.getElementById(id); }
  const setStatus = (text) => { $("status").textContent = text; $("status").hidden = !text; };
  const num = (x) => (x !== 0 && Math.abs(x) < 0.0005 ? x.toPrecision(2) : x.toFixed(3));
  const fmt = (x) => (x >= 0 ? "+" : "") + num(x);
  const TABS = ["cruxes", "details", "view", "filters"];
  function setTab(name) {
    for (const t of TABS) {
      $("tab-" + t).setAttribute("aria-selected", String(t === name));
      $("tab-" + t).tabIndex = t === name ? 0 : -1;
      $("panel-" + t).hidden = t !== name;
    }
  }

  // ---------- selecting and focusing ------------------------------------------------------------
  function select(id) {
    if (!mounted.has(id)) { go({ mode: "focus", focus: id, via: null, hops: state.hops }); return; }
    state.selected = picked = id;
    network.selectNodes([id]);
    highlight(id);
    showDetails(id, true);
  }
  function reset() {
    Object.assign(state, { depth: 2, hops: 1, selected: null, a: null, b: null,
      authors: allAuthors(), theses: allTheses(), tag: "", types: new Set(["support", "attack"]) });
    $("search").value = "";
    openLanes.clear();
    syncFilterControls();
    clearDetails();
    setTab("cruxes");
    renderCruxPanel();
    go({ mode: "overview" });
  }

  // ---------- controls -----------------------------------------------------------------------
  function buildControls() {
    const tsel = $("thesis-select");
    for (const t of D.theses) tsel.append(el("option", { value: t.id }, iso(cut(t.text, CAP.option))));
    tsel.addEventListener("change", () => go(tsel.value ? { mode: "thesis", thesis: tsel.value, depth: state.depth } : { mode: "overview" }));
    $("depth").addEventListener("change", () => { if (state.mode === "thesis") go({ mode: "thesis", thesis: state.thesis, depth: Number($("depth").value) }); });
    $("hops").addEventListener("change", () => { if (state.mode === "focus") go({ mode: "focus", focus: state.focus, via: state.via, hops: Number($("hops").value) }); });
    $("btn-overview").addEventListener("click", () => go({ mode: "overview" }));
    $("btn-reset").addEventListener("click", reset);
    const withPairs = new Set(D.versus.flatMap((p) => p.authors));
    for (const sel of [$("vs-a"), $("vs-b")]) {
      sel.append(el("option", { value: "" }, "–"));
      for (const a of D.authors) if (a.claims || withPairs.has(a.id)) sel.append(el("option", { value: a.id }, a.initials + " · " + iso(cut(a.name, 40)) + (withPairs.has(a.id) ? "" : " (no recorded disagreement)")));
    }
    $("btn-versus").addEventListener("click", () => go({ mode: "versus", a: $("vs-a").value || null, b: $("vs-b").value || null }));
    $("btn-swap").addEventListener("click", () => { if (state.mode === "versus") go({ mode: "versus", a: state.b, b: state.a }); });
    for (const t of TABS) $("tab-" + t).addEventListener("click", () => setTab(t));
    $("tabs").addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
      const i = TABS.findIndex((t) => $("tab-" + t).getAttribute("aria-selected") === "true");
      const next = TABS[(i + (ev.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
      setTab(next); $("tab-" + next).focus();
    });
    $("zoom-in").addEventListener("click", () => zoomBy(1.25));
    $("zoom-out").addEventListener("click", () => zoomBy(0.8));
    $("zoom-fit").addEventListener("click", fitAll);

    const tags = [...new Set(D.claims.flatMap((c) => c.tags))].sort(byKey);
    for (const tag of tags) $("f-tag").append(el("option", { value: tag }, iso(cut(tag, 60))));
    const refilter = () => { renderCruxPanel(); render(); };
    $("f-tag").addEventListener("change", () => { state.tag = $("f-tag").value; refilter(); });
    for (const box of $("f-relations").querySelectorAll("input")) {
      box.addEventListener("change", () => { if (box.checked) state.types.add(box.value); else state.types.delete(box.value); refilter(); });
    }
    for (const a of D.authors) {
      if (!a.claims) continue;
      const box = el("input", { type: "checkbox", value: a.id, "data-author": a.id });
      box.checked = true;
      box.addEventListener("change", () => { if (box.checked) state.authors.add(a.id); else state.authors.delete(a.id); refilter(); });
      $("f-authors").append(el("label", {}, box, " ", who(a.id), " (" + a.claims + ")"));
    }
    for (const t of D.theses) {
      const box = el("input", { type: "checkbox", value: t.id, "data-thesis": t.id });
      box.checked = true;
      box.addEventListener("change", () => { if (box.checked) state.theses.add(t.id); else state.theses.delete(t.id); refilter(); });
      $("f-theses").append(el("label", {}, box, " ", words(t.text, 90)));
    }
    for (const [set, field] of [["f-authors", "authors"], ["f-theses", "theses"]]) {
      $(set).querySelector(".f-all").addEventListener("click", () => {
        state[field] = field === "authors" ? allAuthors() : allTheses(); syncFilterControls(); refilter(); });
      $(set).querySelector(".f-none").addEventListener("click", () => { state[field] = new Set(); syncFilterControls(); refilter(); });
    }

    let timer = 0;
    const searchHash = (q) => go(q.trim() ? { mode: "search", query: q } : { mode: state.mode === "overview" ? "overview" : state.mode,
      thesis: state.thesis, depth: state.depth, focus: state.focus, hops: state.hops, via: state.via, a: state.a, b: state.b },
    { replace: location.hash.startsWith("#search=") });
    $("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => searchHash($("search").value), 150); });
    $("search").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        clearTimeout(timer);
        if ($("search").value.trim()) searchHash($("search").value);
        const first = $("search-results-list").querySelector("button");
        if (first) first.click();
      } else if (ev.key === "ArrowDown") {
        const first = $("search-results-list").querySelector("button");
        if (first) { ev.preventDefault(); first.focus(); }
      }
    });
    $("search-results").addEventListener("keydown", (ev) => {
      if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
      const all = [...$("search-results-list").querySelectorAll("button")], i = all.indexOf(document.activeElement);
      if (i < 0) return;
      ev.preventDefault();
      if (ev.key === "ArrowUp" && i === 0) $("search").focus(); else (all[i + (ev.key === "ArrowDown" ? 1 : -1)] || all[i]).focus();
    });
    document.addEventListener("click", (ev) => { if (!$("search-box").contains(ev.target)) hideResults(); });
    $("source-close").addEventListener("click", closeSource);
    document.addEventListener("keydown", (ev) => {
      if (ev.key !== "Escape") return;
      if (!$("source-view").hidden) closeSource();
      else if (!$("search-results").hidden) { hideResults(); $("search").focus(); }
      else if (state.selected) {
        state.selected = picked = null; network.unselectAll(); highlight(null); clearDetails(); $("panel-details").focus();
      }
    });
    window.addEventListener("popstate", () => apply(parseHash(location.hash), false));
    window.addEventListener("hashchange", () => { if (location.hash !== applied) apply(parseHash(location.hash), false); });
  }
  function syncFilterControls() {
    for (const box of $("f-authors").querySelectorAll("input")) box.checked = state.authors.has(box.value);
    for (const box of $("f-theses").querySelectorAll("input")) box.checked = state.theses.has(box.value);
    for (const box of $("f-relations").querySelectorAll("input")) box.checked = state.types.has(box.value);
    $("f-tag").value = state.tag;
  }

  // ---------- start --------------------------------------------------------------------------
  buildControls();
  renderCruxPanel();
  const options = {
    autoResize: true,
    physics: { enabled: false, stabilization: { enabled: false, fit: false } },
    layout: { improvedLayout: false, randomSeed: 1, hierarchical: { enabled: false } },
    nodes: { font: { face: "system-ui, DejaVu Sans, sans-serif" } },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 0.5 },
    interaction: { hover: true, tooltipDelay: 250, hideEdgesOnDrag: true, hideEdgesOnZoom: true, multiselect: false,
      keyboard: { enabled: true, bindToWindow: false } },
  };
  network = new vis.Network($("map"), { nodes: nodes, edges: edges }, options);
  const frame = $("map").querySelector(".vis-network");
  if (frame) { frame.setAttribute("role", "application"); frame.setAttribute("aria-label", "Argument map drawing: arrow keys pan, + and - zoom. The In view tab lists the same claims."); }
  network.on("click", (p) => {
    if (p.nodes.length && isMore(p.nodes[0])) { network.unselectAll(); expand(Number(p.nodes[0].slice(5))); }
    else if (p.nodes.length) { state.selected = picked = p.nodes[0]; highlight(p.nodes[0]); showDetails(p.nodes[0], false); }
    else if (p.edges.length) showRelation(p.edges[0]);
    else { picked = null; highlight(null); }
  });
  network.on("doubleClick", (p) => { if (p.nodes.length && !isMore(p.nodes[0])) go({ mode: "focus", focus: p.nodes[0], via: null, hops: state.hops }); });
  network.on("hoverNode", (p) => { if (!isMore(p.node)) highlight(p.node); });
  network.on("blurNode", () => highlight(picked && mounted.has(picked) ? picked : null));
  network.once("afterDrawing", () => {
    document.body.dataset.ready = "1";
    if (window.requestIdleCallback) requestIdleCallback(foldWhenIdle);  // fold the search texts while idle
  });
  network.on("dragStart", () => { if (cam) cam.touched = true; });
  network.on("zoom", () => { if (cam) cam.touched = true; });
  // vis rescales the view on a canvas resize (after this event): until the reader moves the camera,
  // the view's own opening zoom is put back
  network.on("resize", () => setTimeout(() => { if (cam && !cam.touched) cam.apply(); }, 0));
  let resizeTimer = 0;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(render, 100); });
  apply(parseHash(location.hash), false);

  // for tests and the curious: the mounted data sets, the network and the view logic
  window.cruxmap = { network: network, nodes: nodes, edges: edges, state: state, go: go, render: render, search: search,
    expand: expand, budget: budget, rows: () => rowsNow.map((r) => ({ level: r.level, shown: r.shown.slice(), folded: r.folded.slice() })),
    openThesis: (t, depth) => go({ mode: "thesis", thesis: t, depth: depth || state.depth }),
    focusOn: (id, via, hops) => go({ mode: "focus", focus: id, via: via || null, hops: hops || state.hops }),
    openVersus: (a, b) => go({ mode: "versus", a: a, b: b }),
    openOverview: () => go({ mode: "overview" }), reset: reset, minZoom: MIN_ZOOM };
})();
