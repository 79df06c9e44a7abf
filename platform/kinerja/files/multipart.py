"""A small streaming multipart/form-data reader for one file field (RFC 7578).

Starlette's form parser needs python-multipart (not a dependency) and spools whole parts
before we could count them; this reader hands the file part's bytes to a sink in blocks, so
the size limit stops an upload as soon as it is exceeded. Other fields are read, checked and
ignored (bounded); anything malformed raises MalformedUpload (HTTP 400).

Every limit is a limit on the bytes seen, whatever the chunking: each search looks only in
the window the limit allows (a boundary found further on is refused just the same), so a
2 KB epilogue or a 9 KB header block is refused in one chunk as in a thousand. Each search
resumes where the previous one stopped and the buffer is a bytearray consumed from the front,
so one-byte chunks cost linear time. Part names, file names, header lines and field values
follow the text rule (kit/text.py): INVALID_TEXT naming the part or field.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from ..kit.text import check_text

MAX_PREAMBLE_BYTES = 1024  # before the first boundary
MAX_EPILOGUE_BYTES = 1024  # after the closing boundary
MAX_HEADER_BYTES = 8192  # one part's header block, without the blank line that ends it
MAX_HEADER_LINES = 8  # header lines of one part
MAX_PARTS = 16
MAX_FIELD_BYTES = 65536  # all non-file field values together
FLUSH_BYTES = 65536  # file bytes handed to the sink at once (fewer, larger writes)


class MalformedUpload(ValueError):
    """The body is not the multipart/form-data we accept (the message says why)."""


@dataclass
class FilePart:
    filename: str
    content_type: str


def boundary_of(content_type: str | None) -> bytes:
    """The boundary of a `multipart/form-data; boundary=...` header."""
    kind, params = _header_value(content_type or "")
    boundary = params.get("boundary", "")
    if kind != "multipart/form-data" or not 1 <= len(boundary) <= 70:
        raise MalformedUpload("Content-Type must be multipart/form-data with a boundary")
    return boundary.encode("latin-1")


def _header_value(value: str) -> tuple[str, dict[str, str]]:
    """`type; a=1; b="x; y"` -> ("type", {"a": "1", "b": "x; y"}); names lower-cased."""
    parts, current, quoted, escaped = [], [], False, False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    params = {}
    for item in parts[1:]:
        name, sep, raw = item.partition("=")
        if sep:
            params[name.strip().lower()] = raw.strip()
    return parts[0].strip().lower(), params


def _part_headers(block: str) -> dict[str, str]:
    headers = {}
    for line in block.split("\r\n"):
        name, sep, value = line.partition(":")
        if not sep:
            raise MalformedUpload("a part header line has no colon")
        headers[name.strip().lower()] = value.strip()
    return headers


class _Reader:
    def __init__(self, boundary: bytes, field: str, sink: Callable[[bytes], None]):
        self.delimiter = b"--" + boundary
        self.separator = b"\r\n--" + boundary
        self.field, self.sink = field, sink
        self.buffer = bytearray()
        self.scan = 0  # where the next search of the current state starts (already searched)
        self.state = "preamble"
        self.parts = 0
        self.field_bytes = 0
        self.in_file = False
        self.part_name = ""
        self.value = bytearray()  # the current non-file field's value (bounded by the above)
        self.file: FilePart | None = None
        self.epilogue = 0

    def feed(self, chunk: bytes) -> None:
        if self.state == "end":
            self._epilogue(len(chunk))
            return
        self.buffer += chunk
        while self._step():
            pass

    def _find(self, mark: bytes, window: int | None = None) -> int:
        """Index of `mark` within the first `window` bytes of the buffer, or -1. Bytes already
        searched are not searched again (only the last len(mark) - 1 may start a match)."""
        end = len(self.buffer) if window is None else min(window, len(self.buffer))
        at = self.buffer.find(mark, self.scan, end)
        if at < 0:
            self.scan = max(self.scan, end - len(mark) + 1)
        return at

    def _consume(self, count: int) -> None:
        del self.buffer[:count]
        self.scan = 0

    def _epilogue(self, count: int) -> None:
        self.epilogue += count  # after the closing boundary: ignored, but bounded
        if self.epilogue > MAX_EPILOGUE_BYTES:
            raise MalformedUpload(f"more than {MAX_EPILOGUE_BYTES} bytes after the closing "
                                  "boundary")

    def _step(self) -> bool:
        """Advance one state if the buffer allows; False when more bytes are needed."""
        if self.state == "preamble":
            return self._preamble()
        if self.state == "after":
            return self._after()
        if self.state == "headers":
            return self._headers()
        return self._body()

    def _preamble(self) -> bool:
        window = MAX_PREAMBLE_BYTES + len(self.delimiter)
        at = self._find(self.delimiter, window)
        if at < 0:
            if len(self.buffer) >= window:
                raise MalformedUpload(f"no multipart boundary in the first "
                                      f"{MAX_PREAMBLE_BYTES} bytes")
            return False
        self._consume(at + len(self.delimiter))
        self.state = "after"
        return True

    def _after(self) -> bool:
        if len(self.buffer) < 2:
            return False
        mark = bytes(self.buffer[:2])
        self._consume(2)
        if mark == b"--":
            self.state = "end"
            self._epilogue(len(self.buffer))
            self.buffer.clear()
            return False
        if mark != b"\r\n":
            raise MalformedUpload("bad multipart boundary line")
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise MalformedUpload(f"more than {MAX_PARTS} parts")
        self.state = "headers"
        return True

    def _headers(self) -> bool:
        if len(self.buffer) < 2:
            return False
        if self.buffer[:2] == b"\r\n":
            raise MalformedUpload("a part has no headers")
        window = MAX_HEADER_BYTES + 4
        at = self._find(b"\r\n\r\n", window)
        if at < 0:
            if len(self.buffer) >= window:
                raise MalformedUpload(f"part headers longer than {MAX_HEADER_BYTES} bytes")
            return False
        block = bytes(self.buffer[:at])
        self._consume(at + 4)
        if block.count(b"\r\n") >= MAX_HEADER_LINES:
            raise MalformedUpload(f"more than {MAX_HEADER_LINES} header lines in a part")
        self._start_part(block)
        self.state = "body"
        return True

    def _start_part(self, block: bytes) -> None:
        text = block.decode("utf-8", errors="replace")
        headers = _part_headers(text)
        kind, params = _header_value(headers.get("content-disposition", ""))
        if kind != "form-data" or "name" not in params:
            raise MalformedUpload("a part has no form-data name")
        name = params["name"]
        check_text(name, f"part {self.parts} name")
        if "filename" in params:
            check_text(params["filename"], f"{name}.filename")
        check_text(text, f"part {self.parts} headers")
        self.part_name = name
        self.in_file = name == self.field
        if self.in_file:
            if self.file is not None:
                raise MalformedUpload(f"more than one '{self.field}' part")
            if "filename" not in params:
                raise MalformedUpload(f"'{self.field}' must be a file part (with a filename)")
            declared = headers.get("content-type", "application/octet-stream")
            self.file = FilePart(params["filename"], declared.split(";", 1)[0].strip().lower())

    def _body(self) -> bool:
        at = self._find(self.separator)
        if at >= 0:
            self._emit(bytes(self.buffer[:at]))
            self._consume(at + len(self.separator))
            self._end_part()
            self.state = "after"
            return True
        ready = len(self.buffer) - (len(self.separator) - 1)  # the rest may start a separator
        if ready >= FLUSH_BYTES:
            self._emit(bytes(self.buffer[:ready]))
            self._consume(ready)
        return False

    def _emit(self, data: bytes) -> None:
        if not data:
            return
        if self.in_file:
            self.sink(data)
            return
        self.field_bytes += len(data)
        if self.field_bytes > MAX_FIELD_BYTES:
            raise MalformedUpload(f"form fields larger than {MAX_FIELD_BYTES} bytes")
        self.value += data

    def _end_part(self) -> None:
        if not self.in_file:
            check_text(self.value.decode("utf-8", errors="replace"), self.part_name)
            self.value.clear()


async def read_file_part(stream: AsyncIterator[bytes], boundary: bytes, field: str,
                         sink: Callable[[bytes], None]) -> FilePart:
    """Stream the body; the file field's bytes go to `sink` (which may raise to stop)."""
    reader = _Reader(boundary, field, sink)
    async for chunk in stream:
        reader.feed(chunk)
    if reader.state != "end":
        raise MalformedUpload("the body ends before the closing boundary")
    if reader.file is None:
        raise MalformedUpload(f"no '{field}' part")
    return reader.file
