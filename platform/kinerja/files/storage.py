"""Bytes on disk: `<storage_dir>/<tenant id>/<file id>`, written through a temporary file in
the same directory (so the final rename is atomic), and cheap type checks on the first bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
from pathlib import Path

from ..config import UPLOAD_TYPES

HEAD_BYTES = 8192
FILENAME_MAX = 255
ZIP = b"PK\x03\x04"
ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "application/csv": "text/csv"}


def _text(head: bytes) -> bool:
    """UTF-8 text (a multi-byte character cut at the end of the sample is fine), no NULs."""
    if b"\x00" in head:
        return False
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


SNIFFERS = {
    "application/pdf": lambda h: h.startswith(b"%PDF-"),
    "image/png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "image/webp": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    UPLOAD_TYPES["docx"]: lambda h: h.startswith(ZIP),
    UPLOAD_TYPES["xlsx"]: lambda h: h.startswith(ZIP),
    "text/plain": _text,
    "text/csv": _text,
}


def allowed_type(declared: str, head: bytes, allowed: tuple[str, ...]) -> str | None:
    """The stored MIME type when the declared type is allowed and the bytes look like it."""
    mime = ALIASES.get(declared, declared)
    if mime not in {UPLOAD_TYPES[name] for name in allowed}:
        return None
    return mime if head and SNIFFERS[mime](head) else None


def clean_filename(raw: str) -> str:
    """The last path component, without control characters, at most 255 characters."""
    name = re.split(r"[\\/]", raw)[-1]
    name = "".join(c for c in unicodedata.normalize("NFC", name)
                   if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(name) > FILENAME_MAX:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: FILENAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) < 16 \
            else name[:FILENAME_MAX]
    return name or "file"


# The file name extensions that fit each stored type; another extension gets the first one
# appended, so a file is never saved or downloaded under a name that opens it as something else.
EXTENSIONS = {
    "application/pdf": ("pdf",), "image/png": ("png",), "image/jpeg": ("jpg", "jpeg"),
    "image/webp": ("webp",), UPLOAD_TYPES["docx"]: ("docx",), UPLOAD_TYPES["xlsx"]: ("xlsx",),
    "text/plain": ("txt", "text", "log"), "text/csv": ("csv",),
}


def stored_filename(raw: str, mime: str) -> str:
    """`clean_filename`, with an extension that matches the stored type."""
    name = clean_filename(raw)
    allowed = EXTENSIONS[mime]
    stem, dot, ext = name.rpartition(".")
    if dot and stem and ext.lower() in allowed:
        return name
    return clean_filename(f"{name[:FILENAME_MAX - 8]}.{allowed[0]}")


class TooLarge(Exception):
    pass


class IncomingFile:
    """A file being received: counted, hashed, sampled, written to a temporary path."""

    def __init__(self, store: FileStore, tenant_id: uuid.UUID, limit: int):
        self.path = store.tenant_dir(tenant_id) / f".upload-{uuid.uuid4().hex}"
        self.limit = limit
        self.size = 0
        self.head = b""
        self.digest = hashlib.sha256()
        self._handle = open(self.path, "xb")

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge()
        if len(self.head) < HEAD_BYTES:
            self.head += data[: HEAD_BYTES - len(self.head)]
        self.digest.update(data)
        self._handle.write(data)

    def finish(self) -> None:
        self._handle.close()

    def discard(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


class FileStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def tenant_dir(self, tenant_id: uuid.UUID) -> Path:
        path = self.root / str(tenant_id)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def path(self, tenant_id: uuid.UUID, file_id: uuid.UUID) -> Path:
        return self.root / str(tenant_id) / str(file_id)

    def incoming(self, tenant_id: uuid.UUID, limit: int) -> IncomingFile:
        return IncomingFile(self, tenant_id, limit)

    def keep(self, incoming: IncomingFile, tenant_id: uuid.UUID, file_id: uuid.UUID) -> Path:
        final = self.path(tenant_id, file_id)
        os.replace(incoming.path, final)
        return final
