"""The map: your garden as a pyvis network (rings of closeness, sectors by cluster, colour
by health), laid out in Python and rendered through netlib's own safe template."""

from netlib.map.mapnetwork import MapNetwork, network
from netlib.map.render import map_frame, map_widget, render_map, render_network, write_map

__all__ = ["MapNetwork", "network", "render_network", "render_map", "write_map", "map_frame", "map_widget"]
