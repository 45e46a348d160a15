"""The store: one SQLite file, the one source of truth. It owns all SQL: the schema and
its migrations, writing imports (identity resolution included), the frames the garden
reads, checklist ticks, settings, maintenance and the CSV export."""

from netlib.store.core import Store, open_store
from netlib.store.writer import ImportReport

__all__ = ["Store", "open_store", "ImportReport"]
