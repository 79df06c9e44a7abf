"""Who may download a stored file: the registry of what files can be attached to.

Each kind (evidence of a realisation today, training certificates later) registers
- `upload`: a (resource, action) permission; holding any registered one allows uploading;
- `check(ctx, file_id)`: None when the file is not attached through this kind, else whether
  the caller may read at least one object it is attached to.
A file is downloadable when some kind says True; a file attached nowhere only by its uploader.
Everything else answers 404, like another agency's file.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Check = Callable[[Any, uuid.UUID], Awaitable[bool | None]]


@dataclass(frozen=True)
class AttachmentKind:
    name: str
    upload: tuple[str, str]
    check: Check


_KINDS: dict[str, AttachmentKind] = {}


def register_attachment(name: str, upload: tuple[str, str], check: Check) -> None:
    _KINDS[name] = AttachmentKind(name, upload, check)


def may_upload(ctx: Any) -> bool:
    return any(ctx.permissions.allows(*kind.upload) for kind in _KINDS.values())


async def may_download(ctx: Any, row: Any) -> bool:
    attached = False
    for kind in _KINDS.values():
        verdict = await kind.check(ctx, row.id)
        if verdict:
            return True
        attached = attached or verdict is not None
    return not attached and row.uploaded_by == ctx.user_id
