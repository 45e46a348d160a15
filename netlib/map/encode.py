"""How the map page carries its columns: numbers as typed arrays in one compressed buffer,
texts as plain JSON strings.

The numbers of every column go, as little-endian ``Uint8Array``/``Int16Array``/... (every
browser is little-endian), into one buffer, zlib-compressed and written with
:data:`ALPHABET`: 32 characters that are digits or punctuation, none of which needs
escaping anywhere (JSON, HTML, an ``srcdoc`` attribute) and none of which is a letter, so
the buffer can never spell a word (base64 spells "Ada" or "quux" by chance, and a search
of the page for a private name would then find one that is not there). The page inflates
it with ``DecompressionStream("deflate")``. Texts stay plain JSON text, readable by anyone
auditing the page; vis-network's own code and CSS, public and the same in every map,
travel compressed the same way (:func:`vis_blob`).
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["ALPHABET", "TYPES", "Numbers", "letter_free", "texts", "vis_blob"]

#: The 32 digits of the page's base-32: no letter, nothing HTML or JSON escapes.
ALPHABET = "0123456789!#$%()*+,-./:;=?@[]^_~"
_DIGITS = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)

#: The page's name for each array type, smallest first: the first that holds every value is used.
TYPES = (("u8", "<u1"), ("i8", "<i1"), ("u16", "<u2"), ("i16", "<i2"), ("i32", "<i4"))


def letter_free(raw: bytes) -> str:
    """``raw`` as ``"<length>|<digits>"``: 8 digits of :data:`ALPHABET` per 5 bytes, most
    significant bits first (the last group padded with zeros, which the length cuts off)."""
    b = np.frombuffer(raw + b"\0" * (-len(raw) % 5), dtype=np.uint8).reshape(-1, 5)
    b0, b1, b2, b3, b4 = (b[:, k] for k in range(5))
    digits = np.empty((len(b), 8), dtype=np.uint8)
    for k, five in enumerate((b0 >> 3, (b0 & 7) << 2 | b1 >> 6, b1 >> 1 & 31, (b1 & 1) << 4 | b2 >> 4,
                              (b2 & 15) << 1 | b3 >> 7, b3 >> 2 & 31, (b3 & 3) << 3 | b4 >> 5, b4 & 31)):
        digits[:, k] = _DIGITS[five]
    return f"{len(raw)}|{digits.tobytes().decode('ascii')}"


class Numbers:
    """The page's numeric columns, gathered into one buffer (:meth:`blob`): each column is
    described by ``{"t": type, "o": byte offset, "n": count}`` (and ``"s"``, see :meth:`typed`)."""

    def __init__(self):
        self.parts, self.size = [], 0

    def typed(self, values, *, scale: int = 1) -> dict | None:
        """``values`` as the smallest little-endian integer array that holds them all (times
        ``scale``, given as ``"s"``, which the page divides back by: ``scale=10`` sends sizes
        rounded to 0.1 exactly); ``"f64"`` for other numbers; None for values that are not all
        numbers (the caller sends those as a JSON list)."""
        a = np.asarray(values) if len(values) else np.zeros(0)
        if a.ndim != 1 or a.dtype.kind not in "biuf":  # text, None, mixed: not numbers
            return None
        a = a.astype(float)
        if not np.isfinite(a).all() or np.abs(a).max(initial=0) >= 2 ** 53:  # beyond: not exact as a double
            return None
        scaled = np.rint(a * scale)
        spec = {"t": "f64"}
        array = a.astype("<f8")
        if np.abs(scaled - a * scale).max(initial=0) < 1e-6:
            lo, hi = scaled.min(initial=0), scaled.max(initial=0)
            for name, dtype in TYPES:
                info = np.iinfo(dtype)
                if info.min <= lo and hi <= info.max:
                    spec, array = ({"t": name, "s": scale} if scale != 1 else {"t": name}), scaled.astype(dtype)
                    break
        spec.update(o=self.size, n=len(array))
        self.parts.append(array.tobytes())
        self.size += len(self.parts[-1])
        return spec

    def column(self, values, *, scale: int = 1):
        """:meth:`typed`, or ``values`` as a JSON list when they are not all numbers (ids a
        network's owner chose, for example): the page reads both (``col`` in map.js)."""
        return self.typed(values, scale=scale) or list(values)

    def blob(self) -> str:
        """The buffer, compressed and :func:`letter_free`. Run-length matching only (``Z_RLE``):
        quicker than zlib's fastest level and as small here, as repeats in these columns are
        runs (consecutive ids, the same next action) and the rest is entropy coding."""
        packer = zlib.compressobj(1, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
        return letter_free(packer.compress(b"".join(self.parts)) + packer.flush())


def texts(strings: list, numbers: Numbers) -> list:
    """``strings`` (each a str) as ``[joined, lengths]``: one JSON string (two quotes, not two
    per name, which an ``srcdoc`` turns into ``&quot;``) and each one's length in UTF-16 code
    units (what JavaScript's ``slice`` counts), as :meth:`Numbers.typed`."""
    joined = "".join(strings)
    if joined.isascii() or len(joined.encode("utf-16-le", "surrogatepass")) == 2 * len(joined):
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    else:  # a character outside the BMP is two code units in JavaScript
        lengths = [len(s.encode("utf-16-le", "surrogatepass")) // 2 for s in strings]
    return [joined, numbers.typed(lengths)]


def vis_blob(js: str, css: str) -> str:
    """vis-network's CSS and JS, joined by a NUL, compressed and :func:`letter_free` (about a
    third of the size; figures in benchmarks/map_bench.py): what netlib/map/vis-network-9.1.2.txt
    holds (made once, not per report: :data:`netlib.map.render.VIS_FILE`). The page inflates it
    and inserts it as a style and a script. zlib's default level (6), not its best (9): the page
    inflates either to the same text, and 6 was the better trade when this ran per report."""
    if "\0" in css or "\0" in js:
        raise RuntimeError("vis-network's CSS or JS holds a NUL: it cannot travel joined by one")
    if "</script" in js.lower() or "</style" in css.lower():  # as the page inserts them, inflated
        raise RuntimeError("vis-network cannot be inlined safely (it contains a closing tag)")
    return letter_free(zlib.compress((css + "\0" + js).encode("utf-8"), 6))
