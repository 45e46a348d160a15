"""The network map: layout, the pyvis network, escaping, redaction, offline-ness (no browser)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from builders import SnapBuilder
from map_page import block, page_data, readable
from netlib.garden.analysis import analyse
from netlib.garden.terms import HEALTH
from netlib.map import map_widget, network, render_map, render_network, write_map
from netlib.map.columns import MAX_TIES, _first_rows
from netlib.map.labels import FONT_FACE, LABEL_FONT, _hits, _label_box, label_plan
from netlib.map.layout import ring_geometry, ring_layout, ring_positions
from netlib.report.redact import redact_garden

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<!--", "Zoë \"Q\" O'Neil & co"]


@dataclass
class FakeGarden:
    """Same fields as netlib.garden.analysis.Garden (the input contract)."""

    people: pd.DataFrame
    ties: pd.DataFrame
    clusters: pd.DataFrame
    as_of: pd.Timestamp = pd.Timestamp("2026-11-30")
    month: str = "2026-11"
    settings: dict = field(default_factory=lambda: {"owner_name": "Owner Person"})
    checklists: dict = field(default_factory=dict)
    detail: pd.DataFrame = None
    snapshot: object = None


def fake_garden(names=None, n=12) -> FakeGarden:
    names = list(names or []) + [f"Alice{k} Smithson{k}" for k in range(n)]
    m = len(names)
    rng = np.random.default_rng(3)
    people = pd.DataFrame({
        "name": names,
        "company": [f"Corpname{k}" for k in range(m)],
        "position": [f"Role{k}" for k in range(m)],
        "tags": [["python", "mentor"] if k % 2 else [] for k in range(m)],
        "ring": np.array([1 + k % 6 for k in range(m)], dtype=np.int64),  # numpy ints on purpose
        "ring_name": ["ring"] * m,
        "strength": np.linspace(1.0, 0.0, m),
        "health": [("seedling", "thriving", "needs water", "wilting", "dormant")[k % 5] for k in range(m)],
        "cluster": np.array([k % 3 - 1 for k in range(m)], dtype=np.int64),
        "last_interaction": [pd.NaT if k % 4 == 0 else pd.Timestamp("2026-10-01") for k in range(m)],
        "interaction_count": rng.integers(0, 9, m), "cadence_days": 30, "days_overdue": 0,
        "constraint": np.nan, "bridge": [k % 7 == 0 for k in range(m)],
        "next_action": [f"Coffee with {names[k]}" for k in range(m)],
        "emails": [[f"secret{k}@mail.example"] for k in range(m)],
        "phones": [[f"+44 7700 900{k:03d}"] for k in range(m)],
        "notes": [f"confidential-note-{k}" for k in range(m)],
    }, index=pd.Index(np.arange(10, 10 + m, dtype=np.int64), name="id"))
    ties = pd.DataFrame({"a": np.int64([10, 11, 12]), "b": np.int64([11, 12, 13]),
                         "weight": [0.9, np.nan, 0.2], "kinds": [["colleague"]] * 3})
    clusters = pd.DataFrame({"size": [4, 4], "label": ["Group A", "Group B"], "people": [[], []]},
                            index=pd.Index([0, 1], name="cluster"))
    return FakeGarden(people, ties, clusters)


# ---------------------------------------------------------------- layout

def test_layout_is_deterministic_and_rings_are_ordered_by_radius():
    people = fake_garden(n=200).people
    first, second = ring_layout(people), ring_layout(people)
    assert first == second
    radius = pd.Series({i: np.hypot(*xy) for i, xy in first.items()})
    by_ring = radius.groupby(people["ring"]).agg(["min", "max"])
    for k in range(1, 6):  # every ring k person is closer than every ring k+1 person
        assert by_ring.loc[k, "max"] < by_ring.loc[k + 1, "min"]
    geometry = ring_geometry(people)
    assert [geometry.rings[k][0] for k in range(1, 7)] == sorted(geometry.rings[k][0] for k in range(1, 7))


def test_layout_returns_plain_python_values_and_handles_nan():
    people = pd.DataFrame({"ring": [1.0, np.nan, 3], "cluster": [np.nan, 0, 0], "strength": [np.nan, 0.5, 2]},
                          index=np.int64([5, 6, 7]))
    pos = ring_layout(people)
    assert all(type(k) is int and all(type(v) is float and np.isfinite(v) for v in xy) for k, xy in pos.items())
    assert ring_layout(people.iloc[:0]) == {}


def test_layout_places_30000_people_apart():
    """(Its speed is printed by benchmarks/map_bench.py, never asserted here.)"""
    rng = np.random.default_rng(0)
    n = 30_000
    people = pd.DataFrame({"ring": rng.integers(1, 7, n), "cluster": rng.integers(-1, 20, n),
                           "strength": rng.random(n)})
    pos = ring_layout(people)
    assert len(pos) == n and len(set(pos.values())) > 0.99 * n  # dots hardly ever coincide


def test_ring_positions_are_ring_layout_by_row_and_ring_geometry():
    people = fake_garden(n=200).people.sample(frac=1.0, random_state=2)  # rows not in id order
    x, y, geometry = ring_positions(people)
    assert dict(zip(people.index.tolist(), zip(x.tolist(), y.tolist()))) == ring_layout(people)
    assert geometry == ring_geometry(people)
    x, y, geometry = ring_positions(people.iloc[:0])
    assert len(x) == len(y) == 0 and geometry == ring_geometry(people.iloc[:0])


# ---------------------------------------------------------------- building

def test_network_is_a_pyvis_network_of_plain_values_with_positions_and_no_physics():
    from pyvis.network import Network

    net = network(fake_garden(HOSTILE))
    assert isinstance(net, Network) and net.options.physics.enabled is False
    allowed = (int, float, str, bool, list, dict, type(None))
    for node in net.nodes:
        for key, value in node.items():
            assert isinstance(value, allowed), (key, type(value))
            assert not (isinstance(value, float) and np.isnan(value)), key
        assert isinstance(node["x"], float | int) and isinstance(node["y"], float | int)
    assert {e["weight"] for e in net.edges} == {0.9, 0.5, 0.2}  # NaN weight became the default 0.5
    assert net.nodes[0]["id"] == "you" and net.nodes[0]["label"] == "Owner Person"
    # titles are plain text lines, the hostile name as it is (pyvis' page would run HTML)
    first = net.node_map[10]
    assert first["title"].split("\n")[:3] == [HOSTILE[0], "Role0 \u00b7 Corpname0", "Ring 1 \u00b7 ring \u00b7 seedling"]
    assert "<br" not in "".join(node["title"] for node in net.nodes)
    html = net.generate_html()  # pyvis itself can draw it (its page is not ours: CDN, innerHTML)
    assert "Corpname0" in html


def test_a_tweaked_network_is_what_the_page_draws():
    net = network(fake_garden(), max_ring=3)
    net.node_map[10]["name"] = "Renamed Person"
    net.node_map[10]["ring"] = 2
    net.add_node(999, label="Added by hand", x=5.0, y=5.0)  # without the map's fields: defaults
    net.add_edge(10, 999, weight=0.7)
    data = page_data(render_network(net))
    n = data["n"]
    k = n["id"].index(10)
    assert n["nm"][k] == "Renamed Person" and n["r"][k] == 2
    assert n["id"][-1] == 999 and n["r"][-1] == 6 and n["x"][-1] == 5
    assert n["nm"][-1] == "Added by hand"  # a node with a label only is named by it (the README's example)
    assert [10, 999, 0.7] in [list(t) for t in zip(data["e"]["a"], data["e"]["b"], data["e"]["w"])]


def test_render_map_packs_what_network_builds():
    garden = fake_garden(["Catherine (Cathy) Brennan", "Zoë O'Neil"], n=300)
    garden.ties = pd.DataFrame({"a": np.repeat(garden.people.index[:90], 90),  # over MAX_TIES, with repeats
                                "b": np.tile(garden.people.index[:90], 90), "weight": 0.5})
    for options in ({}, {"max_ring": 4}, {"physics": True}):
        net = network(garden, **options)
        data = page_data(render_map(garden, **options))
        assert data["meta"]["physics"] is bool(options.get("physics"))
        nodes = [node for node in net.nodes if node["id"] != "you"]
        n, strings = data["n"], data["strings"]
        assert n["id"] == [node["id"] for node in nodes] and n["nm"] == [node["name"] for node in nodes]
        assert n["h"] == [HEALTH.index(node["health"]) for node in nodes]
        assert [strings[k] for k in n["na"]] == [node["next_action"] for node in nodes]
        assert [[strings[k] for k in row] for row in n["tg"]] == [node["tags"] for node in nodes]
        assert n["nl"] == [node["id"] for node in nodes if node["ring"] <= 3 and not node["labelled"]]
        assert data["meta"]["you"] == net.nodes[0]["label"]
        assert (data["e"]["a"], data["e"]["b"], data["e"]["w"]) == (
            [e["from"] for e in net.edges], [e["to"] for e in net.edges], [e["weight"] for e in net.edges])
        assert len(net.edges) <= MAX_TIES


def test_first_rows_is_the_head_of_a_full_sort_even_with_many_equal_values():
    rng = np.random.default_rng(4)
    for n, k in ((1, 1), (50, 80), (5000, 700), (20000, 6000)):
        keys = [(rng.random(n) < 0.3).astype(np.int8), -np.where(rng.random(n) < 0.9, 0.39, rng.random(n)),
                rng.integers(0, n // 5 + 1, n), rng.integers(0, 4, n)]
        assert np.array_equal(_first_rows(keys, k), np.lexsort(keys[::-1])[:k])


def test_max_ring_draws_only_inner_rings():
    net = network(fake_garden(), max_ring=2)
    assert {n["ring"] for n in net.nodes if n["id"] != "you"} == {1, 2}
    drawn = {n["id"] for n in net.nodes}
    assert all(e["from"] in drawn and e["to"] in drawn for e in net.edges)


# ---------------------------------------------------------------- labels

def _boxes(owner, people, plan):
    boxes = [_label_box(0, 0, 20, owner, LABEL_FONT[0])]
    for (x, y, size, ring, _, _), chosen in zip(people, plan):
        if chosen:
            boxes.append(_label_box(x, y, size, chosen[0], LABEL_FONT[ring], above=chosen[1]))
    return boxes


def test_label_plan_keeps_labels_apart_and_the_owner_clear():
    rng = np.random.default_rng(1)
    people = [(float(rng.uniform(-400, 400)), float(rng.uniform(-400, 400)), 12.0, int(rng.integers(1, 5)),
               float(rng.random()), f"Person Number{k}") for k in range(120)]
    people.append((10.0, -25.0, 20.0, 1, 1.0, "Catherine (Cathy) Brennan"))  # right on top of you
    plan = label_plan("Alex Morgan", 20, people)
    boxes = _boxes("Alex Morgan", people, plan)
    for i, a in enumerate(boxes):
        assert not any(_hits(a, b) for b in boxes[i + 1:])  # no two labels overlap, yours included
    assert all(chosen is None for p, chosen in zip(people, plan) if p[3] > 3)  # ring 4+: never labelled
    assert any(chosen is None for chosen in plan[:-1]) and sum(c is not None for c in plan) > 20


def test_label_plan_labels_inner_rings_that_have_room_and_shortens_long_names():
    people = [(300.0 * np.cos(t), 300.0 * np.sin(t), 16.0, 1 + k % 2, 0.5, f"Name{k} Surname{k}")
              for k, t in enumerate(np.linspace(0, 2 * np.pi, 8, endpoint=False))]
    assert all(c == (p[5], False) for p, c in zip(people, label_plan("You", 20, people)))
    # two people side by side: the second goes over its dot, the third is shortened
    crowd = [(0.0, 200.0, 16.0, 1, 0.9, "Hannah Porter"), (30.0, 215.0, 16.0, 1, 0.8, "Javier Díaz"),
             (0.0, 260.0, 10.0, 2, 0.5, "Catherine (Cathy) Brennan")]
    plan = label_plan("You", 20, crowd)
    assert plan[0] == ("Hannah Porter", False) and plan[1] == ("Javier Díaz", True)
    assert plan[2] is None or plan[2][0] in ("Catherine (Cathy) Brennan", "Catherine B.")


def test_network_hides_clashing_labels_and_the_page_knows():
    net = network(fake_garden(n=200))
    people = [n for n in net.nodes if n["id"] != "you"]
    assert any(n["labelled"] for n in people if n["ring"] <= 2)
    assert all(n["label"] == " " for n in people if not n["labelled"])
    html = render_map(fake_garden(n=200))
    assert '"nl":[' in html and '"lb":[' in html


def test_fonts_fall_back_for_any_script_and_the_legend_sits_in_the_panel():
    html = render_map(fake_garden(["김민준", "王伟"]))
    assert "Noto Sans CJK KR" in FONT_FACE and "Microsoft YaHei" in FONT_FACE and FONT_FACE.endswith("sans-serif")
    assert "font:13px/1.4 " + FONT_FACE + ";" in html  # the page's CSS, unescaped in <style>
    assert '"fontFace":' in html  # and the canvas labels, through the data
    panel = html[html.index('<aside id="panel"'):html.index("</aside>")]
    assert '<details id="legend"' in panel


# ---------------------------------------------------------------- the document

def test_hostile_names_appear_only_escaped():
    html = render_map(fake_garden(HOSTILE))
    assert "<img src=x onerror" not in html
    assert "</script><script>alert" not in html
    assert html.count("</script>") == 4  # our four script elements; no closing tag sneaked in
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # in the JSON, as data


def test_the_page_loads_nothing_from_anywhere():
    html = render_map(fake_garden())
    for pattern in (r'src\s*=\s*["\']?\s*(https?:)?//', r'href\s*=\s*["\']?\s*(https?:)?//', r"@import", r"url\(\s*['\"]?\s*(https?:)?//"):
        assert not re.search(pattern, html, re.I), pattern
    assert "bootstrap" not in html.lower()  # pyvis' own template is not used
    assert "default-src 'none'" in html  # and the CSP forbids requests anyway


def test_a_redacted_gardens_map_leaks_no_name_email_phone_or_note():
    """The map rewrites no text: it trusts redact_garden (the one redaction pass)."""
    garden = fake_garden(["Grace Hopper"])
    pseudonyms = {int(i): f"P-{k}" for k, i in enumerate(garden.people.index)}
    html = readable(render_map(redact_garden(garden, pseudonyms), redact=True))
    for name in garden.people["name"]:
        for word in name.split():
            assert word not in html, word
    for column in ("notes", "company", "position"):
        for value in garden.people[column]:
            assert not re.search(re.escape(value) + r"\b", html), (column, value)
    for value in garden.people["emails"].sum() + garden.people["phones"].sum():
        assert value not in html
    assert "Owner Person" not in html and "P-0" in html and '<span class="redacted">' in html
    kept = render_map(redact_garden(garden, pseudonyms, keep_companies=True), redact=True)
    assert "Corpname1" in kept and "Grace" not in kept and "Hopper" not in kept


def test_a_redacted_real_garden_names_nobody_and_keeps_its_cluster_numbers():
    """From a snapshot through analyse and redact_garden. The map once scrubbed the redacted
    garden again and turned "Cluster 1" into "Cluster \u2022\u2022\u2022" (issue 11)."""
    b = SnapBuilder()
    grace = b.person("Grace Hopper", company="Navylabs", tags=["Hopper fans"], emails=["grace@navy.example"])
    ada = b.person("Ada Lovelace", company="Enginecorp")
    alan = b.person("Alan Turing", company="Enginecorp")
    for day in ("2026-09-01", "2026-10-01", "2026-11-01"):
        b.interaction(day, "coffee", [grace, ada], summary="Coffee with Grace and Ada about Alan")
    b.interaction("2026-11-10", "call", [alan])
    b.tie(grace, ada)
    b.tie(ada, alan)
    garden = analyse(b.build({"owner_name": "Owner Person"}), "2026-11-30")
    html = render_map(redact_garden(garden, {grace: "Willow 1a", ada: "Heron 2b"}), redact=True)
    html = readable(html)  # without vis-network's own code, numbers decoded (base64 can hold "Ada")
    for word in ("Grace", "Hopper", "Ada", "Lovelace", "Alan", "Turing", "Navylabs", "Enginecorp", "navy.example",
                 "Owner"):
        assert word not in html, word
    assert "Willow 1a" in html and "Person 3" in html and "\u2022" not in html


def test_write_map_is_owner_only(tmp_path):
    path = write_map(fake_garden(), tmp_path / "map.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(path).st_mode & 0o777 == 0o600


class _Iframe(HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


def test_map_widget_embeds_the_document_in_a_sandboxed_srcdoc():
    html = render_map(fake_garden(HOSTILE))
    widget = map_widget(html, height=500)
    source = widget.data
    assert source.startswith('<div class="netlib-map"><iframe ') and "<img" not in source and "<script" not in source
    parser = _Iframe()
    parser.feed(source)
    assert parser.attrs["srcdoc"] == html  # the attribute round-trips to the exact document
    assert parser.attrs["sandbox"] == "allow-scripts" and "500px" in parser.attrs["style"]


@pytest.mark.slow
def test_30000_person_map_stays_under_1_5_mb_in_the_notebook():
    """Issue 11: 2.9 MB once (JSON numbers, a quoted string per name, vis-network in clear)."""
    from test_netmap_browser import big_garden

    cell = map_widget(render_map(big_garden(30_000))).data
    assert len(cell.encode("utf-8")) < 1_500_000


def test_tags_differing_only_in_case_are_listed_in_one_order():
    """The tag filter's list does not depend on string hashing (it once did, for Climate/climate)."""
    import os
    import subprocess
    import sys

    tests = os.path.dirname(__file__)
    digests = {subprocess.run([sys.executable, "-m", "helpers.map_digest"], capture_output=True, text=True, cwd=tests,
                              check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(4)}
    assert len(digests) == 1


def test_numbers_take_the_smallest_type_that_holds_them_and_spell_no_word():
    from map_page import column, numbers

    from netlib.map.encode import ALPHABET, Numbers, letter_free

    packed = Numbers()
    cases = [([0, 255], "u8"), ([-128, 127], "i8"), ([0, 65_535], "u16"), ([-32_768, 32_767], "i16"),
             ([32_768, -1], "i32"), ([-(2 ** 31), 2 ** 31 - 1], "i32"), ([2 ** 31], "f64"), ([0.5], "f64")]
    specs = [(packed.typed(values), values, kind) for values, kind in cases]
    sizes = packed.typed([2.5, 24.0, 3.1], scale=10)
    assert packed.typed(["3"]) is None and packed.typed([float("nan")]) is None and packed.column(["a", 1]) == ["a", 1]
    buffer = numbers({"digits": ALPHABET}, packed.blob())
    for spec, values, kind in specs:
        assert spec["t"] == kind and column(spec, buffer) == values
    assert sizes["t"] == "u8" and column(sizes, buffer) == [2.5, 24.0, 3.1]
    assert len(set(ALPHABET)) == 32 and not any(ch.isalpha() or ch in "<>&\"'\\" for ch in ALPHABET)
    html = render_map(fake_garden(HOSTILE, n=300))
    for blob in (block(html, "netlib-numbers"), block(html, "netlib-vis"), letter_free(bytes(range(256)) * 9)):
        assert set(blob.split("|", 1)[1]) <= set(ALPHABET)


def test_the_vis_network_the_package_ships_is_pyvis_own_compressed():
    """The page's vis-network block is kept ready as package data (not compressed again every
    report): it inflates to the CSS and JS the installed pyvis ships, and every map carries it."""
    from map_page import numbers

    from netlib.map.encode import ALPHABET, vis_blob
    from netlib.map.render import VIS_FILE, _vis_assets

    js, css = _vis_assets()
    shipped = VIS_FILE.read_text(encoding="ascii")
    fix = ("rewrite it: python -c 'from netlib.map.render import VIS_FILE, _vis_assets; "
           "from netlib.map.encode import vis_blob; VIS_FILE.write_text(vis_blob(*_vis_assets()))'")
    inflated = numbers({"digits": ALPHABET}, shipped)
    assert inflated == (css + "\0" + js).encode("utf-8"), f"{VIS_FILE} is not pyvis' copy; {fix}"
    assert numbers({"digits": ALPHABET}, vis_blob(js, css)) == inflated
    assert block(render_map(fake_garden(HOSTILE)), "netlib-vis") == shipped


def test_the_srcdoc_is_escaped_as_html_escape_does_whatever_the_page():
    """map_frame spares the page's letter-free blocks from five rewrites; the result is
    still exactly ``html.escape`` of the page, for ours and for any text."""
    from html import escape

    from netlib.map.render import _escaped

    ours = render_map(fake_garden(HOSTILE))
    crafted = ['<script type="text/plain" id="netlib-x">a&b"c\'<d></script>tail "&"',
               '<script type="text/plain" id="netlib-open">never closed & "quoted"', "", "plain & <b>"]
    for text in [ours] + crafted:
        assert _escaped(text) == escape(text, quote=True)


@pytest.mark.parametrize("x", [1e300, 2.0**53, float("inf"), float("-inf"), float("nan"), None])
def test_a_node_placed_anywhere_by_hand_still_gives_a_readable_page(x):
    """A network's owner may place a node at any x (1e300, NaN, None): the coordinate columns
    are still typed arrays the page reads (a ``null`` column stopped the page: "Cannot read
    properties of null"), the other nodes where they were."""
    net = network(fake_garden(), max_ring=3)
    net.add_node(999, label="Placed by hand", x=x, y=7.0)
    html = render_network(net)
    data = page_data(html)
    n = data["n"]
    assert n["nm"][-1] == "Placed by hand" and n["y"][-1] == 7
    assert all(isinstance(v, (int, float)) and abs(v) < 2**31 for v in n["x"])
    before = page_data(render_network(network(fake_garden(), max_ring=3)))["n"]["x"]
    assert n["x"][:-1] == before


def test_a_text_id_of_digits_stays_text_and_keeps_its_ties():
    """A node added by hand with the text id "3" among integer ids: the page holds "3" (not
    the number 3, which the tie from 10 to "3" would not reach) and the tie."""
    net = network(fake_garden(), max_ring=3)
    net.add_node("3", label="Text id three", x=5.0, y=5.0, ring=2)
    net.add_edge(10, "3", weight=0.9)
    data = page_data(render_network(net))
    assert data["n"]["id"][-1] == "3" and 3 not in data["n"]["id"]
    assert [10, "3"] in [list(t) for t in zip(data["e"]["a"], data["e"]["b"])]
    assert all(type(i) is int for i in data["n"]["id"][:-1])


def test_a_name_set_by_hand_to_a_number_is_shown_as_text():
    """``node["name"] = 12345`` on a hand-made network: the page shows "12345" (the names are
    joined into one text, which stopped at a number: TypeError)."""
    net = network(fake_garden(), max_ring=3)
    net.add_node(999, label="Hand", x=1.0, y=1.0, name=12345)
    assert page_data(render_network(net))["n"]["nm"][-1] == "12345"


@pytest.mark.parametrize("cluster", [None, "x"])
def test_a_cluster_set_by_hand_to_none_or_text_is_no_cluster(cluster):
    """``cluster=None`` or text on a node added by hand: drawn in no cluster (-1), as a node
    without one, rather than a TypeError or ValueError from the page's packing."""
    net = network(fake_garden(), max_ring=3)
    net.add_node(999, label="Hand", x=1.0, y=1.0, cluster=cluster)
    n = page_data(render_network(net))["n"]
    assert n["id"][-1] == 999 and n["c"][-1] == -1


def test_ring_names_pass_over_rings_that_are_no_ring():
    """A ring of inf, NaN or text next to a ring name (a notebook's garden) is no ring: the
    names stay the usual ones, where int(inf) raised OverflowError."""
    from types import SimpleNamespace

    from netlib.garden.terms import RINGS
    from netlib.map.columns import ring_names

    people = pd.DataFrame({"ring": [float("inf"), float("nan"), "x", 2.0], "ring_name": ["A", "B", "C", "Close"]})
    assert ring_names(SimpleNamespace(people=people)) == {**RINGS, 2: "Close"}
