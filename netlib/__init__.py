"""netlib: see, tend and weave your professional network.

The public API; notebooks and the CLI use only these names. Heavy parts (the map, the
report runner) load on first use, so ``netlib --help`` stays quick.

>>> import netlib
>>> store = netlib.open_store()                             # doctest: +SKIP
>>> garden = netlib.analyse(store.snapshot(), netlib.report_date("2026-11"))  # doctest: +SKIP
>>> net = netlib.network(garden)        # a pyvis Network: tweak it   # doctest: +SKIP
>>> netlib.map_widget(netlib.render_network(net))                 # doctest: +SKIP
"""

from netlib.lazy import lazy_names

__version__ = "0.1.0"

_API = {
    "Store": "store", "open_store": "store", "ImportReport": "store",
    "parse": "importers", "detect": "importers", "KINDS": "importers",
    "Snapshot": "store.snapshot",
    "analyse": "garden", "Garden": "garden", "ChecklistItem": "garden",
    "report_date": "garden", "warm_paths": "garden", "month_summary": "garden",
    "HEALTH": "garden", "RINGS": "garden", "CHECKLISTS": "garden",
    "tick": "store.ticks",
    "render_map": "map", "write_map": "map", "map_widget": "map", "network": "map", "render_network": "map",
    "run_report": "report", "checklist_markdown": "report", "MonthlyReport": "report",
    "pseudonyms": "report.redact", "redact_garden": "report.redact",
    "export_csv": "store.export", "check": "store.maintenance",
    "store_path": "paths", "this_month": "months",
    "NetlibError": "errors", "ImportFileError": "errors", "ValidationError": "errors",
}

__all__ = sorted(_API) + ["__version__"]


__getattr__, __dir__ = lazy_names(__name__, _API, globals())
