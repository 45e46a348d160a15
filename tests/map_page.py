"""Read a rendered map page's data back in Python, as the page's own ``decode`` does
(map.js): the JSON block, its typed arrays (one compressed buffer) and joined texts made plain lists."""

from __future__ import annotations

import json
import re
import zlib

import numpy as np

DTYPES = {"u8": "<u1", "i8": "<i1", "u16": "<u2", "i16": "<i2", "i32": "<i4", "f64": "<f8"}


def block(html: str, name: str) -> str:
    """The text of the page's ``<script type="text/plain" id=name>``."""
    found = re.search(f'<script type="text/plain" id="{name}">(.*?)</script>', html, re.S)
    assert found, f"the map's {name} block is missing"
    return found.group(1)


def raw_data(html: str) -> dict:
    """The page's JSON data block, as it is."""
    block = re.search(r'<script type="application/json" id="netlib-data">(.*?)</script>', html, re.S)
    assert block, "the map's JSON data block is missing"
    return json.loads(block.group(1))


def numbers(data: dict, text: str) -> bytes:
    """The page's numbers buffer (``text``): its letter-free digits read back, then inflated."""
    length, digits = text.split("|", 1)
    place = {ch: k for k, ch in enumerate(data["digits"])}
    raw = bytearray()
    for at in range(0, len(digits), 8):  # 8 digits, 40 bits, 5 bytes (one number for all: quadratic)
        value = 0
        for ch in digits[at:at + 8]:
            value = value * 32 + place[ch]
        raw += value.to_bytes(5, "big")
    return zlib.decompress(bytes(raw[:int(length)]))


def column(v, buffer: bytes) -> list:
    """A JSON list as it is; ``{"t", "o", "n", "s"}`` read from ``buffer`` (and divided by ``s``)."""
    if isinstance(v, list):
        return v
    dtype = np.dtype(DTYPES[v["t"]])
    a = np.frombuffer(buffer[v["o"]:v["o"] + v["n"] * dtype.itemsize], dtype=dtype)
    return (a / v["s"]).tolist() if v.get("s") else a.tolist()


def texts(v, buffer: bytes) -> list:
    """``[joined, lengths in UTF-16 code units]`` -> the strings."""
    units = v[0].encode("utf-16-le", "surrogatepass")
    out, at = [], 0
    for n in column(v[1], buffer):
        out.append(units[2 * at:2 * (at + n)].decode("utf-16-le", "surrogatepass"))
        at += n
    return out


def page_data(html: str) -> dict:
    """The page's data with every column a plain list: ``n`` holds ``id``, ``x``, ``y``,
    ``r`` (ring), ``h`` (health index), ``b`` (ids of bridges), ``z``, ``c``, ``nm``,
    ``co``/``po``/``na`` (string codes), ``li``, ``tg`` (codes per person, when any tags),
    ``nl`` and ``lb``; ``e`` holds ``a``, ``b`` and ``w``."""
    data = raw_data(html)
    buffer = numbers(data, block(html, "netlib-numbers"))
    raw = data["n"]
    n = {key: column(raw[key], buffer) for key in ("x", "y", "z", "c", "co", "po", "na", "li")}
    if "di" in raw:
        n["id"] = np.cumsum(column(raw["di"], buffer)).tolist()
    else:
        n["id"] = raw["id"]
    flags = column(raw["f"], buffer)
    n["r"] = [f >> 4 for f in flags]
    n["h"] = [(f >> 1) & 7 for f in flags]
    n["b"] = [pid for pid, f in zip(n["id"], flags) if f & 1]
    n["nm"], n["nl"], n["lb"] = texts(raw["nm"], buffer), raw["nl"], raw["lb"]
    if "tg" in raw:
        counts, flat = column(raw["tg"][0], buffer), column(raw["tg"][1], buffer)
        ends = np.cumsum(counts).tolist()
        n["tg"] = [flat[end - k:end] for k, end in zip(counts, ends)]
    data["n"] = n
    data["e"] = {key: column(data["e"][key], buffer) for key in ("a", "b", "w")}
    return data


def readable(html: str) -> str:
    """The page as a person auditing it reads it: vis-network's compressed code left out and
    the data block replaced by its decoded JSON (every column a plain list)."""
    decoded = json.dumps(page_data(html), ensure_ascii=False)
    html = re.sub(r'(<script type="text/plain" id="netlib-(?:vis|numbers)">).*?(</script>)', r"\1\2", html, flags=re.S)
    block = re.search(r'(<script type="application/json" id="netlib-data">)(.*?)(</script>)', html, re.S)
    return html[:block.start(2)] + decoded + html[block.end(2):]
