"""explore and event_followup in a real JupyterLab, driven by headless Chromium.

The test starts JupyterLab itself (loopback, a random free port, a token) on a workspace
made as ``netlib lab --no-browser`` makes it, with the store in the server's environment;
every request that is not to the loopback address is blocked and counted. Screenshots
go to ``$NETLIB_SCREENSHOTS`` when it is set.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

import report_store
from browser import SKIP_REASON, available, launch
from netlib.lab import LabServer, prepare_workspace
from netlib.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not available(), reason=SKIP_REASON)]

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(server, store path, outside requests, page): one JupyterLab and one browser for the module."""
    base = tmp_path_factory.mktemp("lab")
    store = report_store.build(base / "garden.db")
    with lab_session(base, store) as (server, outside, context):
        yield server, store, outside, context


@contextmanager
def lab_session(base, store):
    """JupyterLab on a workspace made as ``netlib lab --no-browser`` makes it (in ``base``) with
    ``store``, and a browser context whose requests outside the loopback address are blocked
    and listed: yields (server, that list, context)."""
    ws = prepare_workspace(base / "notebooks")
    outside = []
    with LabServer(ws.folder, store) as server:
        server.start(stdout=open(base / "lab.log", "w"), stderr=subprocess_stdout())
        server.wait_ready(120)
        with launch() as browser:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})

            def route(r):
                host = urlparse(r.request.url).hostname or ""
                if r.request.url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            yield server, outside, context
            context.close()


def subprocess_stdout():
    import subprocess

    return subprocess.STDOUT


def _shot(page, name):
    folder = os.environ.get("NETLIB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _open_and_run_all(context, server, notebook):
    page = context.new_page()
    workspace = notebook.split(".")[0]  # a JupyterLab workspace of its own: only this notebook open
    page.goto(f"http://127.0.0.1:{server.port}/lab/workspaces/{workspace}/tree/{notebook}?token={server.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=90_000)
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    return page


def _use_in_lab(lab, notebook, use, shot):
    """Open ``notebook`` in JupyterLab, Run All, ``use(page, store)`` it as a person does (a
    screenshot when that fails), then: no stderr and no error output, and no request left the
    machine."""
    server, store, outside, context = lab
    page = _open_and_run_all(context, server, notebook)
    try:
        use(page, store)
    except Exception:
        _shot(page, shot)
        raise
    assert page.locator(STDERR).count() == 0, page.locator(STDERR).all_inner_texts()
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count() == 0
    assert outside == [], f"requests left the machine: {outside[:5]}"
    page.close()


def _query(store, sql, args=()):
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_explore_in_jupyterlab(lab):
    _use_in_lab(lab, "explore.ipynb", _explore, "explore-failed")


def _explore(page, store):
    page.wait_for_selector("iframe[srcdoc]", state="attached", timeout=120_000)  # the map: the last cell ran
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=120_000)
    # JupyterLab renders only the cells in view: scroll to each before using it
    search = page.locator("input[placeholder='name, company, position or tag']")
    search.scroll_into_view_if_needed()
    cell = page.locator(".jp-Cell").filter(has_text="browser = explore.PeopleBrowser")
    table = cell.locator(".jp-OutputArea-output table").first  # the people table widget's rows
    # the widgets draw after the kernel is idle: wait for the table, then read it
    page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output')]"
                           ".some(e => e.innerText.includes('8 people'))", timeout=20_000)
    assert "Zebulon Quackenbush" in table.inner_text()
    _shot(page, "explore-1-run-all")

    search.fill("xylofant")  # as a person types: the table follows, no cell re-run
    page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output')]"
                           ".some(e => e.innerText.includes('2 people'))", timeout=10_000)
    assert "Zebulon Quackenbush" in table.inner_text() and "Ottoline" not in table.inner_text()
    _shot(page, "explore-2-search")

    # log a coffee through the form
    today = dt.date.today().isoformat()
    page.locator("input[placeholder='ids, emails or names, comma-separated']").scroll_into_view_if_needed()
    page.locator("input[placeholder='ids, emails or names, comma-separated']").fill("Zebulon Quackenbush")
    page.locator("textarea[placeholder='what happened / what you learned']").fill("zq-browser coffee")
    page.locator("button:has-text('Save')").click()
    page.wait_for_selector("text=Logged a coffee", timeout=10_000)
    rows = _query(store, "SELECT i.kind, i.date FROM interactions i JOIN participants x ON x.interaction_id = i.id "
                         "JOIN people p ON p.id = x.person_id WHERE p.name = ? AND i.summary = ?",
                  ("Zebulon Quackenbush", "zq-browser coffee"))
    assert rows and rows[0][0] == "coffee" and rows[0][1][:10] == today
    cell.scroll_into_view_if_needed()  # the table itself is redrawn (a new element) on every change
    page.wait_for_function(f"() => [...document.querySelectorAll('.jp-OutputArea-output table')]"
                           f".some(t => t.innerText.includes('{today}'))", timeout=5_000)  # the table is live
    _shot(page, "explore-3-coffee")

    # tick a checklist item: the tick is in the store
    board = page.locator(".jp-Cell").filter(has_text="board = explore.ChecklistBoard")
    board.scroll_into_view_if_needed()
    first = board.locator(".widget-checkbox input[type=checkbox]").first
    label = board.locator(".widget-checkbox").first.inner_text()
    why = board.locator(".widget-html small").first.inner_text()
    key = re.search(r"\[([a-z_]+:[^\]]+)\]", why).group(1)  # the key in brackets (a ready link may follow)
    first.check()
    page.wait_for_function("key => [...document.querySelectorAll('.widget-html')]"
                           ".some(e => e.innerText.includes(`done: ${key}`))", arg=key, timeout=10_000)
    state = _query(store, "SELECT state FROM checklist WHERE key = ?", (key,))
    assert state and state[-1][0] == "done", (label, key, state)
    _shot(page, "explore-4-tick")


def test_event_followup_in_jupyterlab(lab):
    _use_in_lab(lab, "event_followup.ipynb", _event_followup, "event-failed")


def _event_followup(page, store):
    met = page.locator("input[placeholder='ids, emails or names, comma-separated']")
    met.wait_for(state="attached", timeout=120_000)
    page.wait_for_selector("text=Who joins", state="attached", timeout=120_000)  # the last cell ran
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=120_000)
    met.scroll_into_view_if_needed()
    assert report_store.EVENT in page.locator(".jp-NotebookPanel").inner_text()  # the latest event so far
    _shot(page, "event-1-run-all")

    before = page.locator(".jp-OutputArea-output table").first.inner_text()
    assert "Ignatius Brightwater" not in before
    met.fill("Ignatius Brightwater")
    page.locator("textarea[placeholder='what you learned about them']").fill("zq-learned in the browser")
    page.locator("button:has-text('Record')").click()
    page.wait_for_selector("text=Recorded 1 person met", timeout=10_000)
    rows = _query(store, "SELECT e.name, ep.learned FROM event_people ep JOIN events e ON e.id = ep.event_id "
                         "JOIN people p ON p.id = ep.person_id WHERE p.name = ?", ("Ignatius Brightwater",))
    assert (report_store.EVENT, "zq-learned in the browser") in rows
    page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output table')]"
                           ".some(t => t.innerText.includes('zq-learned in the browser'))", timeout=5_000)
    assert "3 people met" in page.locator(".jp-OutputArea-output").filter(has_text="people met").first.inner_text()
    _shot(page, "event-2-recorded")


def test_explore_fix_form_and_plan_in_jupyterlab(lab):
    """The fix form (edit, merge) and the log form's plan mode, used as a person uses them."""
    _use_in_lab(lab, "explore.ipynb", _fix_and_plan, "fix-failed")


def _fix_and_plan(page, store):
    page.wait_for_selector("iframe[srcdoc]", state="attached", timeout=120_000)  # the map: the last cell ran
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=120_000)
    people_table = "() => [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => t.innerText).join(' ')"

    # plan a coffee with one person, tomorrow: the form's "plan" mode
    form = page.locator(".jp-Cell").filter(has_text="form = explore.LogForm")
    form.scroll_into_view_if_needed()
    form.get_by_role("button", name="plan", exact=True).click()
    when = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    form.locator("input[placeholder='ids, emails or names, comma-separated']").fill("Thaddeus Pemberton-Smythe")
    form.locator("input[type=date]").fill(when)
    form.locator("textarea[placeholder='what happened / what you learned']").fill("zq-browser plan")
    form.locator("button:has-text('Save')").click()
    page.wait_for_selector("text=Planned a coffee", timeout=20_000)
    plans = _query(store, "SELECT pl.date, pl.kind FROM plans pl JOIN people p ON p.id = pl.person_id "
                          "WHERE p.name = ? AND pl.what = ?", ("Thaddeus Pemberton-Smythe", "zq-browser plan"))
    assert plans and plans[0][0][:10] == when and plans[0][1] == "coffee", plans
    _shot(page, "fix-1-plan")

    # edit a field of one person: the store has it, and the people table shows it
    fix = page.locator(".jp-Cell").filter(has_text="fix = explore.FixForm")
    fix.scroll_into_view_if_needed()
    fix.get_by_role("button", name="edit", exact=True).click()
    fix.locator("input[placeholder='keep first, then the others']").fill("Ottoline Fairweather")
    fix.locator("select").first.select_option("company")
    fix.locator(".widget-text").filter(has_text="value").locator("input").fill("zq-Browser Edit Ltd")
    fix.locator("button:has-text('Apply')").click()
    page.wait_for_selector("text=edited company of Ottoline Fairweather", timeout=20_000)
    assert _query(store, "SELECT company FROM people WHERE name = ?", ("Ottoline Fairweather",)) == [
        ("zq-Browser Edit Ltd",)]
    page.locator(".jp-Cell").filter(has_text="browser = explore.PeopleBrowser").scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({people_table})().includes('zq-Browser Edit Ltd')", timeout=20_000)
    _shot(page, "fix-2-edit")

    # merge two records of one person: the second is gone from the store and from the table
    before = _query(store, "SELECT count(*) FROM people")[0][0]
    fix.scroll_into_view_if_needed()
    fix.get_by_role("button", name="merge", exact=True).click()
    fix.locator("input[placeholder='keep first, then the others']").fill(
        "Cordelia Wintergreen, Bartholomew Okonkwo-Zielinski")
    fix.locator("button:has-text('Apply')").click()
    page.wait_for_selector("text=merged 1 into Cordelia Wintergreen", timeout=20_000)
    assert _query(store, "SELECT count(*) FROM people")[0][0] == before - 1
    assert _query(store, "SELECT id FROM people WHERE name = ?", ("Bartholomew Okonkwo-Zielinski",)) == []
    page.locator(".jp-Cell").filter(has_text="browser = explore.PeopleBrowser").scroll_into_view_if_needed()
    page.wait_for_function(f"() => !({people_table})().includes('Bartholomew')", timeout=20_000)
    _shot(page, "fix-3-merge")


COHEN = "\u05db\u05d4\u05df, \u05de\u05e9\u05d4"  # כהן, משה: surname, name
LEVI = "\u05dc\u05d5\u05d9, \u05d3\u05df"  # לוי, דן
HOSTILE = "<img src=x onerror=alert(1)> \"zq-q\" 'zq-s'"
FSI, PDI = "\u2068", "\u2069"


def test_board_labels_isolate_each_name_in_jupyterlab(lab):
    """Two people with Hebrew names holding their own comma ("surname, name") and one with a
    hostile name, close to you and sharing a tag (so the board asks you to introduce them),
    in the explore notebook's board: each Hebrew name lies in one isolate in the checkbox's
    label, so "<first>, <second>: Introduce ..." draws the first name first (unisolated, the
    two names and netlib's ", " between them were one right-to-left run: the second drawn
    first); the hostile name is text; a tick is in the store. The people are deleted again at
    the end, so the module's other tests find the store as it was."""
    server, store, outside, context = lab
    today = dt.date.today()
    with Store(store) as s:
        ids = [s.add_person(name, company=company, tags=["zq-rtl"], since="2025-01-01")
               for name, company in [(COHEN, "zq-a"), (LEVI, "zq-b"), (HOSTILE, "zq-c")]]
        for k in range(1, 13):  # a coffee with each every three weeks: close, and due again
            for pid in ids:  # each alone: people met together would be tied, and not introduced
                s.log([pid], "coffee", today - dt.timedelta(days=21 * k))
    key = f"weave:p{ids[0]}:p{ids[1]}"
    dialogs = []

    def dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    context.on("dialog", dialog)  # every page of the context, from its first load
    try:
        _use_in_lab(lab, "explore.ipynb", lambda page, store: _board_rtl(page, store, key), "board-rtl-failed")
    finally:
        context.remove_listener("dialog", dialog)
        with Store(store) as s:
            for pid in ids:
                s.delete_person(pid)
    assert dialogs == [], dialogs


def _board_rtl(page, store, key):
    page.wait_for_selector("iframe[srcdoc]", state="attached", timeout=120_000)  # the map: the last cell ran
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=120_000)
    board = page.locator(".jp-Cell").filter(has_text="board = explore.ChecklistBoard")
    board.scroll_into_view_if_needed()
    label = board.locator(".widget-checkbox").filter(has_text="Introduce").filter(has_text=COHEN).filter(has_text=LEVI)
    label.scroll_into_view_if_needed()
    text = label.locator("span").first
    # (a) each Hebrew name whole in one isolate, in the label and in its tooltip
    first, second = f"{FSI}{COHEN}{PDI}", f"{FSI}{LEVI}{PDI}"
    assert text.evaluate("e => e.textContent") == f"{first}, {second}: Introduce {first} and {second}"
    assert text.get_attribute("title") == f"{first}, {second}: Introduce {first} and {second}"
    # ... and drawn so: the first name left of the second, "Introduce" after both, each name on one line
    boxes = text.evaluate("""(e, names) => {
        const node = e.firstChild, box = (t) => { const at = node.data.indexOf(t), r = document.createRange();
            r.setStart(node, at); r.setEnd(node, at + t.length); const b = r.getBoundingClientRect();
            return {left: b.left, right: b.right, top: b.top}; };
        return names.map(box);
    }""", [COHEN, LEVI, "Introduce"])
    cohen, levi, introduce = boxes
    assert abs(cohen["top"] - levi["top"]) < 2 and abs(levi["top"] - introduce["top"]) < 2, boxes  # one line
    assert cohen["right"] <= levi["left"] + 1 and levi["right"] <= introduce["left"] + 1, f"drawn out of order: {boxes}"
    # (b) the hostile name is text: in labels, as it is, and nothing made of it
    hostile = board.locator(".widget-checkbox").filter(has_text="zq-q").first
    assert HOSTILE in hostile.locator("span").first.evaluate("e => e.textContent")
    assert page.locator("img[src='x'], .widget-checkbox img").count() == 0
    assert page.evaluate("() => [...document.querySelectorAll('.widget-checkbox span')]"
                         ".every(e => e.children.length === 0)"), "an element in a label"
    _shot(page, "board-rtl-1-labels")
    # (c) a tick is saved in the store
    label.locator("input[type=checkbox]").check()
    page.wait_for_function("key => [...document.querySelectorAll('.widget-html')]"
                           ".some(e => e.innerText.includes(`done: ${key}`))", arg=key, timeout=10_000)
    state = _query(store, "SELECT state FROM checklist WHERE key = ?", (key,))
    assert state and state[-1][0] == "done", (key, state)
    _shot(page, "board-rtl-2-ticked")


DOLLARS = "zq-budget $5k, maybe $10k & <img src=x onerror=alert(1)> \\(x\\)"  # $...$ and \\(...\\): TeX


def test_dollar_signs_in_labels_are_text_in_jupyterlab(lab):
    """A plan whose words hold two dollar signs, on the explore notebook's board: the
    checkbox's label shows them as written, each "$" a "$", and nothing of it typeset as
    math (ipywidgets typesets every description with JupyterLab's MathJax, which reads
    "$5k, maybe $" as TeX). The plan is cancelled again at the end."""
    server, store, outside, context = lab
    with Store(store) as s:
        plan = s.add_plan("Ottoline Fairweather", dt.date.today(), DOLLARS)
    static = server.folder / "zq_static.ipynb"  # the board's static view alone, as an export shows it
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from netlib import explore, open_store, store_path, this_month\n"
        "board = explore.ChecklistBoard(open_store(str(store_path('')), create=False), this_month())\n"
        "display({'text/html': board._repr_mimebundle_()['text/html']}, raw=True)")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}),
        static)
    try:
        _use_in_lab(lab, "explore.ipynb", _board_dollars, "board-dollars-failed")
        _use_in_lab(lab, "zq_static.ipynb", _static_dollars, "static-dollars-failed")
    finally:
        static.unlink()
        with Store(store) as s:
            s.cancel_plan(plan)


def _board_dollars(page, store):
    page.wait_for_selector("iframe[srcdoc]", state="attached", timeout=120_000)  # the map: the last cell ran
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=120_000)
    board = page.locator(".jp-Cell").filter(has_text="board = explore.ChecklistBoard")
    board.scroll_into_view_if_needed()
    label = board.locator(".widget-checkbox").filter(has_text="zq-budget")
    label.scroll_into_view_if_needed()
    page.wait_for_selector("#MJX-CHTML-styles", state="attached", timeout=20_000)  # MathJax has typeset the page
    label.evaluate("e => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    _shot(page, "board-dollars-1-label")
    text = label.inner_text()
    assert DOLLARS in text and "Ottoline Fairweather" in text and "&amp;" not in text, text
    assert label.locator("mjx-container").count() == 0 and label.locator("img").count() == 0, label.inner_html()
    assert DOLLARS in label.locator(".mathjax_ignore").get_attribute("title")  # its tooltip: the text too


def _static_dollars(page, store):
    out = page.locator(".jp-OutputArea-output[data-mime-type='text/html']").filter(has_text="zq-budget")
    out.wait_for(timeout=120_000)
    page.wait_for_selector("#MJX-CHTML-styles", state="attached", timeout=20_000)  # JupyterLab typesets HTML
    out.evaluate("e => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    _shot(page, "static-dollars-1-view")
    assert DOLLARS in out.inner_text() and out.locator("mjx-container, img").count() == 0, out.inner_html()
