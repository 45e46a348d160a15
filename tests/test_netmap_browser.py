"""The network map in headless Chromium: it draws, offline, and its controls work."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser import SKIP_REASON, available, launch, open_blocked
from map_page import page_data
from test_netmap import HOSTILE, fake_garden

from netlib.map import render_map, write_map

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not available(), reason=SKIP_REASON)]


#: How many distinct colours the map's canvas holds (read in the page: no image library needed).
COLOURS_ON_CANVAS = """() => {
  const canvas = document.querySelector("#map canvas");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < pixels.length; i += 4) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  return seen.size;
}"""


def big_garden(n: int):
    """The benchmark's synthetic garden (numpy-made, Garden-shaped)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from map_bench import synthetic_garden

    return synthetic_garden(n)


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


def _open(browser, target):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests = open_blocked(page, target)
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
    return page, requests, dialogs, errors


def test_map_draws_offline_with_hostile_names_and_no_dialog(browser, tmp_path):
    path = write_map(fake_garden(HOSTILE, n=40), tmp_path / "map.html")
    page, requests, dialogs, errors = _open(browser, path)
    page.wait_for_timeout(300)  # give any injected handler a chance to fire
    colours = page.evaluate(COLOURS_ON_CANVAS)
    assert colours > 50  # a drawn map, not a blank page
    assert requests == [] and dialogs == [] and errors == []
    # the hostile name is on the page as text
    page.fill("#q", "<img src=x")
    assert page.inner_text("#hits").startswith("<img src=x onerror=alert(1)>")
    page.close()


def test_search_selects_and_focuses_a_person(browser):
    garden = big_garden(2000)
    target = garden.people.sort_values("ring").iloc[-1]  # an outer-ring person: painted, then promoted
    page, requests, _, errors = _open(browser, render_map(garden))
    page.fill("#q", target["name"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    selected = page.evaluate("window.netlibNetwork.getSelectedNodes()")
    assert len(selected) == 1
    assert garden.people.loc[selected[0], "name"] == target["name"]
    assert requests == [] and errors == []
    page.close()


def test_ring_filter_and_focus_mode_hide_people(browser):
    garden = fake_garden(n=60)
    page, _, _, errors = _open(browser, render_map(garden))
    total = page.evaluate("window.netlib.visibleCount()")
    assert total == len(garden.people)
    page.uncheck("#f-ring input[value='1']")
    ring1 = int((garden.people["ring"] == 1).sum())
    assert page.evaluate("window.netlib.visibleCount()") == total - ring1
    hidden_vis = page.evaluate("window.netlib.nodes.get({filter: n => n.hidden === true}).length")
    assert hidden_vis == ring1  # ring 1 people are vis nodes, hidden by vis itself
    page.click("#reset")
    assert page.evaluate("window.netlib.visibleCount()") == total
    page.evaluate("window.netlib.focusOn(11)")  # ties 10-11-12: focus shows 11 and its neighbours
    assert page.evaluate("window.netlib.visibleCount()") == 3
    assert errors == []
    page.close()


def test_legend_covers_nothing_and_long_labels_fit(browser):
    garden = fake_garden(["Catherine (Cathy) Brennan", "김민준"], n=60)
    for width, height in ((1400, 860), (1000, 700)):
        page = browser.new_page(viewport={"width": width, "height": height})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        open_blocked(page, render_map(garden))
        page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
        legend = page.locator("#legend").bounding_box()
        stage = page.locator("#stage").bounding_box()
        assert legend["x"] + legend["width"] <= stage["x"]  # in the panel, left of the drawing
        if height < 800:
            assert page.evaluate("document.getElementById('legend').open") is False
        # ring 3 names wait for the zoom that makes them readable
        ring3 = page.evaluate("window.netlib.nodes.get({filter: n => n.scaling && n.label})"
                              ".map(n => n.scaling.label.drawThreshold)")
        assert ring3 and min(ring3) > 9 and errors == []
        page.close()


#: Every column the page decoded, as plain arrays (typed arrays do not cross into Python).
DECODED = """() => {
  const D = window.netlib.data, N = D.n, plain = a => Array.from(a);
  const out = {};
  for (const key of ["id", "x", "y", "z", "r", "h", "c", "co", "po", "na", "li", "nm", "b"]) out[key] = plain(N[key]);
  out.tg = N.tg ? N.tg.map(plain) : null;
  out.e = {a: plain(D.e.a), b: plain(D.e.b), w: plain(D.e.w)};
  return out;
}"""


def _expected(html: str) -> dict:
    """What Python packed, read back by tests/map_page.py (which shares no code with the page)."""
    data = page_data(html)
    n = data["n"]
    return {**{key: n[key] for key in ("id", "x", "y", "z", "r", "h", "c", "co", "po", "na", "li", "nm", "b")},
            "tg": n.get("tg"), "e": data["e"]}


def test_the_page_decodes_exactly_what_python_packed(browser):
    """The typed arrays, the letter-free digits, the deflate stream and the joined names
    round-trip: at 30,000 people, and for a hand-made network whose values need the wider
    types (a coordinate beyond int16, an id beyond 16 bits, string ids, sizes that are not
    tenths) and names with astral characters, U+2028, quotes and markup."""
    from netlib.map import network, render_network

    garden = big_garden(30_000)
    html = render_map(garden)
    page, requests, _, errors = _open(browser, html)
    got, want = page.evaluate(DECODED), _expected(html)
    assert got == want and requests == [] and errors == []
    assert want["id"] == garden.people.index.tolist() and len(set(want["x"])) > 1000  # not trivially equal
    page.close()

    net = network(fake_garden(HOSTILE + ["Emoji \U0001F600 name", "Line\u2028Sep\u2029x", ""], n=30))
    first = net.nodes[1]
    first.update(x=40_000.4, y=-70_000.0, size=3.14159, ring=5, name="\U0001F331 far away")
    net.add_node(70_000, label="Big id", x=1.0, y=2.0, size=4.5)
    net.add_node("text-id", label="Text id", x=-33_000.0, y=33_000.0)
    net.add_edge(first["id"], 70_000, weight=0.25)
    net.add_edge(70_000, "text-id", weight=1.0)
    html = render_network(net)
    page, requests, _, errors = _open(browser, html)
    got, want = page.evaluate(DECODED), _expected(html)
    assert got == want and requests == [] and errors == []
    k = want["id"].index(first["id"])
    assert (want["x"][k], want["y"][k], want["z"][k]) == (40_000, -70_000, 3.14159)  # i32 and f64 columns
    assert want["nm"][k] == "\U0001F331 far away"
    assert want["id"][-2:] == [70_000, "text-id"] and "Line\u2028Sep\u2029x" in want["nm"]
    assert page.evaluate("window.netlib.find('Big id')") == 70_000  # found, promoted to a vis node, selected
    assert page.evaluate("window.netlib.nodes.get(70000).x") == 1 and errors == []
    page.close()
