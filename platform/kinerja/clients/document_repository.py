"""SQL of published documents: an agency app's (`trusted_document`, tenant rows) and a
platform app's (`platform_document`, global)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import PlatformDocument, TrustedDocument

LISTED = ("document_id", "read_only", "operation_names", "published_at",
          "published_by_user_id", "body")


class TrustedDocumentRepository(Repository):
    """`app_id` is the app's row in the session's agency."""

    async def body(self, app_id: uuid.UUID, document_id: str) -> str | None:
        return await self.scalar(sa.select(TrustedDocument.body).where(
            TrustedDocument.app_id == app_id, TrustedDocument.document_id == document_id))

    async def known(self, app_id: uuid.UUID, document_ids: list[str]) -> set[str]:
        if not document_ids:
            return set()
        rows = await self.all(sa.select(TrustedDocument.document_id).where(
            TrustedDocument.app_id == app_id, TrustedDocument.document_id.in_(document_ids)))
        return {r.document_id for r in rows}

    async def listing(self, app_id: uuid.UUID) -> list[sa.Row]:
        columns = [getattr(TrustedDocument, c) for c in LISTED]
        return await self.all(sa.select(*columns).where(TrustedDocument.app_id == app_id)
                              .order_by(TrustedDocument.published_at, TrustedDocument.document_id))

    async def every_body(self) -> list[sa.Row]:
        """(app_id, document_id, body) of every document of the agency (documents check)."""
        return await self.all(sa.select(TrustedDocument.app_id, TrustedDocument.document_id,
                                        TrustedDocument.body).order_by(TrustedDocument.app_id))

    def add_all(self, tenant_id: uuid.UUID, app_id: uuid.UUID, rows: list[dict[str, Any]]) -> None:
        self.session.add_all([TrustedDocument(tenant_id=tenant_id, app_id=app_id, **r)
                              for r in rows])


class PlatformDocumentRepository(Repository):
    async def body(self, platform_app_id: uuid.UUID, document_id: str) -> str | None:
        return await self.scalar(sa.select(PlatformDocument.body).where(
            PlatformDocument.platform_app_id == platform_app_id,
            PlatformDocument.document_id == document_id))

    async def known(self, platform_app_id: uuid.UUID, document_ids: list[str]) -> set[str]:
        if not document_ids:
            return set()
        rows = await self.all(sa.select(PlatformDocument.document_id).where(
            PlatformDocument.platform_app_id == platform_app_id,
            PlatformDocument.document_id.in_(document_ids)))
        return {r.document_id for r in rows}

    async def listing(self, platform_app_id: uuid.UUID) -> list[sa.Row]:
        columns = [getattr(PlatformDocument, c) for c in LISTED]
        return await self.all(sa.select(*columns)
                              .where(PlatformDocument.platform_app_id == platform_app_id)
                              .order_by(PlatformDocument.published_at,
                                        PlatformDocument.document_id))

    async def every_body(self) -> list[sa.Row]:
        return await self.all(sa.select(PlatformDocument.platform_app_id.label("app_id"),
                                        PlatformDocument.document_id, PlatformDocument.body)
                              .order_by(PlatformDocument.platform_app_id))

    def add_all(self, platform_app_id: uuid.UUID, rows: list[dict[str, Any]]) -> None:
        self.session.add_all([PlatformDocument(platform_app_id=platform_app_id, **r)
                              for r in rows])
