"""Importers: turn a file people bring into an :class:`~netlib.importers.records.ImportBatch`.

>>> batch = parse("Connections.csv")          # doctest: +SKIP
>>> batch.kind, len(batch.people), batch.skipped[:1]  # doctest: +SKIP

A big file is better read in chunks, each a partial batch, and written as it is read
(:meth:`netlib.store.core.Store.apply_stream`, still one transaction), so memory stays bounded:

>>> store.apply_stream(iter_batches("Connections.csv"))  # doctest: +SKIP

:mod:`~netlib.importers.kinds` finds a file's kind from its content and hands it to the module
of that format (one per format); :mod:`~netlib.importers.records` and
:mod:`~netlib.importers.normalise` are what the store and the garden share with them.
"""

from netlib.lazy import lazy_names

__all__ = ["parse", "iter_batches", "detect", "KINDS", "CHUNK"]

# The readers load on first use (:mod:`~netlib.importers.kinds`): the garden and the store use
# only ``records`` and ``normalise``, and a report's kernel or a ``netlib people edit`` should
# not load every file format's parser (icalendar, vobject) to start.
__getattr__, __dir__ = lazy_names(__name__, dict.fromkeys(__all__, "kinds"), globals())
