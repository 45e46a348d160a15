"""How the map page carries its columns: numbers as base64 typed arrays, texts as one string.

Base64 (``A-Z a-z 0-9 + /``) needs no escaping anywhere (JSON, HTML, an ``srcdoc``
attribute), so the numbers cost about 1.3 bytes a byte and no escaping time. The page
decodes them with ``atob`` into ``Uint8Array``/``Int16Array``/... (little-endian, as every
browser is): see ``col`` in map.html.j2. Texts stay plain (escaped) JSON text, readable
by anyone auditing the page; only vis-network's own code and CSS, public and the same in
every map, travel compressed (:func:`vis_blob`).
"""

from __future__ import annotations

import base64
import zlib
from functools import lru_cache

import numpy as np

__all__ = ["TYPES", "column", "typed", "texts", "vis_blob"]

#: The page's name for each array type, smallest first: the first that holds every value is used.
TYPES = (("u8", "<u1"), ("i8", "<i1"), ("u16", "<u2"), ("i16", "<i2"), ("i32", "<i4"))


def typed(values, *, scale: int = 1) -> dict | None:
    """``values`` as ``{"t": type, "b": base64}`` of the smallest little-endian integer array
    that holds them all (times ``scale``, given as ``"s"``, which the page divides back by:
    ``scale=10`` sends sizes rounded to 0.1 exactly); ``"t": "f64"`` for other numbers; None
    for values that are not all numbers (the caller sends those as a JSON list)."""
    a = np.asarray(values) if len(values) else np.zeros(0)
    if a.ndim != 1 or a.dtype.kind not in "biuf":  # text, None, mixed: not numbers
        return None
    a = a.astype(float)
    if not np.isfinite(a).all() or np.abs(a).max(initial=0) >= 2 ** 53:  # beyond: not exact as a double
        return None
    scaled = np.rint(a * scale)
    if np.abs(scaled - a * scale).max(initial=0) < 1e-6 and np.abs(scaled).max(initial=0) < 2 ** 31:
        lo, hi = scaled.min(initial=0), scaled.max(initial=0)
        for name, dtype in TYPES:
            info = np.iinfo(dtype)
            if info.min <= lo and hi <= info.max:
                spec = {"t": name, "b": _b64(scaled.astype(dtype))}
                return {**spec, "s": scale} if scale != 1 else spec
    return {"t": "f64", "b": _b64(a.astype("<f8"))}


def _b64(a: np.ndarray) -> str:
    return base64.b64encode(a.tobytes()).decode("ascii")


def column(values, *, scale: int = 1):
    """:func:`typed`, or ``values`` as a JSON list when they are not all numbers (ids a
    network's owner chose, for example): the page reads both (``col`` in map.html.j2)."""
    return typed(values, scale=scale) or list(values)


def texts(strings: list) -> list:
    """``strings`` (each a str) as ``[joined, lengths]``: one JSON string (two quotes, not two
    per name, which an ``srcdoc`` turns into ``&quot;``) and each one's length in UTF-16 code
    units (what JavaScript's ``slice`` counts), as :func:`typed`."""
    joined = "".join(strings)
    if joined.isascii() or len(joined.encode("utf-16-le", "surrogatepass")) == 2 * len(joined):
        lengths = list(map(len, strings))
    else:  # a character outside the BMP is two code units in JavaScript
        lengths = [len(s.encode("utf-16-le")) // 2 for s in strings]
    return [joined, typed(lengths)]


@lru_cache(maxsize=None)
def vis_blob(js: str, css: str) -> str:
    """vis-network's CSS and JS, joined by a NUL, zlib-compressed and base64-encoded: about
    200 KB instead of 700 KB (and 750 KB once escaped into an ``srcdoc``). The page inflates
    it with ``DecompressionStream("deflate")`` and inserts it as a style and a script."""
    if "\0" in css or "\0" in js:
        raise RuntimeError("vis-network's CSS or JS holds a NUL: it cannot travel joined by one")
    return base64.b64encode(zlib.compress((css + "\0" + js).encode("utf-8"), 9)).decode("ascii")
