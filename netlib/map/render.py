"""The map page: a :class:`~netlib.map.mapnetwork.MapNetwork` as one self-contained, offline HTML
document, through netlib's own autoescaping template (never pyvis' own)."""

# vis-network's JS and CSS are inlined compressed: pyvis' copy, compressed once and kept as package
# data (VIS_FILE; a test checks it inflates to pyvis' files); the data
# travels as JSON in a <script type="application/json"> block, tooltips are built with
# textContent, and the page requests nothing from anywhere. For scale, vis-network holds you
# and rings 1-4 only (at most VIS_CAP people) while the outer crowd is painted as dots on the
# same canvas; the JSON is columnar with short keys: texts as plain JSON (names joined into
# one string, companies, positions, next actions and tags as a string table), numbers as
# typed arrays in one compressed buffer written without letters (netlib/map/encode.py). The
# page inflates vis-network and the numbers (DecompressionStream), then draws.

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from importlib.util import find_spec
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import numpy as np
import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from netlib.garden.terms import HEALTH, HEALTH_COLOURS
from netlib.map.labels import FONT_FACE, LABEL_FONT, LABEL_RINGS, RING3_MIN_PX
from netlib.map.columns import Columns, columns, map_meta
from netlib.map.encode import ALPHABET, Numbers, texts
from netlib.paths import write_private
from netlib.store.frames import no_gc

if TYPE_CHECKING:
    from netlib.map.mapnetwork import MapNetwork

__all__ = ["VIS_RINGS", "VIS_CAP", "render_map", "render_network", "write_map", "map_frame", "map_widget"]

VIS_RINGS = 4  # vis-network draws you and rings 1..4 as interactive nodes ...
VIS_CAP = 1500  # ... at most this many; the outer crowd is painted on the same canvas
_VIS_DIR = ("lib", "vis-9.1.2")
#: :func:`~netlib.map.encode.vis_blob` of :func:`_vis_assets`, as the page carries it, made once rather
#: than every report (figures in benchmarks/map_bench.py); tests/test_netmap.py checks it inflates to pyvis' files
VIS_FILE = resources.files("netlib.map").joinpath("vis-network-9.1.2.txt")


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the copy the installed pyvis ships (what :data:`VIS_FILE` holds)."""
    folder = Path(find_spec("pyvis").origin).parent.joinpath(*_VIS_DIR)
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    return js, css


@lru_cache(maxsize=None)
def _page_text(name: str) -> Markup:
    """A file of the page kept beside the template, read once: :data:`VIS_FILE` (letter-free
    digits) or map.js, the page's own script (outside the template, which compiles faster
    without it: Jinja's lexer tries its tags at every character of plain text)."""
    text = resources.files("netlib.map").joinpath(name).read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise RuntimeError(f"netlib/map/{name} cannot be inlined in a script (it contains a closing tag)")
    return Markup(text)


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    """netlib's template environment, made once: it keeps the compiled template (and
    reloads it should the file change)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("netlib.map"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    return env


def _values(nodes: list, key: str, default) -> list:
    """``node[key]`` of every node; ``default`` where a node (added by hand) has none."""
    try:
        return list(map(itemgetter(key), nodes))
    except KeyError:
        return [node.get(key, default) for node in nodes]


def _from_network(net: MapNetwork) -> tuple[dict, tuple, dict]:
    """What the page draws of a network (which its owner may have changed): the people as
    columns, the ties between them and the rest (see :func:`_pack`)."""
    nodes = [node for node in net.nodes if node["id"] != "you"]
    ids = [node["id"] for node in nodes]
    health_index, dormant = {h: k for k, h in enumerate(HEALTH)}, HEALTH.index("dormant")
    people = {
        "id": ids, "tags": _values(nodes, "tags", ()), "company": _values(nodes, "company", ""),
        "position": _values(nodes, "position", ""), "next_action": _values(nodes, "next_action", ""),
        "last": np.array(_values(nodes, "last_interaction", ""), dtype="datetime64[D]"),  # "" is NaT
        "health": [health_index.get(h, dormant) for h in _values(nodes, "health", "dormant")],
        "ring": _values(nodes, "ring", 6), "name": _values(nodes, "name", ""), "label": _values(nodes, "label", " "),
        "labelled": _values(nodes, "labelled", False), "bridge": _values(nodes, "bridge", False),
        "lift": _values(nodes, "label_lift", 0), "cluster": _values(nodes, "cluster", -1),
        "x": _values(nodes, "x", 0.0), "y": _values(nodes, "y", 0.0), "size": _values(nodes, "size", 4.0),
    }
    present = set(ids)
    ties = [e for e in net.edges if e["from"] in present and e["to"] in present]
    edges = ([t["from"] for t in ties], [t["to"] for t in ties], [t.get("weight", 0.5) for t in ties])
    meta = {"owner": str(net.node_map.get("you", {}).get("label", "You")), "as_of": net.as_of, "month": net.month,
            "rings": net.rings, "sectors": net.sectors, "physics": bool(net.options.physics.enabled)}
    return people, edges, meta


def _from_columns(c: Columns, garden, physics: bool) -> tuple[dict, tuple, dict]:
    """:func:`_from_network` of ``network(garden)``, read straight off its columns (no pyvis
    network is made, so neither pyvis nor networkx is imported)."""
    lift = [0] * len(c.ids)
    for k, value in c.lift.items():
        lift[k] = value
    people = {"id": c.ids, "tags": c.tags, "company": c.company, "position": c.position, "next_action": c.next_action,
              "last": c.last, "health": c.health, "ring": c.ring, "name": c.name, "label": c.label,
              "labelled": c.labelled, "bridge": c.bridge, "lift": lift, "cluster": c.cluster, "x": c.x, "y": c.y,
              "size": c.size}
    edges = c.ties  # already each pair once, between drawn people (see columns._ties)
    return people, edges, {"owner": c.owner, **map_meta(c, garden), "physics": bool(physics)}


def _ids(ids: list, numbers: Numbers) -> dict:
    """The people's ids: ``{"di": ...}``, each id less the one before (1 for consecutive ids:
    a byte each), or ``{"id": [...]}`` when they are not all integers of at most 31 bits."""
    try:  # ids are ints (as pyvis wants; a network's owner may choose text, even "3": every id is
        # checked, as fromiter would read "3" or True as a number and the page lose that node's ties)
        a = np.fromiter(ids, dtype=np.int64, count=len(ids)) if set(map(type, ids)) <= {int} else None
    except (TypeError, ValueError, OverflowError):
        a = None
    if a is None or (len(a) and np.abs(a).max() >= 2 ** 31):
        return {"id": list(ids)}
    return {"di": numbers.typed(np.diff(a.astype("int64"), prepend=0))}


def _coordinates(values) -> np.ndarray:
    """Canvas coordinates rounded to whole units, as :meth:`Numbers.typed` always takes them:
    none (NaN) is 0 and anything beyond 32 bits (a node placed by hand at 1e300 or inf) is
    drawn at the edge of that range, rather than a ``null`` column the page cannot read."""
    a = np.nan_to_num(np.rint(np.asarray(values, dtype=float)), nan=0.0)
    return np.clip(a, -(2**31 - 1), 2**31 - 1)


def _pack(p: dict, edges: tuple, meta: dict, *, redact: bool) -> tuple[dict, dict]:
    """The compact JSON the page reads, and the context for the server-rendered controls."""
    ids = p["id"]
    count = len(ids)
    owner = "You" if redact else meta["owner"]
    as_of = meta["as_of"] or pd.Timestamp.today().date().isoformat()
    # one table of distinct strings, "" first, then in order of first use: companies,
    # positions, next actions, tags; each column refers to it by index
    tag_rows = p["tags"]
    tags = list(chain.from_iterable(tag_rows))
    strings = [""] + p["company"] + p["position"] + p["next_action"] + tags
    table = {text: k for k, text in enumerate(dict.fromkeys(strings))}
    codes = np.fromiter(map(table.__getitem__, strings), dtype=np.int64, count=len(strings))
    flat = codes[1 + 3 * count:]
    # days since the last interaction, -1 for never (NaT)
    last = p["last"]
    ages = np.where(np.isnat(last), -1, (np.datetime64(as_of, "D") - last).astype("int64"))
    health, ring, label = p["health"], p["ring"], p["label"]
    labelled, bridge, lifts, cluster = p["labelled"], p["bridge"], p["lift"], p["cluster"]
    name = p["name"]
    if not (set(map(type, name)) <= {str} and all(name)):  # a node added by hand may have a label only,
        name = [str(nm) if nm else str(lb).strip() for nm, lb in zip(name, label)]  # or a name not text
    ring, health = (np.asarray(v, dtype="int64") for v in (ring, health))
    try:
        cluster = np.asarray(cluster, dtype="int64")
    except (TypeError, ValueError):  # a cluster set by hand to None or text: in no cluster (-1)
        cluster = pd.to_numeric(pd.Series(cluster, dtype=object), errors="coerce").fillna(-1).to_numpy(dtype="int64")
    # only rings 1-3 have labels (labelled, lifted or hidden): the rest of the people need no look
    inner = [(ids[k], label[k], name[k], labelled[k], lifts[k]) for k in np.flatnonzero(ring <= LABEL_RINGS).tolist()]
    # ring, health and bridge in one small number each: ring * 16 + health * 2 + bridge
    flags = ring * 16 + health * 2 + np.asarray(bridge, dtype=bool)
    numbers = Numbers()
    typed, column = numbers.typed, numbers.column
    n = {
        **_ids(ids, numbers),
        "x": typed(_coordinates(p["x"])), "y": typed(_coordinates(p["y"])),
        "f": typed(flags), "z": column(p["size"], scale=10), "c": typed(cluster), "nm": texts(name, numbers),
        "co": typed(codes[1:1 + count]), "po": typed(codes[1 + count:1 + 2 * count]), "li": typed(ages),
        "na": typed(codes[1 + 2 * count:1 + 3 * count]),
        # rings 1-3 whose label would land on another's: no label until selected
        "nl": [pid for pid, _, _, shown, _ in inner if not shown],
        # labels drawn otherwise: [id, shortened text or "", vadjust (over the dot) or 0]
        "lb": [[pid, text if text != full else "", lift] for pid, text, full, shown, lift in inner
               if shown and (text != full or lift)],
    }
    if tags:  # how many tags each person has, and all their tags one after another
        n["tg"] = [typed(np.fromiter(map(len, tag_rows), dtype=np.int64, count=count)), typed(flat)]
    e = {"a": column(edges[0]), "b": column(edges[1]), "w": column(edges[2], scale=100)}

    ring_counts, health_counts, cluster_counts = (dict(zip(*(a.tolist() for a in np.unique(v, return_counts=True))))
                                                  for v in (ring, health, cluster))
    health_counts = {HEALTH[h]: k for h, k in health_counts.items()}
    cluster_labels = {s[0]: s[3] for s in meta["sectors"]}
    ring_names = {r[0]: r[3] for r in meta["rings"]}
    page = {
        "you": owner, "asOf": as_of, "labelRings": LABEL_RINGS,
        "health": list(HEALTH), "palette": [HEALTH_COLOURS[h] for h in HEALTH],
        "physics": meta["physics"], "visRings": VIS_RINGS, "visCap": VIS_CAP,
        "fontFace": FONT_FACE, "labelFont": [LABEL_FONT[k] for k in range(LABEL_RINGS + 1)], "ring3MinPx": RING3_MIN_PX,
    }
    data = {"meta": page, "rings": meta["rings"], "sectors": meta["sectors"], "strings": list(table), "n": n, "e": e,
            "digits": ALPHABET}
    context = {
        "title": "Garden map" + (f" \u00b7 {meta['month']}" if meta["month"] else ""),
        "people_count": count, "tie_count": len(edges[0]), "as_of": as_of, "redacted": bool(redact),
        "rings": [(k, ring_names.get(k, f"ring {k}"), ring_counts[k]) for k in range(1, 7) if ring_counts.get(k)],
        "health": [(h, HEALTH_COLOURS[h], health_counts.get(h, 0)) for h in HEALTH],
        # the set of tags in use, sorted as the page lists them: case-blind, then stable
        "tags": sorted(set(tags), key=lambda t: (t.lower(), t)),
        "clusters": sorted(((cid, cluster_labels.get(cid, f"Cluster {cid}"), k) for cid, k in cluster_counts.items()),
                           key=lambda t: (t[0] == -1, -t[2], t[0])),
    }
    return data, {**context, "numbers": Markup(numbers.blob())}  # letter-free digits: nothing to escape


def render_network(net: MapNetwork, *, redact: bool = False) -> str:
    """A map :class:`~netlib.map.mapnetwork.MapNetwork` (see :func:`~netlib.map.mapnetwork.network`)
    as one standalone HTML document: offline, nothing loaded from anywhere.

    The page reads each node's ``x``, ``y``, ``size``, ``label``, ``name``, ``company``,
    ``position``, ``ring``, ``health``, ``cluster``, ``tags``, ``last_interaction``,
    ``next_action``, ``bridge``, ``labelled`` and ``label_lift``, and each edge's ``from``,
    ``to`` and ``weight``. Every string reaches the page autoescaped by Jinja2 or inside
    the JSON block, and the page puts it on screen with ``textContent`` only. ``redact``
    marks the page as redacted and calls you "You"; it rewrites no text (redact the
    garden first).
    """
    return _render(*_from_network(net), redact=redact)


def _render(people: dict, edges: tuple, meta: dict, *, redact: bool) -> str:
    data, context = _pack(people, edges, meta, redact=redact)
    template = _environment().get_template("map.html.j2")
    return template.render(data=data, vis_blob=_page_text(VIS_FILE.name), page_js=_page_text("map.js"),
                           font_face=FONT_FACE, **context)


def render_map(garden, *, max_ring: int = 6, redact: bool = False, physics: bool = False) -> str:
    """The garden's map as one standalone HTML document: ``render_network(network(garden))``,
    made straight from the map's columns (:func:`netlib.map.columns.columns`) without the
    pyvis network in between, so drawing the map imports neither pyvis nor networkx.

    A redacted garden (:func:`netlib.report.redact.redact_garden`) makes a map that names
    nobody; ``redact`` only marks the page (see :func:`render_network`).
    """
    with no_gc():  # tens of thousands of values, no cycles: no collection walks the heap
        return _render(*_from_columns(columns(garden, max_ring=max_ring), garden, physics), redact=redact)


def write_map(garden, path, **options) -> Path:
    """Write :func:`render_map` to ``path``, readable by its owner only (mode 0o600)."""
    return write_private(Path(path), render_map(garden, **options))


def map_frame(html: str, height: int = 650) -> str:
    """A rendered map as an ``<iframe srcdoc>`` that needs no server (HTML text).

    Works in JupyterLab, VS Code and nbconvert's HTML export (where ``Network.show()``
    does not); scripts run in a sandbox without access to the notebook's page.
    """
    return (  # wrapped in a div: IPython warns about bare iframes, suggesting IFrame (a URL)
        f'<div class="netlib-map"><iframe srcdoc="{_escaped(html)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:0;border-radius:6px" '
        f'title="Network map" loading="eager"></iframe></div>'
    )


_BLOB = '<script type="text/plain" id="netlib-'


def _escaped(html: str) -> str:
    """``html.escape(html, quote=True)``, with the page's compressed blocks (letter-free
    digits: nothing to escape, but two thirds of the page) checked rather than rewritten five
    times over. Escaping works character by character, so escaping the pieces is escaping the whole."""
    pieces, at = [], 0
    while (start := html.find(_BLOB, at)) >= 0 and (end := html.find("</script>", start)) >= 0:
        body = html.index(">", start) + 1
        pieces.append(escape(html[at:body], quote=True))
        blob = html[body:end]
        pieces.append(escape(blob, quote=True) if any(c in blob for c in "&<>\"'") else blob)
        at = end
    pieces.append(escape(html[at:], quote=True))
    return "".join(pieces)


def map_widget(html: str, height: int = 650) -> HTML:
    """Show a rendered map in a notebook (:func:`map_frame` as ``IPython.display.HTML``)."""
    return HTML(map_frame(html, height))
