"""Name labels on the map: which ones to draw, and where, so that none lands on another."""

from __future__ import annotations

import unicodedata

__all__ = ["LABEL_RINGS", "LABEL_FONT", "RING3_MIN_PX", "FONT_FACE", "label_plan", "label_lift"]

LABEL_RINGS = 3  # rings 1..3 carry name labels; outer rings are small dots
# label font size in canvas units (you are ring 0); the page uses the same numbers
LABEL_FONT = {0: 26, 1: 24, 2: 21, 3: 18}
# ring 3 labels appear once they would be this many screen pixels tall (zoom in to read them)
RING3_MIN_PX = 9.5
# one font stack for the page and the canvas: names in any script find a glyph where one exists
FONT_FACE = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", '
             '"Noto Sans CJK KR", "Noto Sans CJK JP", "PingFang SC", "Hiragino Sans", '
             '"Apple SD Gothic Neo", "Malgun Gothic", "Microsoft YaHei", Arial, sans-serif')


def _text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width at font ``size`` (no font metrics in Python):
    wide East Asian characters take a full em, capitals and digits about 0.7, the rest 0.6."""
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            em += 1.0
        elif ch in " .,;:'!|()[]ilI-":
            em += 0.36
        elif ch.isupper() or ch.isdigit() or ch in "mwMW@%&":
            em += 0.72
        else:
            em += 0.6
    return em * size


def _label_box(x: float, y: float, size: float, text: str, font: float, above: bool = False) -> tuple:
    """Where vis-network draws a dot's label: centred under it, from ``y + size + 3``
    (its text-stroke adds a few units round the glyphs); or, ``above``, as far over it."""
    half = _text_width(text, font) / 2 + 4
    height = 1.25 * font + 4
    top = y - size - 3 - height if above else y + size + 3
    return (x - half, top, x + half, top + height)


def label_lift(size: float, font: float) -> float:
    """The ``font.vadjust`` that moves a label from under its dot to over it."""
    return -round(2 * size + 6 + 1.25 * font + 4, 1)


def _hits(box: tuple, other: tuple) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def _short_name(name: str) -> str:
    """A shorter label for a long name: "Catherine (Cathy) Brennan" -> "Catherine B."
    (``""`` when there is nothing shorter to say)."""
    words = name.split()
    if len(words) < 2 or len(name) <= 12:
        return ""
    last = next((w for w in reversed(words[1:]) if w[:1].isalpha()), "")
    short = f"{words[0]} {last[0]}." if last else words[0]
    return short if len(short) < len(name) else ""


def label_plan(owner: str, owner_size: float, people: list) -> list:
    """Which labels to draw, and where, so that none lands on another: a greedy pass,
    strongest first.

    ``people`` holds ``(x, y, size, ring, strength, name)`` per person, in canvas units.
    Your own label and dot are placed first; then rings 1, 2, 3, strongest first within a
    ring, each label kept under its dot (or else over it; or else shortened, under or
    over) only when its box clears every label already kept and the dots of everyone
    on an inner ring. Label boxes are in canvas units, as are vis-network's fonts, so a
    clash at one zoom is a clash at every zoom. Returns one value per person: ``None``
    (no label: beyond :data:`LABEL_RINGS`, or no room) or ``(text, above)``.
    """
    kept = [_label_box(0.0, 0.0, owner_size, owner, LABEL_FONT[0])]
    dots = [(0.0, 0.0, owner_size, 0)]
    show = [None] * len(people)
    order = sorted((k for k, p in enumerate(people) if p[3] <= LABEL_RINGS),
                   key=lambda k: (people[k][3], -people[k][4], -people[k][2], k))
    for k in order:
        x, y, size, ring, _, name = people[k]
        short = _short_name(name)
        for text, above in ((name, False), (name, True), (short, False), (short, True)):
            if not text:
                continue
            box = _label_box(x, y, size, text, LABEL_FONT[ring], above=above)
            clear = not any(_hits(box, other) for other in kept) and not any(
                _hits(box, (dx - ds, dy - ds, dx + ds, dy + ds)) for dx, dy, ds, dr in dots if dr < ring)
            if clear:
                kept.append(box)
                show[k] = (text, above)
                break
        dots.append((x, y, size, ring))
    return show
