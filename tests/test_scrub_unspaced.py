"""Names in scripts written without spaces (和李伟吃饭) are found inside any text, accents and
case ignored (:func:`netlib.report.scrub._fold_replace`). It folded every run of up to four
times the name's length from every character: work quadratic in a long name, and a name of
millions of characters (an importer takes cells of up to 16 MB) did not finish."""

from __future__ import annotations

import random

from builders import SnapBuilder
from netlib.importers.normalise import fold
from netlib.report import scrub as scrub_module
from netlib.report.scrub import Scrubber, _fold_replace


def _fold_replace_before(text: str, folded_name: str, by: str) -> str:
    """The function as it was (quadratic): the reference for what is replaced."""
    out, i = [], 0
    while i < len(text):
        for j in range(i + 1, min(len(text), i + 4 * len(folded_name)) + 1):
            if fold(text[i:j]) == folded_name:
                out.append(by)
                i = j
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def test_it_replaces_what_it_replaced_before():
    """Random texts of letters that fold to none (combining accents), to one, or to several
    (sharp s, the ligature fi, a Hangul syllable: its jamo), and names made of their folds."""
    alphabet = ["李", "伟", "a", "A", "\u0301", "\u0308", "\u00e9", "\u00df", "s", "S", "\ufb01", "f", "i",
                "\uac00", "\u1100", "\u1161", "\u017f", " ", "x", "\u0130"]
    draw = random.Random(5)
    for _ in range(3_000):
        text = "".join(draw.choice(alphabet) for _ in range(draw.randint(0, 16)))
        name = fold("".join(draw.choice(alphabet) for _ in range(draw.randint(1, 3))))
        if not name:
            continue
        assert _fold_replace(text, name, "#") == _fold_replace_before(text, name, "#"), (text, name)
    # a match limited to four characters per folded one, as before: accents beyond it are left
    for marks in range(0, 12):
        text = "李" + "\u0301" * marks + "伟"
        assert _fold_replace(text, "李伟", "#") == _fold_replace_before(text, "李伟", "#"), marks


def test_it_folds_each_character_a_bounded_number_of_times(monkeypatch):
    """The work is linear: the characters folded, over all calls of ``fold``, are at most a
    few per character of the text (it was about 4 x the name's length per character). ``_fold``
    is the scrubber's fold (normalise.fold, a dotless i as i)."""
    folded = []

    def counting(text):
        folded.append(len(text))
        return fold(text)

    monkeypatch.setattr(scrub_module, "_fold", counting)
    for text in ("和李伟吃饭" * 400, "und Stra\u00dfe " * 300, "\uac00\u1100\u1161" * 500):
        folded.clear()
        _fold_replace(text, fold(text[1:4]), "#")
        assert sum(folded) <= 2 * len(text), (text[:8], sum(folded), len(text))


def test_a_name_of_millions_of_characters_is_hidden():
    """A Chinese name of 2,000,000 characters, written in a text with words around it: hidden,
    what is around it kept."""
    b = SnapBuilder()
    chinese = "李伟" * 1_000_000
    b.person(chinese)
    scrub = Scrubber(b.build())
    assert scrub(f"和{chinese}吃饭 then") == "和someone吃饭 then"


def test_a_korean_name_with_a_particle_or_title_is_hidden():
    """Korean writes a particle or a title onto a name (김민준님, 김민준이): found inside the word,
    as Chinese is. Names are looked for in their folded form, where Hangul syllables are their
    jamo (U+1100-U+11FF), and only the syllables counted as a script without spaces: no
    Korean name was ever looked for inside a word. A long one is found too."""
    b = SnapBuilder()
    b.person("김민준")
    b.person("박 서연")  # a word of one syllable is no name (as one letter is not): never looked for
    long = "\uac00\ub098" * 200_000
    b.person(long)
    scrub = Scrubber(b.build())
    assert scrub("met 김민준님 and 김민준이 today") == "met someone님 and someone이 today"
    assert scrub("서연씨 and 박 서연") == "someone씨 and 박 someone"
    assert scrub("박물관 visit") == "박물관 visit"  # a museum, not Park
    assert scrub(f"met {long}님 today") == "met someone님 today"
