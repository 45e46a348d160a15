"""Time the network map in headless Chromium against a hand-written pyvis baseline.

Run: ``python benchmarks/map_bench.py`` (``--sizes 300 2000 30000``, ``--baseline 300 2000``,
``--screenshot docs/map.png`` to save the 300-person map too; ``--store garden.db --month 2026-11``
times the monthly report's map cell, ``MonthlyReport.map_widget()``, on a real store instead).

netlib's time is ``window.netlibDrawnAt``: milliseconds from navigation start to the end
of the first complete drawing. The baseline is what one writes by hand: a networkx graph
into pyvis with default physics (``net.from_nx(G)``, ``net.write_html``), timed to the
first drawing after vis-network's stabilization. Its CDN requests are blocked, so it runs
offline; waiting stops at 120 s. "network (py)" is ``netlib.map.network(garden)`` (the pyvis
``Network``), "render (py)" the whole ``render_map`` (that network packed into our page).

Figures seen on a 2-core container (December 2026), for orientation only:
- the layout (``ring_layout``) of 30,000 people takes a few tens of milliseconds;
- vis-network needs about 40 us to create a node, which is why the page makes vis nodes of
  you and rings 1-4 only (at most ``VIS_CAP``) and paints the outer crowd on the same canvas;
- pyvis' own ``add_node`` costs about 7 us a node (0.2 s at 30,000 people) and scans every
  node and edge on each add: ``MapNetwork`` adds them in bulk;
- importing pyvis costs about 0.4 s in a fresh process (IPython), 0.06 s in a kernel;
- the 30,000-person page is about 2.6 MB and draws in about 0.5 s; ``render_map`` took 0.18 s
  when it packed its columns straight into the page, and about 0.35 s since it renders the
  pyvis ``Network`` (30,000 node dicts and their plain-text titles, about 0.2 s of it).

The report's map cell at 30,000 people (a 30k store, ``--store``; CPU = ``time.process_time``,
median of 9 warm calls, on a loaded machine; instructions = callgrind, one warm call), issue 11:
- before: 0.21-0.34 s CPU, 1,171 M instructions; 2.95 MB of HTML in the notebook (map.html 2.58 MB):
  JSON lists of numbers, a quoted JSON string per name (each quote an ``&quot;`` in the srcdoc),
  vis-network's 690 KB of JS and CSS inlined (750 KB once escaped);
- after: 0.12-0.15 s CPU, 545 M instructions (-53%); 1.17 MB in the notebook (map.html 1.16 MB):
  numbers as typed arrays in one Z_RLE-deflated buffer written with 32 letter-free digits
  (405 KB), names as one JSON string (440 KB, plain so that privacy audits can read them),
  vis-network deflated (250 KB), inflated in the page with DecompressionStream. Same people,
  positions, colours, tooltips and filters (screenshots pixel-identical); first drawing about
  0.08 s later (0.91 s against 0.81-0.85 s at 30,000, loaded machine): the page inflates and
  compiles vis-network itself instead of the parser doing it while loading.

Session 6 (branch s6-map against main fe8254d; callgrind instructions, the report's garden of the
30,000 store for 2026-11 pickled, ``map_frame(render_map(garden))`` measured with callgrind_control
toggling instrumentation: the first call in a fresh process, as the report's kernel makes it, then a
second; CPU from ``--store`` above, three alternating runs each at load 8, so noisy):
- first call 762 M -> 573 M instructions (-25%), CPU median 0.159 -> 0.142 s; second call 537 M ->
  510 M (-5%): vis-network's compressed block ships as package data (zlib level 6 of 690 KB was
  about 30 ms a report, plus 10 ms reading pyvis' files); the page's script left the template
  (map.js): compiling map.html.j2 took 64.8 M instructions, now 40.9 M (Jinja's lexer tried its
  tags at every character of the 22 KB of plain script); the letter-free blocks reach the
  template as Markup (no escaping of 650 KB of digits), and a few passes over the people fewer.
- the report's sections (all 20, first pass after the load and history) 119.6 M -> 103.4 M:
  clusters_table 33.2 -> 22.9 M, rings_table 20.9 -> 14.8 M (one warm call each).
- same HTML: sha256 of map pages (demo and 30k stores, redacted, max_ring 3, synthetic 2,000,
  render_network) and of every section (30k 2026-12 and 2026-06, demo 2026-11 and 2026-12).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, open_blocked  # noqa: E402

from netlib.garden.terms import HEALTH  # noqa: E402
from netlib.map import map_frame, network, render_map  # noqa: E402

CAP_S = 120.0
FIRST = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald", "Katherine", "Linus", "Margaret",
         "Tim", "Radia", "Ken", "Dorothy", "John", "Hedy", "Guido", "Sophie", "Yukihiro", "Lynn", "Niklaus",
         "Shafi", "Whitfield", "Mary", "Dennis", "Annie", "Bjarne", "Jean", "Vint", "Evelyn", "Rasmus", "Ida"]
LAST = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Knuth", "Johnson", "Torvalds",
        "Hamilton", "Berners-Lee", "Perlman", "Thompson", "Vaughan", "McCarthy", "Lamarr", "van Rossum",
        "Wilson", "Matsumoto", "Conway", "Wirth", "Goldwasser", "Diffie", "Keller", "Ritchie", "Easley",
        "Stroustrup", "Sammet", "Cerf", "Boyd", "Lerdorf", "Rhodes"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella Labs", "Hooli", "Stark Industries", "Wayne Enterprises",
             "Tyrell", "Cyberdyne", "Soylent", "Aperture", "Black Mesa"]
POSITIONS = ["Engineer", "Product lead", "Designer", "CTO", "Data scientist", "Recruiter", "Founder",
             "Researcher", "Engineering manager", "Consultant"]
CLUSTER_LABELS = ["Former colleagues", "Python community", "University", "Climbing club", "Clients",
                  "Design meetups", "Investors", "Neighbours", "Conference friends", "Open source"]
TAGS = ["python", "mentor", "hiring", "design", "data", "climbing", "alumni", "speaker", "investor"]
ACTIONS = ["Send a short note", "Invite for coffee", "Share an article they'd like", "Introduce to a peer",
           "Congratulate on the new role", "Ask how the project went", "Follow up from the meetup", ""]
RING_NAMES = {1: "inner circle", 2: "close", 3: "trusted", 4: "active", 5: "acquaintances", 6: "dormant ties"}


@dataclass
class SyntheticGarden:
    """A Garden-shaped object (same fields as ``netlib.garden.analysis.Garden``) made with numpy."""

    people: pd.DataFrame
    ties: pd.DataFrame
    clusters: pd.DataFrame
    as_of: pd.Timestamp = pd.Timestamp("2026-11-30")
    month: str = "2026-11"
    settings: dict = field(default_factory=lambda: {"owner_name": "Sam Rivera"})


def synthetic_garden(n: int, seed: int = 0) -> SyntheticGarden:
    """``n`` people in Dunbar-like rings (5, 15, 50, 150, then the crowd), clustered, with ties."""
    rng = np.random.default_rng(seed)
    layer = np.array([5, 15, 50, 150])
    ring = np.full(n, 6, dtype=np.int64)
    cut = np.minimum(np.cumsum(layer), n)
    start = 0
    order = rng.permutation(n)
    for k, stop in enumerate(cut, start=1):
        ring[order[start:stop]] = k
        start = stop
    rest = order[start:]
    ring[rest] = np.where(rng.random(len(rest)) < 0.4, 5, 6)
    n_clusters = int(min(10, max(3, n // 30)))
    weights = rng.dirichlet(np.full(n_clusters, 1.5))
    cluster = rng.choice(n_clusters, size=n, p=weights)
    cluster[rng.random(n) < 0.08] = -1
    strength = np.clip(1.05 - ring * 0.15 + rng.normal(0, 0.08, n), 0.02, 1.0)
    days = np.round(rng.gamma(1.5, 12 * ring)).astype(int)
    overdue_ratio = days / (np.array([14, 30, 60, 120, 240, 365])[ring - 1])
    health = np.select([overdue_ratio < 0.9, overdue_ratio < 1.6, overdue_ratio < 3],
                       ["thriving", "needs water", "wilting"], "dormant")
    health = np.where(rng.random(n) < 0.06, "seedling", health)
    ids = np.arange(1, n + 1) * 3 + 1000  # not 0..n-1, like real store ids
    first = rng.choice(FIRST, n)
    last = rng.choice(LAST, n)
    names = np.char.add(np.char.add(first, " "), last)
    last_interaction = pd.Timestamp("2026-11-30") - pd.to_timedelta(days, unit="D")
    people = pd.DataFrame({
        "name": names, "company": rng.choice(COMPANIES, n), "position": rng.choice(POSITIONS, n),
        "tags": [list(rng.choice(TAGS, rng.integers(0, 3), replace=False)) for _ in range(n)],
        "ring": ring, "ring_name": [RING_NAMES[r] for r in ring], "strength": strength, "health": health,
        "cluster": cluster, "last_interaction": last_interaction, "interaction_count": rng.integers(0, 40, n),
        "cadence_days": np.array([14, 30, 60, 120, 240, 365])[ring - 1], "days_overdue": days,
        "constraint": rng.random(n), "bridge": rng.random(n) < 0.03,
        "next_action": rng.choice(ACTIONS, n),
    }, index=pd.Index(ids, name="id"))
    # ties: mostly within clusters, more among inner rings
    m = int(n * 1.5)
    a = rng.integers(0, n, m)
    same = rng.random(m) < 0.8
    pool = {c: np.flatnonzero(cluster == c) for c in np.unique(cluster)}
    b = rng.integers(0, n, m)
    for k in np.flatnonzero(same):
        members = pool[cluster[a[k]]]
        b[k] = members[rng.integers(0, len(members))]
    keep = a != b
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    ties = pd.DataFrame({"a": ids[a], "b": ids[b], "weight": np.round(rng.beta(2, 4, len(a)), 2),
                         "kinds": [["colleague"]] * len(a)}).drop_duplicates(["a", "b"]).reset_index(drop=True)
    labels = {c: CLUSTER_LABELS[c % len(CLUSTER_LABELS)] for c in range(n_clusters)}
    clusters = pd.DataFrame({
        "size": [int((cluster == c).sum()) for c in range(n_clusters)],
        "label": [labels[c] for c in range(n_clusters)],
        "people": [list(ids[cluster == c]) for c in range(n_clusters)],
    }, index=pd.Index(range(n_clusters), name="cluster"))
    assert set(health) <= set(HEALTH)
    return SyntheticGarden(people=people, ties=ties, clusters=clusters)


_BASELINE_HOOK = """<script>
(function () {
  function done() { window.baselineDrawnAt = performance.now(); document.body.dataset.drawn = "1"; }
  function hook() {
    if (typeof network === "undefined") { return setTimeout(hook, 5); }
    network.once("stabilizationIterationsDone", function () { network.once("afterDrawing", done); network.redraw(); });
  }
  hook();
})();
</script></body>"""


def baseline_html(garden, path: Path) -> Path:
    """The hand-written way: networkx into pyvis, default physics, pyvis' own template."""
    import networkx as nx
    from pyvis.network import Network

    graph = nx.Graph()
    for pid, row in garden.people.iterrows():
        graph.add_node(int(pid), label=str(row["name"]), title=str(row["name"]))
    for a, b, w in zip(garden.ties["a"], garden.ties["b"], garden.ties["weight"]):
        graph.add_edge(int(a), int(b), weight=float(w))
    net = Network(height="800px", width="100%", cdn_resources="in_line")
    net.from_nx(graph)
    net.write_html(str(path))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</body>", _BASELINE_HOOK, 1), encoding="utf-8")
    return path


def time_page(browser, path: Path, flag: str, cap_s: float = CAP_S):
    """Milliseconds from navigation start to ``window[flag]``, blocked requests, or None past the cap."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        blocked = open_blocked(page, path, timeout=cap_s * 1000)
        try:
            page.wait_for_function(f"window.{flag} !== undefined", timeout=cap_s * 1000, polling=50)
        except Exception:  # playwright's TimeoutError
            return None, blocked
        return page.evaluate(f"window.{flag}"), blocked
    finally:
        page.close()


def map_cell(store: str, month: str, repeat: int) -> None:
    """Print the CPU time and the size of the monthly report's map cell (``map_widget``)."""
    from netlib.report.content import MonthlyReport

    report = MonthlyReport.load(store, month)
    report.garden  # analysed once, outside the timing
    start = time.process_time()
    report.map_widget()  # the first call, as the report's kernel makes it (the template compiled, files read)
    first = time.process_time() - start
    times = []
    for _ in range(repeat):
        report._maps.clear()
        report._sections.clear()
        start = time.process_time()
        cell = report.map_widget()
        times.append(time.process_time() - start)
    page = report.map_html()
    print(f"map cell of {store} ({month}): first call {first:.3f} s CPU, then {np.median(times):.3f} s "
          f"(median of {repeat}, min {min(times):.3f} s), "
          f"{len(str(cell).encode()) / 1e6:.2f} MB in the notebook, map.html {len(page.encode()) / 1e6:.2f} MB")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 2000, 30000])
    parser.add_argument("--baseline", type=int, nargs="*", default=[300, 2000])
    parser.add_argument("--repeat", type=int, default=3, help="netlib runs per size; the median is reported")
    parser.add_argument("--screenshot", type=Path, help="save the 300-person map here (PNG)")
    parser.add_argument("--store", help="time the report's map cell on this store (and nothing else)")
    parser.add_argument("--month", default="2026-11", help="the report's month, with --store")
    args = parser.parse_args(argv)
    if args.store:
        map_cell(args.store, args.month, max(args.repeat, 9))
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp, launch() as browser:
        tmp = Path(tmp)
        for n in args.sizes:
            garden = synthetic_garden(n)
            start = time.perf_counter()
            network(garden)
            network_s = time.perf_counter() - start
            start = time.process_time()
            html = render_map(garden)
            render_s = time.process_time() - start
            path = tmp / f"netlib-{n}.html"
            path.write_text(html, encoding="utf-8")
            times = []
            for _ in range(args.repeat):
                ms, blocked = time_page(browser, path, "netlibDrawnAt")
                assert not blocked, blocked
                times.append(ms)
            rows.append(("netlib", n, float(np.median(times)), len(map_frame(html).encode()), network_s, render_s, 0))
            if args.screenshot and n == 300:
                page = browser.new_page(viewport={"width": 1400, "height": 860}, device_scale_factor=1)
                open_blocked(page, path)
                page.wait_for_selector("body[data-drawn]", state="attached")
                page.wait_for_timeout(400)
                args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.screenshot))
                page.close()
        for n in args.baseline:
            garden = synthetic_garden(n)
            path = baseline_html(garden, tmp / f"baseline-{n}.html")
            ms, blocked = time_page(browser, path, "baselineDrawnAt")
            rows.append(("pyvis baseline", n, ms, path.stat().st_size, 0.0, 0.0, len(blocked)))
    print(f"{'map':<15}{'people':>8}{'drawn after':>14}{'cell size':>12}{'network (py)':>14}{'render CPU':>13}"
          f"{'blocked':>9}")
    for name, n, ms, size, network_s, render_s, blocked in rows:
        drawn = f">{CAP_S:.0f} s" if ms is None else f"{ms / 1000:.2f} s"
        print(f"{name:<15}{n:>8,}{drawn:>14}{size / 1e6:>10.2f} MB{network_s:>12.2f} s{render_s:>11.2f} s{blocked:>9}")
    ours = {n: ms for name, n, ms, *_ in rows if name == "netlib"}
    for name, n, ms, *_ in rows:
        if name != "netlib" and n in ours:
            ratio = (CAP_S * 1000 if ms is None else ms) / ours[n]
            print(f"speed-up at {n:,}: {'>' if ms is None else ''}{ratio:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
