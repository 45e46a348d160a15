"""The map as a pyvis ``Network``: what :func:`network` returns, and what the page draws."""

from __future__ import annotations

from operator import itemgetter

import numpy as np
from pyvis.edge import Edge
from pyvis.network import Network

from netlib.garden.terms import HEALTH, HEALTH_COLOURS
from netlib.map.columns import OWNER_SIZE, columns, map_meta, ring_names, ties_once
from netlib.store.frames import no_gc

__all__ = ["MapNetwork", "network"]

OWNER_COLOUR = "#2B2D42"


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership on every add: make that O(1)."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def extend(self, items):
        items = list(items)
        self._set.update(items)
        super().extend(items)

    def __contains__(self, item):
        return item in self._set

    def isdisjoint(self, items) -> bool:
        return self._set.isdisjoint(items)


class MapNetwork(Network):
    """A pyvis ``Network`` that also knows the map's rings and sectors, and whose node and
    tie insertion is linear (pyvis 0.3.2 scans every node and edge on each add).

    ``rings`` holds ``[ring, inner radius, outer radius, ring name]`` of each ring drawn,
    ``sectors`` ``[cluster, start angle, end angle, cluster label]``; ``as_of`` (ISO date)
    and ``month`` say when the garden was seen. Its node and edge dicts are pyvis' own.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.node_ids = _IdList()
        self._pairs = set()
        self.rings, self.sectors, self.as_of, self.month = [], [], "", ""

    def add_nodes_bulk(self, nodes: list) -> None:
        """Add node dicts (as ``add_node`` stores them, with distinct new ``id`` s) at once."""
        ids = list(map(itemgetter("id"), nodes))
        assert {type(n_id) for n_id in ids} <= {int, str}, "pyvis takes int and str ids only"
        assert len(set(ids)) == len(ids) and self.node_ids.isdisjoint(ids)
        self.nodes.extend(nodes)
        self.node_ids.extend(ids)
        self.node_map.update(zip(ids, nodes))

    def add_edge(self, source, to, **options):
        assert source in self.node_ids, f"non existent node {source!r}"
        assert to in self.node_ids, f"non existent node {to!r}"
        key = (source, to) if self.directed else frozenset((source, to))
        if key not in self._pairs:
            self._pairs.add(key)
            self.edges.append(Edge(source, to, self.directed, **options).options)

    def add_ties_bulk(self, ties) -> None:
        """Add the undirected ``(a, b, weight)`` ties between people already added, each pair
        once: the dicts ``add_edge(a, b, weight=..., width=...)`` stores."""
        for a, b, w in ties_once(ties, self.node_ids):
            key = frozenset((a, b))
            if key not in self._pairs:
                self._pairs.add(key)
                self.edges.append({"weight": w, "width": round(0.5 + 1.5 * w, 2), "from": a, "to": b})


def network(garden, *, max_ring: int = 6, physics: bool = False) -> MapNetwork:
    """The garden as a pyvis ``Network``: you at the centre, people on rings by closeness.

    Take it into your own notebook, change it, and show it safely with
    :func:`netlib.map.render_network` (pyvis' own ``show()`` and template load from a CDN).

    Parameters
    ----------
    garden : Garden
        Uses ``people``, ``ties``, ``clusters``, ``as_of``, ``month`` and
        ``settings["owner_name"]``. Its texts are shown as they are: to share the map,
        redact the garden first (:func:`netlib.report.redact.redact_garden`).
    max_ring : int
        Draw only rings ``1..max_ring`` (1 is your inner circle, 6 acquaintances).
    physics : bool
        Let vis-network move the nodes (only sensible for small gardens).

    Returns
    -------
    MapNetwork
        A ``pyvis.network.Network``. Node ``"you"`` first, then one node per person (id:
        the person's id), with positions ``x``, ``y`` computed here (physics off by
        default), ``size``, ``color`` (by health), ``label`` (rings 1-3 where it clears
        the others, else ``" "``), ``title`` (the tooltip, plain text lines) and the
        person's ``name``, ``company``, ``position``, ``ring``, ``health``, ``strength``,
        ``cluster``, ``tags``, ``last_interaction`` (ISO date or ``""``),
        ``next_action``, ``bridge``, ``labelled``, and ``label_lift`` for a label drawn
        over its dot. Every value is a plain ``int``, ``float``, ``str``, ``bool`` or
        list (no numpy, no NaN). Edges are ties between drawn people, ``weight`` 0-1.

    Examples
    --------
    >>> from netlib.map import map_widget, network, render_network
    >>> net = network(garden, max_ring=3)                      # doctest: +SKIP
    >>> net.node_map["you"]["label"] = "Me"                    # doctest: +SKIP
    >>> map_widget(render_network(net))                        # doctest: +SKIP
    """
    with no_gc():  # tens of thousands of node dicts, no cycles: no collection walks the heap
        return _network(columns(garden, max_ring=max_ring), garden, physics)


def _network(c, garden, physics: bool) -> MapNetwork:
    c = c.plain()  # pyvis takes plain Python values only
    net = MapNetwork(height="100%", width="100%", directed=False, cdn_resources="in_line")
    net.toggle_physics(bool(physics))
    meta = map_meta(c, garden)
    net.as_of, net.month, net.rings, net.sectors = meta["as_of"], meta["month"], meta["rings"], meta["sectors"]
    you = {"color": OWNER_COLOUR, "x": 0, "y": 0, "size": OWNER_SIZE, "title": c.owner, "name": c.owner, "ring": 0,
           "id": "you", "label": c.owner, "shape": "dot"}
    health = [HEALTH[h] for h in c.health]
    lasts = ["" if d == "NaT" else d for d in np.datetime_as_string(c.last).tolist()]
    titles = _titles(c, health, lasts, ring_names(garden))
    nodes = [
        {"color": HEALTH_COLOURS[h], "x": x, "y": y, "size": size, "title": title, "name": name, "company": company,
         "position": position, "ring": ring, "health": h, "strength": strength, "cluster": cluster, "tags": list(tags),
         "last_interaction": last, "next_action": action, "bridge": bridge, "labelled": labelled, "id": pid,
         "label": label, "shape": "dot"}
        for pid, x, y, size, title, name, company, position, ring, h, strength, cluster, tags, last, action, bridge,
        labelled, label in zip(c.ids, c.x, c.y, c.size, titles, c.name, c.company, c.position, c.ring, health,
                               c.strength, c.cluster, c.tags, lasts, c.next_action, c.bridge, c.labelled, c.label)
    ]
    for k, lift in c.lift.items():
        nodes[k]["label_lift"] = lift
    net.add_nodes_bulk([you] + nodes)
    net.add_ties_bulk(zip(*c.ties))
    return net


def _titles(c, health: list, lasts: list, names: dict) -> list:
    """Each person's tooltip as plain text lines (never HTML: pyvis' page would run it)."""
    rings = {(r, h): f"\nRing {r} \u00b7 {names[r]} \u00b7 {h}" for r in set(c.ring) for h in set(health)}
    out = []
    for name, job, ring, h, last, tags, action, bridge in zip(
            c.name, _jobs(c.position, c.company), c.ring, health, lasts, c.tags, c.next_action, c.bridge):
        text = f"{name}\n{job}{rings[ring, h]}" if job else f"{name}{rings[ring, h]}"
        text += f"\nLast interaction: {last}" if last else "\nNo interaction yet"
        if tags:
            text += "\nTags: " + ", ".join(tags)
        if bridge:
            text += "\nBridge between clusters"
        if action:
            text += "\nNext: " + action
        out.append(text)
    return out


def _jobs(positions: list, companies: list) -> list:
    """"position \u00b7 company", either alone when the other is missing."""
    return [f"{p} \u00b7 {co}" if p and co else p or co for p, co in zip(positions, companies)]
