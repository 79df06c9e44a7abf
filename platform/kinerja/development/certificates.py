"""Development item certificates as an attachment kind of the file store:
uploading needs `development_plan write` (staff upload their own certificates); a certificate
is downloadable by whoever may read the plan it belongs to (the employee, the rater and the
rater's superior, HR, auditors)."""

from __future__ import annotations

import uuid

from ..authz.actor import Actor
from ..files.attachments import AttachmentKind
from ..models import DevelopmentItem
from .repository import DevelopmentRepository


async def _readable(actor: Actor, file_id: uuid.UUID) -> bool | None:
    return await DevelopmentRepository(actor.session).readable_certificate(
        file_id, actor.permissions.scope("development_plan", "read"), actor.user_id, actor.today)


DEVELOPMENT_CERTIFICATE = AttachmentKind("development_certificate", ("development_plan", "write"),
                                         _readable, DevelopmentItem.evidence_file_id)
