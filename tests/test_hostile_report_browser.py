"""Hostile strings from an imported file, all the way: importer -> store -> report.html ->
the map inside it, in headless Chromium with every request blocked. No script runs from a
contact's name, nothing is fetched, the names show as text, and search inside the embedded
map finds a person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from browser import SKIP_REASON, available, launch, open_blocked
from netlib.cli import main
from netlib.report import run_report
from netlib.store.core import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.skipif(not available(), reason=SKIP_REASON)]

HOSTILE = [
    ("<img src=x onerror=alert(1)>", "Evil"),
    ("</script><script>alert(2)</script>", "Payload"),
    ('"><svg onload=alert(3)>', "Quote"),
]
PREAMBLE = 'Notes:\n"Some email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n'


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    csv = tmp / "Connections.csv"
    rows = [f'"{first.replace(chr(34), chr(34) * 2)}",{last},https://www.linkedin.com/in/h{i},,'
            f'"<b>Acme</b> & Co",<i>CTO</i>,01 Nov 2026' for i, (first, last) in enumerate(HOSTILE)]
    rows.append("Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,02 Nov 2026")
    csv.write_text(PREAMBLE + "\n".join(rows) + "\n", encoding="utf-8")
    db = tmp / "garden.db"
    assert main(["import", str(csv), "--store", str(db)]) == 0
    with Store(db) as store:
        for pid in [p["id"] for p in store.people()]:
            store.log(pid, "coffee", dt.date(2026, 11, 10), "<script>alert('summary')</script>")
    return run_report(db, "2026-11", out=tmp / "report")


def test_hostile_names_stay_text_in_the_report_and_its_map(report):
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        dialogs, errors = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests = open_blocked(page, Path(report / "report.html"))
        page.locator("iframe").first.scroll_into_view_if_needed()
        frame = None
        for _ in range(300):
            drawn = [f for f in page.frames
                     if f.evaluate("document.body && document.body.dataset.drawn || ''") == "1"]
            if drawn:
                frame = drawn[0]
                break
            page.wait_for_timeout(100)
        assert frame is not None, "the map inside the report did not draw"
        # the names are on the page as text, not as markup
        body = page.inner_text("body")
        assert "<img src=x onerror=alert(1)> Evil" in body
        assert page.locator("img[src='x']").count() == 0 and page.locator("svg[onload]").count() == 0
        # search inside the embedded map finds a person
        frame.fill("#q", "Grace")
        frame.press("#q", "Enter")
        selected = frame.evaluate("window.netlibNetwork.getSelectedNodes()")
        assert len(selected) == 1
        page.wait_for_timeout(300)
        assert dialogs == [] and requests == [] and errors == []
