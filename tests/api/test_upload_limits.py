"""POST /files: every multipart limit holds on the bytes seen, whatever the chunking.

Each limit (preamble, epilogue, part header bytes and lines, part count, field bytes, file
size) is tried at exactly the limit (201) and one byte over (the same status, code and message
every time), with the whole body in one chunk, in one-byte chunks, and split right before, at
and after the byte where the limit is crossed; a refused upload leaves no row and no bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import AsyncIterator
from itertools import pairwise

import pytest
import sqlalchemy as sa

from kinerja.files import multipart
from kinerja.models import StoredFile
from tests.api.test_files import download, headers, stored
from tests.conftest import TEST_SETTINGS

LIMIT = 4096  # KINERJA_MAX_UPLOAD_BYTES here
BOUNDARY = b"LimitsBoundary"
DELIMITER = b"--" + BOUNDARY
CONTENT_TYPE = "multipart/form-data; boundary=LimitsBoundary"
PDF = b"%PDF-1.4\n" + b"0" * 100 + b"\n%%EOF\n"


@pytest.fixture
def settings(tmp_path):
    return dataclasses.replace(TEST_SETTINGS, storage_dir=tmp_path / "files",
                               max_upload_bytes=LIMIT)


def part(name: bytes, value: bytes, filename: bytes | None = None,
         extra: tuple[bytes, ...] = ()) -> bytes:
    disposition = b'Content-Disposition: form-data; name="' + name + b'"'
    if filename is not None:
        disposition += b'; filename="' + filename + b'"'
    lines = (disposition, *extra)
    return DELIMITER + b"\r\n" + b"\r\n".join(lines) + b"\r\n\r\n" + value + b"\r\n"


def file_part(content: bytes = PDF, filename: bytes = b"laporan.pdf",
              extra: tuple[bytes, ...] = ()) -> bytes:
    return part(b"file", content, filename, (*extra, b"Content-Type: application/pdf"))


def body(*parts: bytes, preamble: bytes = b"", epilogue: bytes = b"\r\n") -> bytes:
    return preamble + b"".join(parts) + DELIMITER + b"--" + epilogue


# Each case: over (0 or 1) -> (body, [offsets where a limit is reached or crossed]).
def _preamble(over: int):
    size = multipart.MAX_PREAMBLE_BYTES + over
    return body(file_part(), preamble=b"P" * (size - 2) + b"\r\n"), [
        size, multipart.MAX_PREAMBLE_BYTES + len(DELIMITER)]


def _epilogue(over: int):
    size = multipart.MAX_EPILOGUE_BYTES + over
    data = body(file_part(), epilogue=b"\r\n" + b"E" * (size - 2))
    start = len(data) - size
    return data, [start, start + multipart.MAX_EPILOGUE_BYTES]


def _header_bytes(over: int):
    fixed = file_part(extra=(b"X-Pad: ",))
    block = fixed.index(b"\r\n\r\n") - len(DELIMITER) - 2  # the header block without padding
    pad = b"p" * (multipart.MAX_HEADER_BYTES + over - block)
    data = body(file_part(extra=(b"X-Pad: " + pad,)))
    start = len(DELIMITER) + 2
    return data, [start, start + multipart.MAX_HEADER_BYTES,
                  start + multipart.MAX_HEADER_BYTES + 4]


def _header_lines(over: int):
    count = multipart.MAX_HEADER_LINES + over - 2  # besides disposition and type
    extra = tuple(b"X-Line-%d: v" % i for i in range(count))
    data = body(file_part(extra=extra))
    return data, [data.index(extra[-1]), data.index(b"\r\n\r\n")]


def _parts(over: int):
    fields = [part(b"f%d" % i, b"v") for i in range(multipart.MAX_PARTS + over - 1)]
    data = body(*fields, file_part())
    last = data.rindex(DELIMITER + b"\r\n")
    return data, [last, last + len(DELIMITER) + 2]


def _field_bytes(over: int):
    first = b"a" * 1000
    second = b"b" * (multipart.MAX_FIELD_BYTES + over - len(first))
    data = body(part(b"note", first), part(b"other", second), file_part())
    start = data.index(second)
    return data, [start, start + len(second) - 1 - over]


def _file_bytes(over: int):
    content = b"%PDF-" + b"0" * (LIMIT - 5 + over)
    data = body(file_part(content))
    start = data.index(content)
    return data, [start + LIMIT]


MALFORMED = (400, "BAD_REQUEST")
CASES = {
    "preamble": (_preamble, MALFORMED),
    "epilogue": (_epilogue, MALFORMED),
    "part header bytes": (_header_bytes, MALFORMED),
    "part header lines": (_header_lines, MALFORMED),
    "parts": (_parts, MALFORMED),
    "field bytes": (_field_bytes, MALFORMED),
    "file bytes": (_file_bytes, (413, "FILE_TOO_LARGE")),
}


async def _chunks(data: bytes, cuts: list[int]) -> AsyncIterator[bytes]:
    edges = [0, *sorted(c for c in set(cuts) if 0 < c < len(data)), len(data)]
    for start, end in pairwise(edges):
        yield data[start:end]


async def _one_bytes(data: bytes) -> AsyncIterator[bytes]:
    for index in range(len(data)):
        yield data[index:index + 1]


def chunkings(data: bytes, offsets: list[int]) -> list[tuple[str, object]]:
    """(label, request content): whole, one-byte chunks, and a cut before/at/after each
    offset (also two cuts around it)."""
    out: list[tuple[str, object]] = [("whole", data), ("one-byte", _one_bytes(data))]
    for offset in offsets:
        for delta in (-1, 0, 1):
            out.append((f"cut at {offset + delta}", _chunks(data, [offset + delta])))
        out.append((f"cuts at {offset - 1},{offset + 1}",
                    _chunks(data, [offset - 1, offset + 1])))
    return out


async def post(api, content, lang="en"):
    h = headers(api, "staff.alpha")
    h["content-type"] = CONTENT_TYPE
    h["accept-language"] = lang
    return await api.client.post("/files", headers=h, content=content)


async def file_rows(db, world) -> int:
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        return (await session.execute(sa.select(sa.func.count(StoredFile.id)))).scalar()


@pytest.mark.parametrize("case", list(CASES))
async def test_each_limit_holds_at_one_byte_over_whatever_the_chunking(api, db, world, settings,
                                                                       case):
    build, (status, code) = CASES[case]
    data, offsets = build(1)
    answers = []
    for label, content in chunkings(data, offsets):
        response = await post(api, content)
        assert response.status_code == status, (case, label, response.text)
        answers.append(response.json())
    assert answers[0]["errors"][0]["extensions"]["code"] == code
    assert all(a == answers[0] for a in answers), (case, answers)  # same code and message
    assert stored(settings) == [] and await file_rows(db, world) == 0


@pytest.mark.parametrize("case", list(CASES))
async def test_each_limit_accepts_exactly_the_limit_whatever_the_chunking(api, db, world,
                                                                         settings, case):
    build, _ = CASES[case]
    data, offsets = build(0)
    tried = chunkings(data, offsets)
    for label, content in tried:
        response = await post(api, content)
        assert response.status_code == 201, (case, label, response.text)
    assert await file_rows(db, world) == len(tried)
    assert len(stored(settings)) == len(tried)
    assert all(not name.startswith(".upload") for name in stored(settings))


async def test_a_legal_upload_in_one_byte_chunks_round_trips(api, settings):
    content = b"%PDF-1.7\n" + bytes(range(256)) * 15  # every byte value, CR and LF included
    response = await post(api, _one_bytes(body(part(b"note", b"catatan"), file_part(content))))
    assert response.status_code == 201, response.text
    assert response.json()["size"] == len(content)
    assert response.json()["sha256"] == hashlib.sha256(content).hexdigest()
    got = await download(api, response.json()["id"])
    assert got.status_code == 200 and got.content == content


def test_one_byte_chunks_are_buffered_in_bounded_blocks():
    """No re-scanning of a growing buffer: the buffer stays below one flush block plus a
    separator, and the sink gets a few large writes instead of one per byte."""
    content = b"%PDF-" + b"x" * (3 * multipart.FLUSH_BYTES + 123)
    data = body(part(b"note", b"n" * 5000), file_part(content))
    writes: list[int] = []
    reader = multipart._Reader(BOUNDARY, "file", lambda chunk: writes.append(len(chunk)))
    largest = 0
    for index in range(len(data)):
        reader.feed(data[index:index + 1])
        largest = max(largest, len(reader.buffer))
    assert reader.state == "end" and sum(writes) == len(content)
    assert len(writes) <= 4 and largest <= multipart.FLUSH_BYTES + len(BOUNDARY) + 4


# The text rule (kit/text.py): a NUL in a file name, a field, a part name or a header line.
TEXT_CASES = {
    "file.filename": (body(file_part(filename=b"lap\x00oran.pdf")), 3),
    "note": (body(part(b"note", b"baik\x00sekali"), file_part()), 4),
    "part 1 name": (body(part(b"no\x00te", b"x"), file_part()), 2),
    "part 1 headers": (body(file_part(extra=(b"X-Note: a\x00b",))), None),
}


@pytest.mark.parametrize("field", list(TEXT_CASES))
async def test_unstorable_text_in_a_part_is_invalid_text_naming_it(api, db, world, settings,
                                                                   field):
    data, position = TEXT_CASES[field]
    answers = []
    for label, content in chunkings(data, [data.index(b"\x00")]):
        response = await post(api, content)
        assert response.status_code == 400, (field, label, response.text)
        answers.append(response.json())
    error = answers[0]["errors"][0]
    assert error["extensions"] == {"code": "INVALID_TEXT", "field": field}
    assert error["message"].startswith(f"The text in {field} holds a character that cannot be")
    if position is not None:
        assert error["message"].endswith(f"(position {position}).")
    assert all(a == answers[0] for a in answers)
    indonesian = (await post(api, data, lang="id")).json()["errors"][0]
    assert indonesian["message"].startswith(f"Teks pada {field} memuat karakter")
    assert stored(settings) == [] and await file_rows(db, world) == 0
