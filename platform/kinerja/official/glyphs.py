"""Any stored text made printable in the bundled font, so that no input can break a document.

Names and titles may hold any Unicode. fpdf2's core fonts are Latin-1 only; the documents use
DejaVu Sans (about 5,800 characters: Latin, Greek, Cyrillic, many symbols), and this module
maps every character to something the font draws:
- kept: characters the font has (after NFC composition);
- line breaks (LF, CR LF, CR, U+2028/2029) become one LF; tabs and other spaces one space;
- dropped: control and format characters (bidi overrides, zero-width joiners, soft hyphens),
  surrogates, private-use and unassigned code points;
- else the compatibility decomposition without accents when the font has it (e.g. a
  mathematical bold letter becomes the plain letter), else `?` (e.g. Chinese or Arabic
  script, which the font lacks; no input fails, but such text prints as question marks).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
UNKNOWN = "?"
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


@functools.cache
def drawable() -> frozenset[int]:
    """The code points both bundled faces (regular and bold) draw."""
    sets = []
    for path in (REGULAR, BOLD):
        with TTFont(path, lazy=True) as font:
            sets.append(set(font.getBestCmap()))
    return frozenset(sets[0] & sets[1])


def _replacement(char: str, known: frozenset[int]) -> str:
    category = unicodedata.category(char)
    if category == "Zs" or char == "\t":
        return " "
    if category[0] == "C":  # Cc, Cf, Cs, Co, Cn
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                    if not unicodedata.combining(c) and ord(c) in known)
    return plain or UNKNOWN


def printable(text: str | None) -> str:
    """`text` with every character the font cannot draw replaced (see the module text)."""
    if not text:
        return ""
    known = drawable()
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    return "".join(c if c == "\n" or (ord(c) in known and unicodedata.category(c)[0] != "C")
                   else _replacement(c, known) for c in text)
