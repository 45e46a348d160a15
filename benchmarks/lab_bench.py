"""Time explore in a real JupyterLab, in headless Chromium, at 30,000 people (issue 12).

Run: ``python benchmarks/lab_bench.py`` (``--people 300`` for a quick run; ``--store PATH``
to reuse a store made by ``netlib demo --people N --no-report --store PATH``; ``--no-browser``
for the Python figures alone).

It builds a generated network, starts JupyterLab on a workspace of the notebooks (as
``netlib lab --no-browser`` does), opens explore.ipynb, runs all cells, then prints, as a
person sees them (wall time in the browser, from the action to the page showing it):

- **typing -> table**: a person's keys (``keyboard.press``: a, n, n and three backspaces, each
  once the kernel is idle) in the search box, from the page's input event to the next frame
  after the people table's DOM changed (a MutationObserver and a requestAnimationFrame in the
  page, read by a timer: the measure lays nothing out); also with a person chosen (goal:
  200 ms). Printed beside it, the measure used until December 2026: ``fill``, then Python
  polling the innerText of every output area each animation frame. innerText lays the
  notebook out on each poll, the polls take CPU from the kernel and the server on 2 cores,
  and the wall time includes playwright's round trips: it reads 20-50 ms higher;
- **coffee -> card** and **coffee -> checklist**: from pressing Save on a logged coffee to
  the chosen person's card showing it, and to their "water" (or "follow up") item leaving the
  checklist (goal: 1 s); **coffee -> table**: to the people table showing the new last
  contact (the whole garden analysed again: everything redrawn).

Then the same panels in this process, CPU time (``time.process_time``) of each callback and
every redraw it causes, median over ``--rounds``: typing, a coffee up to the card and the
checklist showing it, a coffee, a tick and an edit up to every panel redrawn.

Figures only, never pass/fail; the machine's load shows in them. Seen on a busy 2-core
container (December 2026), 30,000 people, before explore took in only new rows: typing ->
table 165-250 ms (median, the old measure); coffee -> card about 0.6 s; coffee -> checklist
11-15 s (every change read the whole store and analysed the whole garden again). After, the
same container (December 2026, three runs at load 3-7): 30,000 people: run all cells 11-22 s;
coffee -> card 200-520 ms; coffee -> checklist 0.4-1.2 s (the card reads the store, the
checklist settles the new interaction's items before the analysis); coffee -> table 2.2-6.4 s
(the whole garden analysed again, ``netlib.garden.analyse``: the rest of that time). 300
people: coffee -> card 277 ms, checklist 315 ms, everything redrawn 779 ms. In this process
(CPU): 30,000 people: coffee -> card and checklist 140 ms, a coffee or a tick redrawn whole
1.8-1.9 s, an edit (the store read whole) 3.5 s; 300 people: coffee -> card and checklist
31 ms, every redraw 0.37-0.39 s (the analysis most of it).

Typing, 3 December 2026, 30,000 people, at load 2-5 (18 keys a run): before (pandas
``str.contains`` over everyone, the matches copied whole, the Select choosing its first
option in between; 3 runs), typing -> table median 89-106 ms, max 162-236 ms (the table's
DOM changed at a median 55-75 ms), old measure 123-140 ms; after (:mod:`netlib.lab.search`:
a list searched with ``in``, one more letter searching only the shorter search's matches;
the 50 shown rows taken alone; 5 runs, the first 3 in turn with the runs before), median
78-94 ms, max 113-219 ms (DOM at 40-55 ms; the 219 ms key came at load 3, its DOM at 104
ms), old measure 106-129 ms. 300 people (one run each):
85 ms before, 72 ms after: near the floor of JupyterLab on this machine. With a person
chosen, 104-109 ms before, 85-107 after (before, a key could draw another person's card and
then theirs again). In this process (CPU), typing: 30,000 people 16-24 ms before, 6 ms after
(max 15 ms: the first letter looks at everyone); 300 people 5 ms before, 2 ms after. What the
search looks in is made again after each change, on the way to coffee -> table: 210 ms CPU
before, 90 ms after, at 30,000 people.

Where a keystroke goes, after (Chrome trace, 30,000 people): ~12 ms for
the browser to take the key and draw it; ~30-45 ms for the comm message to reach the kernel
through the Jupyter server and the table to come back (the kernel's own work 3-6 ms; the
rest is the server, the kernel's I/O thread and the 2 busy cores); 3 ms to put the table in
the DOM; ~25 ms for the frame (style, layout of the notebook, paint), then up to a frame's
wait for the screen (20 rows instead of 50: that part ~32 ms instead of ~47, one run). The
person Select's options come after that frame, and JupyterLab measures the resized cell
after it.
"""

from __future__ import annotations

import argparse
import re
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser import launch  # noqa: E402
from netlib.lab import LabServer, prepare_workspace  # noqa: E402

IDLE = ".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')"
SEARCH = "input[placeholder='name, company, position or tag']"
# In the page: for each input event in the search box, when the people table's DOM changed
# next and when the frame after that change was drawn (a requestAnimationFrame, then a task).
WATCH = """() => {
  const input = document.querySelector("%s");
  const table = [...document.querySelectorAll('.widget-html')].find(e => e.textContent.includes('last contact'));
  window.typed = [];
  let last = null;
  input.addEventListener('input', () => { last = {input: performance.now()}; window.typed.push(last); }, true);
  new MutationObserver(() => {
    const t = last;
    if (!t || t.dom !== undefined) return;
    t.dom = performance.now();
    requestAnimationFrame(() => setTimeout(() => { t.paint = performance.now(); }, 0));
  }).observe(table, {childList: true, subtree: true, characterData: true});
}""" % SEARCH
TABLE = ("() => [...document.querySelectorAll('.jp-OutputArea-output')].map(e => e.innerText)"
         ".find(t => /\\d (people|person)\\b/.test(t) && t.includes('last contact')) || ''")


def _count(page) -> str:
    text = page.evaluate(TABLE)
    return text.split(" pe")[0] + " pe"  # "3,021 people..." or "1 person" -> "3,021 pe"


def _type(page, keys) -> list[tuple[float, float]]:
    """Press ``keys`` one at a time in the focused search box, each once the kernel is idle;
    (ms from the input event to the table's DOM changing, ms to the frame after it) per key."""
    times = []
    for key in keys:
        page.wait_for_selector(IDLE, timeout=60_000)
        time.sleep(0.2)
        n = page.evaluate("window.typed.length")
        page.keyboard.press(key)
        page.wait_for_function(f"() => window.typed.length > {n} && window.typed[{n}].paint !== undefined",
                               polling=50, timeout=60_000)  # a timer, not every frame: it costs the page nothing
        t = page.evaluate(f"window.typed[{n}]")
        times.append((t["dom"] - t["input"], t["paint"] - t["input"]))
    return times


def _type_as_before(page, search) -> list[float]:
    """The measure used until December 2026: fill the box, then poll the innerText of every
    output area each animation frame until the count changes; ms of wall time in Python.
    innerText lays the page out on each poll, and the polls share the 2 cores with the kernel,
    so this reads higher than what a person sees."""
    times = []
    for word in ("a", "an", "ann", "an", "a", ""):
        page.wait_for_selector(IDLE, timeout=60_000)
        time.sleep(0.2)
        before = _count(page)
        t = time.perf_counter()
        search.fill(word)
        page.wait_for_function(f"() => !({TABLE})().startsWith({before!r})", timeout=60_000)
        times.append((time.perf_counter() - t) * 1000)
    return times


def _ms(values) -> str:
    return f"median {statistics.median(values):.0f} ms, max {max(values):.0f} ms"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--store", help="a store to reuse (else one is generated)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="only the figures in this process")
    parser.add_argument("--no-python", action="store_true", help="only the figures in the browser")
    parser.add_argument("--screenshot", help="save explore after typing, a person chosen, to this PNG "
                        "(the search box and table) and to NAME-card.png (the card)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="lab-bench-"))
    store = Path(args.store) if args.store else tmp / "garden.db"
    if not store.exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netlib", "demo", "--people", str(args.people), "--no-report",
                        "--store", str(store)], check=True, capture_output=True)
        print(f"store of {args.people:,} people built in {time.perf_counter() - t:.1f} s")
    if not args.no_python:
        python_figures(store, args.rounds)
    if args.no_browser:
        return 0
    ws = prepare_workspace(tmp / "notebooks")
    with LabServer(ws.folder, store) as server:
        server.start(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server.wait_ready(120)
        with launch() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{server.port}/lab/workspaces/bench/tree/explore.ipynb?token={server.token}")
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=120_000)
            t = time.perf_counter()
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            page.wait_for_selector("iframe[srcdoc]", state="attached", timeout=600_000)
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Python 3 (ipykernel) | Idle')", timeout=600_000)
            print(f"run all cells: {time.perf_counter() - t:.1f} s")

            search = page.locator(SEARCH)
            search.scroll_into_view_if_needed()
            page.evaluate(WATCH)
            typed, polled = [], []
            for _ in range(args.rounds):  # the two measures in turn, so the machine's load falls on both
                search.click()
                typed += _type(page, ["a", "n", "n", "Backspace", "Backspace", "Backspace"])
                polled += _type_as_before(page, search)
            print(f"typing -> table: {_ms([t[1] for t in typed])} over {len(typed)} keys (goal 200 ms; from the input "
                  f"event to the next frame after the table changed; to the table's DOM changing: "
                  f"{_ms([t[0] for t in typed])})")
            print(f"  as measured until December 2026 (fill, then poll every output's innerText each frame, "
                  f"wall time in Python): {_ms(polled)} over {len(polled)} edits")
            person = page.locator(".widget-select select").first  # the person Select: the 50 shown
            name = person.locator("option").nth(1).inner_text()  # the second: ipywidgets would choose the first
            person.select_option(index=1)
            page.locator(".netlib-card h4").filter(has_text=name).wait_for(timeout=60_000)
            search.click()
            letters = list(name.split()[0][:3].lower())  # their name's first letters keep them shown
            chosen = _type(page, [*letters, *["Backspace"] * len(letters)] * max(1, args.rounds // 2))
            print(f"typing -> table with a person chosen ({len(letters)} letters of their name and back): "
                  f"{_ms([t[1] for t in chosen])} over {len(chosen)} keys")
            if args.screenshot:
                _type(page, letters[:2])
                search.scroll_into_view_if_needed()
                page.screenshot(path=args.screenshot)
                page.locator(".netlib-card").scroll_into_view_if_needed()
                page.screenshot(path=str(Path(args.screenshot).with_suffix("")) + "-card.png")

            # a person with a "water" or "follow up" item (a coffee waters or follows up): choose them, log a coffee, wait for card and checklist
            board = page.locator(".jp-Cell").filter(has_text="board = explore.ChecklistBoard")
            board.scroll_into_view_if_needed()
            board.locator(".widget-html small").first.wait_for(timeout=60_000)
            whys = board.locator(".widget-html small").all_text_contents()  # one per item, in order
            i = next(n for n, w in enumerate(whys) if "[water:p" in w or "[follow_up:e" in w)
            key = re.search(r"\[((?:water|follow_up):[^\]]+)\]", whys[i]).group(1)  # a ready link may follow
            name = board.locator(".widget-checkbox").nth(i).inner_text().split(": ")[0]
            pid = key.rsplit(":p", 1)[1]
            search.scroll_into_view_if_needed()
            search.fill(name)  # the person's card shows while they are chosen
            page.wait_for_function(f"() => ({TABLE})().includes({name!r})", timeout=60_000)
            page.locator("select").filter(has_text=name).first.select_option(value=None, label=name)
            cards, lists, tables = [], [], []
            for n in range(min(args.rounds, 3)):
                note = f"bench coffee {n} {time.time()}"
                form = page.locator("input[placeholder='ids, emails or names, comma-separated']")
                form.scroll_into_view_if_needed()
                form.fill(pid)
                page.locator("textarea[placeholder='what happened / what you learned']").fill(note)
                t = time.perf_counter()
                page.locator("button:has-text('Save')").click()
                page.wait_for_function(f"() => document.body.innerText.includes({note!r})", timeout=120_000)
                cards.append(time.perf_counter() - t)
                if n == 0:  # watered or followed up: the item leaves the checklist
                    page.wait_for_function(f"() => !document.body.innerText.includes('[{key}]')", timeout=120_000)
                    lists.append(time.perf_counter() - t)
                    today = dt.date.today().isoformat()  # the person's last contact, once analysed again
                    page.wait_for_function(  # the people table itself (the card below it shows the date at once)
                        f"() => [...document.querySelectorAll('.jp-OutputArea-output table')].some(t => "
                        f"t.innerText.includes('last contact') && t.innerText.includes({today!r}))", timeout=300_000)
                    tables.append(time.perf_counter() - t)
                page.wait_for_selector(IDLE, timeout=300_000)
            print(f"coffee -> card: median {statistics.median(cards) * 1000:.0f} ms over {len(cards)} coffees; "
                  f"coffee -> checklist: {lists[0] * 1000:.0f} ms (goal 1 s for both); "
                  f"coffee -> table (everything redrawn): {tables[0] * 1000:.0f} ms")
    return 0


def python_figures(store_path: Path, rounds: int) -> None:
    """CPU time of explore's callbacks and the redraws they cause, in this process."""
    from netlib import explore, open_store, this_month

    copy = Path(tempfile.mkdtemp(prefix="lab-bench-py-")) / "garden.db"
    shutil.copy(store_path, copy)
    store, month = open_store(copy, create=False), this_month()
    t = time.process_time()
    live = explore.Live(store, month)
    browser = explore.PeopleBrowser(store, month, live=live)
    form = explore.LogForm(store, live=live)
    board = explore.ChecklistBoard(store, month, live=live)
    fix = explore.FixForm(store, live=live)
    explore.MapPanel(store, month, browser=browser)
    print(f"python, {len(live.garden.people):,} people: panels made in {time.process_time() - t:.1f} s CPU")
    typing = []
    for word in ("a", "an", "ann", "an", "a", ""):
        t = time.process_time()
        browser.search.value = word
        typing.append(time.process_time() - t)
    seen, quick, coffee, ticks, edits = {}, [], [], [], []
    live.watch_contacts(lambda _contacts: seen.setdefault("settled", time.process_time()))
    for n in range(rounds):
        key = next((k for k, box in board.checkboxes.items() if k.startswith(("water:p", "reconnect:p"))
                    and not box.value), None)
        pid = int(key.rsplit(":p", 1)[1]) if key else int(live.garden.people.index[n])
        browser.person.value = pid if any(i == pid for _, i in browser.person.options) else None
        form.people.value, form.summary.value = str(pid), f"bench coffee {n}"
        seen.clear()
        t = time.process_time()
        form.save()
        coffee.append(time.process_time() - t)
        quick.append(seen.get("settled", time.process_time()) - t)
        tickable = [k for k, box in board.checkboxes.items() if not box.value]
        if tickable:
            t = time.process_time()
            board.checkboxes[tickable[0]].value = True
            ticks.append(time.process_time() - t)
        fix.action.value, fix.people.value, fix.field.value = "edit", str(pid), "notes"
        fix.value.value = f"bench note {n}"
        t = time.process_time()
        fix.save()
        edits.append(time.process_time() - t)

    def ms(values):
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms" if values else "-"

    print(f"python typing -> table: {ms(typing)} over {len(typing)} edits")
    print(f"python coffee -> card and checklist: {ms(quick)}; coffee -> everything redrawn: {ms(coffee)}")
    print(f"python tick -> everything redrawn: {ms(ticks)}; edit (the store read whole) -> everything redrawn: "
          f"{ms(edits)} ({rounds} rounds, CPU time)")


if __name__ == "__main__":
    sys.exit(main())
