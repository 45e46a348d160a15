"""The map: your garden as a pyvis network (rings of closeness, sectors by cluster, colour
by health), laid out in Python and rendered through netlib's own safe template."""

from netlib.map.render import build_network, map_widget, render_map, write_map

__all__ = ["build_network", "map_widget", "render_map", "write_map"]
