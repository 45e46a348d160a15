"""netlib: see, tend and weave your professional network.

The public API; notebooks and the CLI use only these names. Heavy parts (the map, the
report runner) load on first use, so ``netlib --help`` stays quick.

>>> import netlib
>>> store = netlib.open_store("data/garden.db")               # doctest: +SKIP
>>> garden = netlib.analyse(store.snapshot(), netlib.report_date("2026-11"))  # doctest: +SKIP
>>> netlib.map_widget(netlib.render_map(garden))               # doctest: +SKIP
"""

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "Store": "store", "open_store": "store", "ImportReport": "writer",
    "parse": "importers", "detect": "importers", "KINDS": "importers",
    "Snapshot": "snapshot",
    "analyse": "garden", "Garden": "garden", "ChecklistItem": "garden", "month_end": "garden",
    "report_date": "garden", "warm_paths": "garden", "month_summary": "garden",
    "HEALTH": "garden", "RINGS": "garden", "CHECKLISTS": "garden",
    "tick": "checklist_state",
    "render_map": "netmap", "write_map": "netmap", "map_widget": "netmap",
    "run_report": "runner", "checklist_markdown": "report",
    "pseudonyms": "redact", "redact_garden": "redact",
    "export_csv": "export", "check": "maintenance",
    "NetlibError": "errors", "ImportFileError": "errors", "ValidationError": "errors",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'netlib' has no attribute {name!r}")
    value = getattr(import_module(f"netlib.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
