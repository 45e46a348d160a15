"""The network map in headless Chromium: it draws, offline, and its controls work."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser import SKIP_REASON, available, launch, open_blocked
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
