"""A pyvis ``Network`` that takes 30,000 people (:func:`netlib.map.render.build_network`).

Its own module so that rendering the map (:func:`netlib.map.render.render_map`, which packs
the same columns straight into our template) never imports pyvis, and the IPython and
networkx it imports.
"""

from __future__ import annotations

from pyvis.edge import Edge
from pyvis.network import Network

__all__ = ["MapNetwork"]


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
    """A pyvis ``Network`` whose node and tie insertion is linear, not quadratic.

    pyvis 0.3.2 scans every node id and every existing edge on each ``add_node`` /
    ``add_edge``; at 30,000 people that takes minutes. The stored node and edge dicts
    are exactly pyvis' own.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.node_ids = _IdList()
        self._pairs = set()

    def add_nodes_bulk(self, ids, labels, colors, options, shape="dot") -> None:
        """Add many nodes at once: the same dicts ``add_node(n_id, label=..., color=..., **opts)``
        stores (``color``, the options in order, then ``id``, ``label``, ``shape``), without
        its per-call overhead (about 7 us a node, 0.2 s at 30,000 people). An id already
        present, or repeated, keeps its first node, as with ``add_node``."""
        font = self.font_color
        nodes = [{"color": color, **opts, "id": n_id, "label": label if label else n_id, "shape": shape}
                 for n_id, label, color, opts in zip(ids, labels, colors, options)]
        ids = [node["id"] for node in nodes]
        assert all(isinstance(n_id, (str, int)) for n_id in ids)
        if font:
            for node in nodes:
                node["font"] = dict(color=font)
        if len(set(ids)) == len(ids) and self.node_ids.isdisjoint(ids):  # all new: add them at once
            self.nodes.extend(nodes)
            self.node_ids.extend(ids)
            self.node_map.update(zip(ids, nodes))
            return
        for node in nodes:
            if node["id"] not in self.node_ids:
                self.nodes.append(node)
                self.node_ids.append(node["id"])
                self.node_map[node["id"]] = node

    def add_edge(self, source, to, **options):
        assert source in self.node_ids, f"non existent node {source!r}"
        assert to in self.node_ids, f"non existent node {to!r}"
        key = (source, to) if self.directed else frozenset((source, to))
        if key not in self._pairs:
            self._pairs.add(key)
            self.edges.append(Edge(source, to, self.directed, **options).options)
