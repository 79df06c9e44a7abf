"""The GraphQL view of a stored file (metadata; the bytes come from GET /files/{id})."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ..graphql.relay import to_global_id


@strawberry.type(description="An uploaded file. Download it with `GET /files/{id}` (same "
                             "bearer token and X-Tenant as /graphql).")
class StoredFile:
    id: strawberry.ID
    filename: str
    content_type: str
    size: int = strawberry.field(description="Bytes.")
    sha256: str = strawberry.field(description="Hex SHA-256 of the content.")
    created_at: datetime
    download_path: str = strawberry.field(description="`/files/{id}`, relative to the API.")

    @classmethod
    def from_row(cls, row: Any) -> StoredFile:
        gid = to_global_id("StoredFile", row.id)
        return cls(id=gid, filename=row.filename, content_type=row.content_type, size=row.size,
                   sha256=row.sha256, created_at=row.created_at, download_path=f"/files/{gid}")
