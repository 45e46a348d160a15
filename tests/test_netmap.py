"""The network map: layout, building, escaping, redaction, offline-ness (no browser)."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from netlib.layout import ring_geometry, ring_layout
from netlib.netmap import build_network, map_widget, render_map, write_map

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<!--", "Zoë \"Q\" O'Neil & co"]


@dataclass
class FakeGarden:
    """Same fields as netlib.garden.Garden (the input contract)."""

    people: pd.DataFrame
    ties: pd.DataFrame
    clusters: pd.DataFrame
    as_of: pd.Timestamp = pd.Timestamp("2026-11-30")
    month: str = "2026-11"
    settings: dict = field(default_factory=lambda: {"owner_name": "Owner Person"})


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


def test_layout_is_fast_at_30000_people():
    rng = np.random.default_rng(0)
    n = 30_000
    people = pd.DataFrame({"ring": rng.integers(1, 7, n), "cluster": rng.integers(-1, 20, n),
                           "strength": rng.random(n)})
    ring_layout(people)  # warm up
    start = time.perf_counter()
    pos = ring_layout(people)
    assert time.perf_counter() - start < 0.3
    assert len(pos) == n and len(set(pos.values())) > 0.99 * n  # dots hardly ever coincide


# ---------------------------------------------------------------- building

def test_build_network_converts_numpy_and_nan_to_plain_values():
    net = build_network(fake_garden())
    allowed = (int, float, str, bool, list, dict, type(None))
    for node in net.nodes:
        for key, value in node.items():
            assert isinstance(value, allowed), (key, type(value))
            assert not (isinstance(value, float) and np.isnan(value)), key
    assert {e["weight"] for e in net.edges} == {0.9, 0.5, 0.2}  # NaN weight became the default 0.5
    assert net.nodes[0]["id"] == "you" and net.nodes[0]["label"] == "Owner Person"


def test_max_ring_draws_only_inner_rings():
    net = build_network(fake_garden(), max_ring=2)
    assert {n["ring"] for n in net.nodes if n["id"] != "you"} == {1, 2}
    drawn = {n["id"] for n in net.nodes}
    assert all(e["from"] in drawn and e["to"] in drawn for e in net.edges)


# ---------------------------------------------------------------- the document

def test_hostile_names_appear_only_escaped():
    html = render_map(fake_garden(HOSTILE))
    assert "<img src=x onerror" not in html
    assert "</script><script>alert" not in html
    assert html.count("</script>") == 3  # our three script elements; no closing tag sneaked in
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # in the JSON, as data


def test_the_page_loads_nothing_from_anywhere():
    html = render_map(fake_garden())
    for pattern in (r'src\s*=\s*["\']?\s*(https?:)?//', r'href\s*=\s*["\']?\s*(https?:)?//', r"@import", r"url\(\s*['\"]?\s*(https?:)?//"):
        assert not re.search(pattern, html, re.I), pattern
    assert "bootstrap" not in html.lower()  # pyvis' own template is not used
    assert "default-src 'none'" in html  # and the CSP forbids requests anyway


def test_redaction_leaks_no_name_email_phone_or_note():
    garden = fake_garden(["Grace Hopper"])
    pseudonyms = {int(i): f"P-{k}" for k, i in enumerate(garden.people.index)}
    html = render_map(garden, redact=True, pseudonyms=pseudonyms)
    for name in garden.people["name"]:
        for word in name.split():
            assert word not in html, word
    for column in ("notes", "company", "position"):
        for value in garden.people[column]:
            assert not re.search(re.escape(value) + r"\b", html), (column, value)
    for value in garden.people["emails"].sum() + garden.people["phones"].sum():
        assert value not in html
    assert "Owner Person" not in html and "P-0" in html
    kept = render_map(garden, redact=True, pseudonyms=pseudonyms, keep_companies=True)
    assert "Corpname1" in kept and "Grace" not in kept and "Hopper" not in kept


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
def test_30000_person_map_stays_under_8_mb():
    from test_netmap_browser import big_garden

    html = render_map(big_garden(30_000))
    assert len(html.encode("utf-8")) < 8_000_000
