"""Stored files: metadata only; the bytes live on disk (settings.storage_dir/<tenant>/<id>)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field


class StoredFile(TenantScoped, table=True):
    """An uploaded file. Generic: what it is attached to lives with the attaching table
    (realisation evidence, development item certificates); see kinerja/files/attachments.py."""

    __tablename__ = "stored_file"

    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    uploaded_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()
    attached_at: datetime | None = Field(
        default=None, sa_type=UtcDateTime,
        description="First time something used the file; never-attached uploads are purged.")
