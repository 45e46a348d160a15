"""The report opens in headless Chromium with every request blocked: it renders, the map
inside it draws, and nothing at all is requested from anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

import report_store
from browser import SKIP_REASON, available, launch, open_blocked
from netlib.report import run_report

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.skipif(not available(), reason=SKIP_REASON)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    store = report_store.build(tmp_path_factory.mktemp("store") / "garden.db")
    return run_report(store, report_store.MONTH, out=tmp_path_factory.mktemp("report") / "out")


def _drawn(page) -> list:
    """The frames whose map has drawn (the map sets ``body[data-drawn]``)."""
    return [f for f in page.frames if f.evaluate("document.body && document.body.dataset.drawn || ''") == "1"]


@pytest.mark.parametrize("name", ["report.html", "map.html"])
def test_page_renders_offline_and_requests_nothing(folder, name):
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests = open_blocked(page, Path(folder / name))
        if name == "report.html":  # Chromium does not animate frames out of view: bring the map in
            page.locator("iframe").first.scroll_into_view_if_needed()
        for _ in range(300):  # the map is in a sandboxed (cross-origin) iframe: poll each frame
            if _drawn(page):
                break
            page.wait_for_timeout(100)
        assert _drawn(page), "the map did not draw"
        if name == "report.html":
            assert page.locator("h2", has_text="The month in numbers").count() == 1
            # the four charts (inline SVG) lay out at a readable size, with their bars drawn
            widths = page.evaluate("Array.from(document.querySelectorAll('svg[role=img]'))"
                                   ".map(s => s.getBoundingClientRect().width)")
            assert len(widths) == 4 and min(widths) > 300, widths
            assert page.locator("svg[role=img] rect").count() > 50
            assert page.locator("table.netlib").count() >= 8
        page.wait_for_timeout(300)
        assert requests == []
        assert errors == []
