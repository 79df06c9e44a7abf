"""A small streaming multipart/form-data reader for one file field (RFC 7578).

Starlette's form parser needs python-multipart (not a dependency) and spools whole parts
before we could count them; this reader hands the file part's bytes to a sink chunk by
chunk, so the size limit stops an upload as soon as it is exceeded. Other fields are read
and ignored (bounded); anything malformed raises MalformedUpload (HTTP 400).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

MAX_HEADER_BYTES = 8192
MAX_PREAMBLE_BYTES = 1024
MAX_PARTS = 16
MAX_FIELD_BYTES = 65536  # all non-file fields together


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


def _part_headers(block: bytes) -> dict[str, str]:
    headers = {}
    for line in block.decode("utf-8", errors="replace").split("\r\n"):
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
        self.buffer = b""
        self.state = "preamble"
        self.parts = 0
        self.field_bytes = 0
        self.in_file = False
        self.file: FilePart | None = None
        self.epilogue = 0

    def feed(self, chunk: bytes) -> None:
        self.buffer += chunk
        while self._step():
            pass

    def _step(self) -> bool:
        """Advance one state if the buffer allows; False when more bytes are needed."""
        if self.state == "preamble":
            at = self.buffer.find(self.delimiter)
            if at < 0:
                if len(self.buffer) > MAX_PREAMBLE_BYTES:
                    raise MalformedUpload("no multipart boundary found")
                return False
            self.buffer, self.state = self.buffer[at + len(self.delimiter):], "after"
            return True
        if self.state == "after":
            if len(self.buffer) < 2:
                return False
            mark, self.buffer = self.buffer[:2], self.buffer[2:]
            if mark == b"--":
                self.state, self.buffer = "end", b""
                return False
            if mark != b"\r\n":
                raise MalformedUpload("bad multipart boundary line")
            self.state = "headers"
            return True
        if self.state == "headers":
            return self._headers()
        if self.state == "body":
            return self._body()
        self.epilogue += len(self.buffer)  # after the closing boundary: ignored, but bounded
        self.buffer = b""
        if self.epilogue > MAX_PREAMBLE_BYTES:
            raise MalformedUpload("data after the closing boundary")
        return False

    def _headers(self) -> bool:
        at = self.buffer.find(b"\r\n\r\n")
        if at < 0:
            if len(self.buffer) > MAX_HEADER_BYTES:
                raise MalformedUpload("part headers too long")
            return False
        headers = _part_headers(self.buffer[:at])
        self.buffer, self.state = self.buffer[at + 4:], "body"
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise MalformedUpload("too many parts")
        kind, params = _header_value(headers.get("content-disposition", ""))
        if kind != "form-data" or "name" not in params:
            raise MalformedUpload("a part has no form-data name")
        self.in_file = params["name"] == self.field
        if self.in_file:
            if self.file is not None:
                raise MalformedUpload(f"more than one '{self.field}' part")
            if "filename" not in params:
                raise MalformedUpload(f"'{self.field}' must be a file part (with a filename)")
            declared = headers.get("content-type", "application/octet-stream")
            self.file = FilePart(params["filename"], declared.split(";", 1)[0].strip().lower())
        return True

    def _body(self) -> bool:
        at = self.buffer.find(self.separator)
        if at >= 0:
            self._emit(self.buffer[:at])
            self.buffer, self.state = self.buffer[at + len(self.separator):], "after"
            return True
        keep = len(self.separator) - 1
        if len(self.buffer) > keep:
            self._emit(self.buffer[:-keep])
            self.buffer = self.buffer[-keep:]
        return False

    def _emit(self, data: bytes) -> None:
        if not data:
            return
        if self.in_file:
            self.sink(data)
            return
        self.field_bytes += len(data)
        if self.field_bytes > MAX_FIELD_BYTES:
            raise MalformedUpload("form fields too large")


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
