"""The crux map driven in headless Chromium with every network request blocked.

One browser per module; each test opens the page afresh. Screenshots of the opening view and of a
focused crux land in test-artifacts/ (gitignored).
"""

from __future__ import annotations

import functools
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from argmap import api
from argmap.export import cruxmap
from argmap.model import Anchor, ArgMap, Author, Claim, Relation, Source, Thesis
from tests.conftest import REPO, SOURCES
from tests.test_cruxmap import DEMO_CRUXES, XSS, demo_map

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts"


@dataclass
class Page:
    """A loaded crux map plus everything it tried to do."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)  # type: ignore[attr-defined]

    def mounted(self) -> set[str]:
        return set(self.js("cruxmap.nodesView.getIds()"))

    def mounted_edges(self) -> set[str]:
        return set(self.js("cruxmap.edgesView.getIds()"))

    def click_node(self, node_id: str) -> None:
        self.page.mouse.click(*self.node_xy(node_id))  # type: ignore[attr-defined]
        self.page.wait_for_timeout(50)  # type: ignore[attr-defined]

    def hover_node(self, node_id: str) -> None:
        x, y = self.node_xy(node_id)
        self.page.mouse.move(x + 2, y + 2, steps=3)  # type: ignore[attr-defined]

    def node_xy(self, node_id: str) -> tuple[float, float]:
        return self.js("""id => {
            const p = cruxmap.network.canvasToDOM(cruxmap.network.getPosition(id));
            const r = document.getElementById('map').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", node_id)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):  # in CI a missing browser must fail, not pass silently
            pytest.fail("no /usr/bin/chromium in CI (scripts/setup-test-peers installs it)")
        pytest.skip("no /usr/bin/chromium: run scripts/setup-test-peers")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cruxmap")
    out = {"demo": folder / "demo.html", "five": folder / "five.html"}
    out["demo"].write_text(cruxmap.render(demo_map(), DEMO_CRUXES), encoding="utf-8")
    out["five"].write_text(cruxmap.render(api.load_map(SOURCES), _five_source_cruxes()), encoding="utf-8")
    return out


@functools.cache
def _five_source_cruxes() -> list:
    """What `argmap cruxes` ranks, over all theses (empty until the API has it)."""
    if not hasattr(api, "cruxes"):
        return []
    result = api.analyze(api.load_map(SOURCES))
    return list(result.ranked() if hasattr(result, "ranked") else result)


def open_page(browser, path: Path) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    seen = Page(page)
    page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))

    def route(r) -> None:
        seen.requests.append(r.request.url)
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    return seen


@pytest.fixture
def demo(browser, pages) -> Iterator[Page]:
    seen = open_page(browser, pages["demo"])
    yield seen
    seen.page.close()


@pytest.fixture
def five(browser, pages) -> Iterator[Page]:
    seen = open_page(browser, pages["five"])
    yield seen
    seen.page.close()


def test_the_data_sets_hold_every_claim_thesis_and_relation_with_the_rest_hidden(five):
    m = api.load_map(SOURCES)
    graph = api.to_networkx(m)
    items = five.js("cruxmap.nodes.get().map(n => [n.id, !!n.hidden])")
    edges = five.js("cruxmap.edges.get().map(e => [e.id, e.from, e.to, !!e.hidden])")
    assert {i for i, _ in items} == set(graph.nodes)
    assert {(a, b) for _, a, b, _ in edges} == set(graph.edges)
    assert {i for i, *_ in edges} == {r.id for r in m.relations}
    assert {i for i, hidden in items if not hidden} == five.mounted()  # the overview mounts none
    five.page.locator(".lane-thesis").first.click()
    items = dict(five.js("cruxmap.nodes.get().map(n => [n.id, !!n.hidden])"))
    shown = five.mounted()
    assert m.theses[0].id in shown and len(items) == len(graph)
    assert {i for i, hidden in items.items() if not hidden} == shown
    assert {e for e, *_, hidden in five.js("cruxmap.edges.get().map(e => [e.id, e.hidden])")
            if not hidden} == five.mounted_edges()


def test_the_five_source_page_logs_no_error_and_requests_nothing_but_itself(five):
    five.page.locator(".lane-thesis").nth(1).click()
    some_claim = sorted(five.mounted() - {t.id for t in api.load_map(SOURCES).theses})[0]
    five.click_node(some_claim)
    five.page.locator("#panel-details .open-source").click()
    five.page.keyboard.press("Escape")
    five.js("cruxmap.openOverview()")
    five.page.locator(".lane-card").first.click()
    five.page.locator("#btn-reset").click()
    assert five.errors == []
    assert five.requests and all(u.startswith("file:") for u in five.requests)


def test_the_opening_view_is_one_lane_per_thesis_with_its_top_cruxes(demo):
    ARTIFACTS.mkdir(exist_ok=True)
    demo.page.screenshot(path=str(ARTIFACTS / "cruxmap-demo-default.png"))
    lanes = demo.page.locator(".lane")
    assert lanes.count() == 2
    first = [c.get_attribute("data-claim") for c in lanes.nth(0).locator(".lane-card").all()]
    assert first == ["a1", "b1", "x1"]
    assert "#1" in lanes.nth(0).locator(".lane-card").first.inner_text()
    assert "dashed" in lanes.nth(0).locator(".lane-card").nth(1).evaluate("e => getComputedStyle(e).borderStyle")
    assert demo.mounted() == set()


def test_clicking_a_node_shows_its_quote_author_and_relations(demo):
    demo.page.locator(".lane-thesis").first.click()
    assert {"a1", "b1", "thesis.agents"} <= demo.mounted()
    demo.click_node("a1")
    assert demo.js("cruxmap.network.getSelectedNodes()") == ["a1"]
    panel = demo.page.locator("#panel-details")
    assert panel.is_visible()
    text = panel.text_content()
    assert "Agents will soon do remote work" in text and "Alice Able" in text
    assert "Supported by (2)" in text and "Attacked by (1)" in text
    assert "Carol Cole rejects" in text
    assert "#1 on" in text and "If a1 held" in text


def test_the_source_link_shows_the_quote_highlighted_in_its_source_text(demo):
    demo.js("cruxmap.focusOn('a2')")
    demo.page.locator("#panel-details .open-source").click()
    viewer = demo.page.locator("#source-view")
    assert viewer.is_visible()
    assert demo.page.locator("#source-text mark").inner_text() == (
        "Benchmarks from Zanzibar labs show agents finishing week-long tasks")
    assert "An aside that nobody annotated" in demo.page.locator("#source-text").inner_text()
    demo.page.keyboard.press("Escape")
    assert not viewer.is_visible()


def test_a_javascript_url_is_never_made_a_link(demo):
    demo.js("cruxmap.focusOn('b1')")
    hrefs = demo.js("[...document.querySelectorAll('#panel-details a')].map(a => a.getAttribute('href'))")
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    demo.js("cruxmap.focusOn('a1')")
    assert "https://example.org/s1" in demo.js(
        "[...document.querySelectorAll('#panel-details a')].map(a => a.href)")


def test_the_crux_panel_lists_the_given_cruxes_per_thesis_in_rank_order(demo):
    panel = demo.page.locator("#panel-cruxes")
    for thesis in ("thesis.agents", "thesis.brakes"):
        listed = [(int(li.get_attribute("data-rank")), li.get_attribute("data-claim"))
                  for li in panel.locator(f"section[data-thesis='{thesis}'] .crux-item").all()]
        assert listed == [(c.rank, c.claim) for c in DEMO_CRUXES if c.thesis == thesis]
    assert "Grids decide the brakes thesis." in panel.inner_text()


def test_the_crux_panel_lists_the_same_cruxes_as_argmap_cruxes(five):
    expected = {}
    for c in _five_source_cruxes():
        expected.setdefault(c.thesis, []).append((c.rank, c.claim))
    expected = {t: sorted(ranked)[:cruxmap.CRUXES_PER_THESIS] for t, ranked in expected.items()}
    panel = five.page.locator("#panel-cruxes")
    for thesis, ranked in expected.items():
        section = panel.locator(f"section[data-thesis='{thesis}']")
        more = section.locator(".crux-more")
        if more.count():
            more.click()
        listed = [(int(li.get_attribute("data-rank")), li.get_attribute("data-claim"))
                  for li in section.locator(".crux-item").all()]
        assert listed == ranked


def test_clicking_a_crux_focuses_the_map_on_it_its_neighbours_and_its_thesis(demo):
    demo.page.locator("#panel-cruxes .crux-item[data-claim='a1'] > button").click()
    assert demo.js("cruxmap.state.mode") == "focus"
    assert demo.mounted() == {"a1", "a2", "a3", "b2", "thesis.agents"}  # 1 hop: its thesis, 2 for, 1 against
    assert demo.js("cruxmap.network.getSelectedNodes()") == ["a1"]
    assert "Agents will soon do remote work" in demo.page.locator("#panel-details").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    demo.page.screenshot(path=str(ARTIFACTS / "cruxmap-demo-focused-crux.png"))


def test_the_author_filter_hides_that_authors_claims(demo):
    demo.js("cruxmap.openThesis('thesis.agents')")
    before = demo.mounted()
    assert {"a1", "b1"} <= before
    demo.page.locator("#tab-filters").click()
    demo.page.locator("#f-authors input[data-author='bob']").uncheck()
    after = demo.mounted()
    assert "b1" not in after and after == before - {"b1"}
    assert not any(e.startswith("b1--") for e in demo.mounted_edges())
    demo.js("cruxmap.openOverview()")
    lane = demo.page.locator(".lane[data-thesis='thesis.agents'] .lane-card")
    assert [c.get_attribute("data-claim") for c in lane.all()] == ["a1", "x1"]


def test_the_thesis_filter_removes_lanes_and_the_claims_that_only_bear_on_it(demo):
    demo.page.locator("#tab-filters").click()
    demo.page.locator("#f-theses input[data-thesis='thesis.brakes']").uncheck()
    assert [lane.get_attribute("data-thesis") for lane in demo.page.locator(".lane").all()] == ["thesis.agents"]
    demo.js("cruxmap.focusOn('thesis.brakes')")
    assert demo.mounted() == {"thesis.brakes", "b1"}  # c1 bears on the brakes thesis only
    demo.page.locator("#tab-filters").click()
    demo.page.locator("#f-theses input[data-thesis='thesis.brakes']").check()
    assert demo.mounted() == {"thesis.brakes", "b1", "c1"}


def test_the_tag_filter_keeps_only_claims_with_the_tag(demo):
    demo.js("cruxmap.openThesis('thesis.agents'); document.getElementById('depth').value = '99';"
            "document.getElementById('depth').dispatchEvent(new Event('change'))")
    assert {"a2", "b2", "x1"} <= demo.mounted()
    demo.page.locator("#tab-filters").click()
    demo.page.select_option("#f-tag", "agents")
    claims = demo.mounted() - {"thesis.agents", "thesis.brakes"}
    assert claims == {"a1", "a2"}


def test_the_relation_filter_hides_attack_edges_and_what_only_attacks_reach(demo):
    demo.js("cruxmap.openThesis('thesis.agents')")
    assert any("--attack--" in e for e in demo.mounted_edges())
    demo.page.locator("#tab-filters").click()
    demo.page.locator("#f-relations input[value='attack']").uncheck()
    assert demo.mounted_edges() and not any("--attack--" in e for e in demo.mounted_edges())
    assert "b1" not in demo.mounted()  # it reaches the thesis only by attacking it


def test_reset_restores_the_opening_view_and_every_filter(demo):
    demo.page.locator("#tab-filters").click()
    demo.page.locator("#f-authors input[data-author='alice']").uncheck()
    demo.js("cruxmap.focusOn('b2')")
    demo.page.locator("#btn-reset").click()
    assert demo.js("cruxmap.state.mode") == "overview" and demo.mounted() == set()
    assert demo.page.locator("#f-authors input[data-author='alice']").is_checked()
    assert demo.page.locator(".lane").count() == 2


def test_search_finds_a_claim_by_a_word_of_its_quote(demo):
    demo.page.locator("#search").fill("zanzibar")
    results = demo.page.locator("#search-results button")
    results.first.wait_for()
    assert [b.get_attribute("data-claim") for b in results.all()] == ["a2"]
    results.first.click()
    assert demo.js("cruxmap.state.focus") == "a2" and "a2" in demo.mounted()
    assert "Zanzibar" in demo.page.locator("#panel-details blockquote").inner_text()


def test_the_xss_claim_stays_text_everywhere(demo):
    demo.page.locator("#search").fill("onerror")
    demo.page.locator("#search-results button").first.wait_for()
    demo.page.locator("#search-results button").first.click()
    demo.click_node("x1")
    demo.hover_node("x1")
    tooltip = demo.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert XSS in tooltip.inner_text()
    demo.page.locator("#panel-details .open-source").click()
    demo.page.wait_for_timeout(300)
    assert demo.dialogs == []
    assert demo.js("document.querySelectorAll('img').length") == 0
    assert demo.js("document.querySelectorAll('script').length") == 3
    assert XSS in demo.page.locator("#panel-details h2").inner_text()
    assert f"Mallory {XSS}" in demo.page.locator("#panel-details").inner_text()
    assert XSS in demo.page.locator("#source-text mark").inner_text()
    assert demo.errors == []


def synthetic_map(n_claims: int, n_theses: int, seed: int = 5) -> ArgMap:
    """A map shaped like ours but large: each claim bears on an earlier claim of its thesis."""
    rng = random.Random(seed)
    authors = tuple(Author(f"a{i}", f"Author {i}") for i in range(8))
    per_source = 100
    sentences = [f"Sentence {i} says thing {i} about topic {i % 37}." for i in range(n_claims)]
    sources, claims, relations = [], [], []
    for s in range(0, n_claims, per_source):
        chunk = sentences[s:s + per_source]
        text = " ".join(chunk)
        sid = f"src{s // per_source}"
        sources.append(Source(sid, f"Source {sid}", (authors[s % 8].id,), "essay", text))
        offset = 0
        for k, sentence in enumerate(chunk):
            i = s + k
            claims.append(Claim(f"c{i}", f"Claim {i} gist on topic {i % 37}", sid, authors[rng.randrange(8)].id,
                                rng.choice(("premise", "evidence", "prediction", "position", "concession")),
                                Anchor(offset, offset + len(sentence), sentence, "", ""), (f"t{i % 12}",)))
            offset += len(sentence) + 1
    theses = tuple(Thesis(f"thesis.t{t}", f"Thesis number {t}") for t in range(n_theses))
    for i, claim in enumerate(claims):
        home = i % n_theses
        earlier = [j for j in range(home, i, n_theses)][-20:]
        target = f"c{rng.choice(earlier)}" if earlier and rng.random() < 0.9 else theses[home].id
        relations.append(Relation(claim.id, target, rng.choice(("support", "attack")), "because", "src0"))
        if i > 50 and rng.random() < 0.3:
            other = f"c{rng.randrange(i)}"
            relations.append(Relation(claim.id, other, "attack", "cross", "src0"))
    unique = {r.id: r for r in relations}
    return ArgMap(authors, tuple(sources), theses, tuple(claims), tuple(unique.values()))


def test_a_5000_claim_map_opens_and_mounts_only_the_view(browser, tmp_path):
    """How fast is measured in benchmarks/bench_scale.py (a 100k-claim page); here: it works."""
    m = synthetic_map(5000, 20)
    path = tmp_path / "big.html"
    path.write_text(cruxmap.render(m), encoding="utf-8")
    seen = open_page(browser, path)
    assert seen.js("cruxmap.nodes.length") == 5020 and seen.js("cruxmap.edges.length") == len(m.relations)
    seen.page.locator(".lane-thesis").first.click()
    seen.js("document.getElementById('depth').value = '99';"
            "document.getElementById('depth').dispatchEvent(new Event('change'))")
    mounted = len(seen.mounted())
    seen.js("cruxmap.focusOn('c4321', null)")
    assert seen.errors == []
    seen.page.close()
    assert 0 < mounted <= cruxmap.MAX_MOUNT
