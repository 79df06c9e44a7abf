"""The official PDF renderers on their own (no database): any text at the longest lengths the
tables allow renders (rows taller than a page continue on the next one), every character is
printable or replaced, and the Indonesian formats of numbers, dates and periods."""

from __future__ import annotations

import io
import random
import uuid
from datetime import date

import pypdf
import pytest

from kinerja.official import evaluation_pdf, objection_pdf, skp_pdf
from kinerja.official.glyphs import drawable, printable
from kinerja.official.labels import date_range, number, period_name
from kinerja.official.model import (
    EvaluationDocument,
    Explanation,
    Header,
    Indicator,
    ObjectionDocument,
    Person,
    Ratings,
    SkpDocument,
    WorkResult,
)

# Latin, Vietnamese, Cyrillic, Greek, CJK, Arabic, Devanagari, emoji, symbols, combining
# marks, controls, bidi and zero-width characters, private use, unassigned, lone surrogates
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x1EA0, 0x1EF9), (0x400, 0x4FF), (0x370, 0x3FF),
          (0x4E00, 0x4E80), (0x600, 0x6FF), (0x900, 0x97F), (0x1F300, 0x1F64F),
          (0x2190, 0x22FF), (0x300, 0x36F), (0x0, 0x1F), (0x7F, 0x9F), (0x200B, 0x202E),
          (0xE000, 0xE0FF), (0x378, 0x379), (0xD800, 0xDFFF), (0xFDFD, 0xFDFD)]


def noise(rng: random.Random, length: int, spaces: bool = True) -> str:
    chars = []
    for _ in range(length):
        low, high = rng.choice(RANGES)
        chars.append(" " if spaces and rng.random() < 0.12 else chr(rng.randint(low, high)))
    return "".join(chars)


def person(rng: random.Random) -> Person:
    return Person(noise(rng, 200), "19660801 198803 1 001", "NIP", noise(rng, 40),
                  noise(rng, 200), noise(rng, 200))


def documents(rng: random.Random) -> tuple[SkpDocument, EvaluationDocument, ObjectionDocument]:
    header = Header(noise(rng, 200), "TRIWULAN I", date(2026, 1, 1), date(2026, 3, 31),
                    noise(rng, 100), date(2026, 12, 7))
    work = [WorkResult(rng.choice(["UTAMA", "TAMBAHAN"]), noise(rng, 2000),
                       noise(rng, 2000, spaces=False) if rng.random() < 0.5 else None,
                       [Indicator("KUANTITAS", noise(rng, 2000), noise(rng, 2000, spaces=False))
                        for _ in range(rng.randint(0, 2))]) for _ in range(3)]
    skp = SkpDocument(header, 2026, rng.choice(["DRAFT", "APPROVED"]), person(rng),
                      person(rng), work, {"AKUNTABEL": noise(rng, 2000)}, date(2026, 1, 5),
                      None, "196608011988031001")
    ids = [uuid.uuid4() for _ in range(4)]
    evaluation = EvaluationDocument(
        header, 2026, "tw1", "RATED", person(rng), person(rng), None, "BAIK",
        Ratings("SESUAI", "DI_ATAS", "BAIK"), noise(rng, 2000), noise(rng, 2000),
        date(2026, 4, 1), None, "196608011988031001", ids[0], None, ids[1], ids[2], ids[3])
    objection = ObjectionDocument(
        evaluation, Ratings("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN"), noise(rng, 4000),
        date(2026, 4, 2), [Explanation("RATER", noise(rng, 2000), date(2026, 4, 3),
                                       noise(rng, 4000), date(2026, 4, 4))],
        "CHANGE", noise(rng, 2000), date(2026, 4, 9), noise(rng, 200), person(rng))
    return skp, evaluation, objection


@pytest.mark.parametrize("seed", range(3))
def test_any_text_at_full_length_renders(seed):
    rng = random.Random(seed)
    for module, doc in zip((skp_pdf, evaluation_pdf, objection_pdf), documents(rng),
                           strict=True):
        data = module.render(doc)
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 2, module.__name__  # full-length rows run over pages
        assert "Halaman 1 dari" in reader.pages[0].extract_text()


def test_text_becomes_printable():
    known = drawable()
    assert {ord(c) for c in "Nguyễn Дмитрий Ánh ÿ"} <= known
    assert printable("a\u202eb\u200dc\x07d\ud800e") == "abcde"
    assert printable("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd e"
    assert printable("王") == "?" and printable("𝐁ＡＢ") == "BAB"
    assert printable(None) == ""


def test_indonesian_formats():
    assert [number(v) for v in (12.0, 86.1, 1250, 0.125)] == ["12", "86,1", "1.250", "0,125"]
    assert date_range(date(2026, 1, 1), date(2026, 3, 31)) == "1 Januari s.d. 31 Maret 2026"
    assert date_range(date(2025, 12, 1), date(2026, 1, 31)) == (
        "1 Desember 2025 s.d. 31 Januari 2026")
    assert [period_name(k, n) for k, n in (("QUARTER", 4), ("MONTH", 2), ("YEAR", 1))] == [
        "TRIWULAN IV", "BULANAN (FEBRUARI)", "AKHIR"]
