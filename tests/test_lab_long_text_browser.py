"""A person whose name and company run to a million characters (an importer takes cells of
up to 16 MB), used in a real JupyterLab through the explore notebook, driven by headless
Chromium: the page shows them cut (netlib.garden.terms.SHOWN), stays small, escapes them,
and the store keeps them whole. The lab set-up is test_lab_browser's."""

from __future__ import annotations

import re

import pytest

import report_store
from browser import SKIP_REASON, available
from netlib.garden.terms import SHOWN
from netlib.store import Store
from test_lab_browser import STDERR, _open_and_run_all, _query, _shot, lab_session

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not available(), reason=SKIP_REASON)]

LONG_NAME = "Zebulon Quackenbush " + "ö" * 1_000_000 + " <b>zq-tail</b>"
LONG_COMPANY = "Xylofant Dynamics " + "x" * 1_000_000 + "<img src=x onerror=alert(1)>"


def test_million_character_texts_in_jupyterlab_are_cut_escaped_and_kept(tmp_path):
    store = report_store.build(tmp_path / "garden.db")
    with Store(store) as s:
        s.edit_person("Zebulon Quackenbush", name=LONG_NAME, company=LONG_COMPANY)
    dialogs = []
    with lab_session(tmp_path, store) as (server, outside, context):
        page = _open_and_run_all(context, server, "explore.ipynb")
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.wait_for_selector("iframe[srcdoc]", state="attached", timeout=120_000)  # the map: last cell
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')",
                                   timeout=120_000)
            cell = page.locator(".jp-Cell").filter(has_text="browser = explore.PeopleBrowser")
            cell.scroll_into_view_if_needed()
            page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output')]"
                                   ".some(e => e.innerText.includes('8 people'))", timeout=20_000)
            table = cell.locator(".jp-OutputArea-output table").first.inner_text()
            row = next(line for line in table.splitlines() if "Zebulon Quackenbush" in line)
            # the name and company cut at SHOWN, each ending in an ellipsis; the tail never shown
            assert "\u2026" in row and "zq-tail" not in row and "onerror" not in row
            assert len(row) < 4 * SHOWN, len(row)
            # the search still finds them by what is shown
            page.locator("input[placeholder='name, company, position or tag']").fill("xylofant")
            page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output')]"
                                   ".some(e => e.innerText.includes('2 people'))", timeout=10_000)
            # the whole notebook page (the map's srcdoc too) holds no longer run of either text than
            # SHOWN, and is smaller than the two texts (about 1 MB of JupyterLab and map without them)
            html = page.evaluate("() => document.documentElement.outerHTML")
            longest = max(map(len, re.findall("x+|\u00f6+", html)), default=0)
            assert longest <= SHOWN and len(html) < 2_000_000, (longest, len(html))
        except Exception:
            _shot(page, "long-text-failed")
            raise
        assert page.locator(STDERR).count() == 0, page.locator(STDERR).all_inner_texts()
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count() == 0
        assert dialogs == [] and outside == [], (dialogs, outside[:5])
        page.close()
    # nothing lost: the store keeps both whole
    assert _query(store, "SELECT name, company FROM people WHERE name LIKE 'Zebulon%'") == [(LONG_NAME, LONG_COMPANY)]
