"""Realisation evidence as an attachment kind of the file store: uploading needs
`skp write`; an evidence file is downloadable by whoever may read the SKP it belongs to."""

from __future__ import annotations

import uuid

from ...authz.actor import Actor
from ...files.attachments import AttachmentKind
from ...models import Evidence
from .repository import MonitoringRepository


async def _readable(actor: Actor, file_id: uuid.UUID) -> bool | None:
    return await MonitoringRepository(actor.session).readable_evidence_file(
        file_id, actor.permissions.scope("skp", "read"), actor.user_id)


REALISATION_EVIDENCE = AttachmentKind("realisation_evidence", ("skp", "write"), _readable,
                                      Evidence.file_id)
