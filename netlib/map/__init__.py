"""The map: your garden as a pyvis network (rings of closeness, sectors by cluster, colour
by health), laid out in Python and rendered through netlib's own safe template.

Names load on first use: drawing the map (:func:`render_map`) never makes a pyvis network,
so a report's kernel imports neither pyvis nor networkx; :func:`network` does.
"""

from netlib.lazy import lazy_names

_API = {"MapNetwork": "mapnetwork", "network": "mapnetwork", "render_network": "render", "render_map": "render",
        "write_map": "render", "map_frame": "render", "map_widget": "render"}

__all__ = ["MapNetwork", "network", "render_network", "render_map", "write_map", "map_frame", "map_widget"]


__getattr__, __dir__ = lazy_names(__name__, _API, globals())
