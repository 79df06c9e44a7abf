"""Tenant rules: slug format, kinds, parent without cycles; platform admins only (root fields)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from ..audit.recorder import record_platform, snapshot
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector, NotFound
from ..kit.fields import check_version
from ..kit.writes import unique_guard
from ..models import Tenant
from ..models.base import utcnow
from ..reference import TENANT_KINDS
from .repository import TenantRepository

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
AUDITED = ("slug", "name", "kind", "parent_id", "active")


@dataclass
class TenantInput:
    slug: str | None = None
    name: str | None = None
    kind: str | None = None
    parent_id: uuid.UUID | None = None
    clear_parent: bool = False


class TenantService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = TenantRepository(actor.session)

    async def _check(self, data: TenantInput, errors: ErrorCollector,
                     current: Tenant | None) -> None:
        if data.slug is not None:
            slug = data.slug.strip().lower()
            if not SLUG.match(slug):
                errors.add("slug", "INVALID_VALUE", detail="a-z, 0-9 and '-', 1-63 characters")
            elif await self.repo.slug_taken(slug, current.id if current else None):
                errors.add("slug", "DUPLICATE", detail=slug)
        elif current is None:
            errors.add("slug", "REQUIRED")
        if data.name is not None:
            if not data.name.strip():
                errors.add("name", "REQUIRED")
            elif len(data.name.strip()) > 200:
                errors.add("name", "TOO_LONG", max=200)
        elif current is None:
            errors.add("name", "REQUIRED")
        if data.kind is not None and data.kind not in TENANT_KINDS:
            errors.add("kind", "INVALID_VALUE", detail=", ".join(TENANT_KINDS))
        if data.parent_id is not None:
            parent = await self.repo.get(data.parent_id)
            if parent is None:
                errors.add("parentId", "UNKNOWN_REFERENCE")
            elif current is not None and current.id in await self.repo.ancestors_of(parent.id):
                errors.add("parentId", "CYCLE")

    async def create(self, data: TenantInput) -> Tenant:
        errors = ErrorCollector()
        await self._check(data, errors, None)
        errors.raise_if_any()
        tenant = Tenant(slug=data.slug.strip().lower(), name=data.name.strip(),
                        kind=data.kind or "OTHER", parent_id=data.parent_id)
        self.repo.add(tenant)
        async with unique_guard({"slug": "slug"}):  # taken meanwhile by a concurrent writer
            await self.session.flush()
        await record_platform(self.session, actor_user_id=self.user_id,
                     action="tenant.create", object_type="Tenant", object_id=tenant.id,
                     after=snapshot(tenant, AUDITED))
        return tenant

    async def update(self, tenant_id: uuid.UUID, data: TenantInput, version: int | None,
                     active: bool | None = None) -> Tenant:
        tenant = await self.repo.get(tenant_id)
        if tenant is None:
            raise NotFound()
        check_version(tenant, version)
        errors = ErrorCollector()
        await self._check(data, errors, tenant)
        errors.raise_if_any()
        before = snapshot(tenant, AUDITED)
        if data.slug is not None:
            tenant.slug = data.slug.strip().lower()
        if data.name is not None:
            tenant.name = data.name.strip()
        if data.kind is not None:
            tenant.kind = data.kind
        if data.clear_parent:
            tenant.parent_id = None
        elif data.parent_id is not None:
            tenant.parent_id = data.parent_id
        if active is not None:
            tenant.active = active
        tenant.version += 1
        tenant.updated_at = utcnow()
        async with unique_guard({"slug": "slug"}):
            await self.session.flush()
        await record_platform(self.session, actor_user_id=self.user_id,
                     action="tenant.update", object_type="Tenant", object_id=tenant.id,
                     before=before, after=snapshot(tenant, AUDITED))
        return tenant
