"""Who may upload, attach and download stored files, by the kinds of things files can be
attached to.

The kinds are values of the packages they belong to (skp/monitoring/evidence_files.py,
development/certificates.py), listed once in edge/files.py (`ATTACHMENT_KINDS`) and installed
at start-up by whoever assembles the process (`install`: create_app, the purge command).
Each kind has
- `upload`: a (resource, action) permission; holding any installed one allows uploading
  (one code path: the caller may upload when there is something they may attach to);
- `check(actor, file_id)`: None when the file is not attached through this kind, else whether
  the caller may read at least one object it is attached to;
- `reference`: the column that points at the file (e.g. `Evidence.file_id`), so "is this file
  used anywhere" is one SQL statement for attaching and for the purge.
A file is downloadable when some kind says True; a file attached nowhere only by its uploader.
Everything else answers 404, like another agency's file.

Attaching (`attachable`) is one rule for every kind: a file already on the object being saved,
or an upload of the caller that nothing uses yet. So nobody attaches (and thereby exposes)
someone else's upload, and a file belongs to one object at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..authz.actor import Actor
from ..kit.fields import UNRESOLVABLE
from ..models.base import utcnow
from .repository import StoredFileRepository

Check = Callable[[Actor, uuid.UUID], Awaitable[bool | None]]


@dataclass(frozen=True)
class AttachmentKind:
    name: str
    upload: tuple[str, str]
    check: Check
    reference: Any


_KINDS: dict[str, AttachmentKind] = {}


def install(kinds: Iterable[AttachmentKind]) -> None:
    """Make `kinds` the attachment kinds of this process (replacing any installed before)."""
    _KINDS.clear()
    _KINDS.update((kind.name, kind) for kind in kinds)


def references() -> list[Any]:
    return [kind.reference for kind in _KINDS.values()]


def may_upload(actor: Actor) -> bool:
    return any(actor.permissions.allows(*kind.upload) for kind in _KINDS.values())


async def may_download(actor: Actor, row: Any) -> bool:
    attached = False
    for kind in _KINDS.values():
        verdict = await kind.check(actor, row.id)
        if verdict:
            return True
        attached = attached or verdict is not None
    return (not attached and actor.user_id is not None
            and row.uploaded_by == actor.user_id)


async def attachable(actor: Actor, wanted: Iterable[uuid.UUID | None],
                     kept: Iterable[uuid.UUID | None] = ()) -> set[uuid.UUID]:
    """Of the `wanted` file IDs, those the actor may attach to an object whose files are
    `kept` now: a kept one, or the actor's own upload that nothing uses yet."""
    wanted_ids = {w for w in wanted if w not in (None, UNRESOLVABLE)}
    kept_ids = {k for k in kept if k is not None}
    own = await StoredFileRepository(actor.session).own_unattached(
        sorted(wanted_ids - kept_ids), actor.user_id, references())
    return (wanted_ids & kept_ids) | own


async def mark_attached(session: Any, file_ids: Iterable[uuid.UUID | None]) -> None:
    """Record that files were attached (the purge only removes files never attached)."""
    await StoredFileRepository(session).mark_attached(
        sorted({f for f in file_ids if f is not None}), utcnow())
