"""Platform admins define oversight groups: create one, set its member agencies and its
overseers (whole lists, so one call states the group as it should be). Audited."""

from __future__ import annotations

import re
import uuid

from ..audit.recorder import record_platform
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector, NotFound
from ..kit.fields import clean_text
from ..kit.writes import unique_guard
from ..models import OversightGroup
from .repository import OversightRepository

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
MAX_ITEMS = 500


class OversightAdminService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = OversightRepository(actor.session)

    async def create(self, slug: str | None, name: str | None) -> uuid.UUID:
        errors = ErrorCollector()
        clean = (slug or "").strip().lower()
        if not SLUG.match(clean):
            errors.add("slug", "INVALID_VALUE", detail="a-z, 0-9 and '-', 1-63 characters")
        elif await self.repo.slug_taken(clean):
            errors.add("slug", "DUPLICATE", detail=clean)
        title = clean_text(errors, "name", name, 200, required=True)
        errors.raise_if_any()
        group = OversightGroup(slug=clean, name=title or "")
        self.repo.add(group)
        async with unique_guard({"slug": "slug"}):
            await self.session.flush()
        await self._audit("oversight_group.create", group.id, {"slug": clean, "name": title})
        return group.id

    async def _group(self, group_id: uuid.UUID) -> OversightGroup:
        group = await self.repo.group(group_id)
        if group is None:
            raise NotFound()
        return group

    async def set_members(self, group_id: uuid.UUID, slugs: list[str]) -> uuid.UUID:
        await self._group(group_id)
        wanted = sorted({s.strip().lower() for s in slugs})
        errors = ErrorCollector()
        if len(wanted) > MAX_ITEMS:
            errors.add("tenantSlugs", "TOO_MANY", max=MAX_ITEMS)
            errors.raise_if_any()
        found = await self.repo.tenants_by_slug(wanted)
        for slug in wanted:
            if slug not in found:
                errors.add("tenantSlugs", "UNKNOWN_REFERENCE", detail=slug[:63])
        errors.raise_if_any()
        await self.repo.replace_members(group_id, [found[s] for s in wanted])
        await self._audit("oversight_group.members", group_id, {"agencies": wanted})
        return group_id

    async def set_overseers(self, group_id: uuid.UUID, usernames: list[str]) -> uuid.UUID:
        await self._group(group_id)
        wanted = sorted({u.strip().lower() for u in usernames})
        errors = ErrorCollector()
        if len(wanted) > MAX_ITEMS:
            errors.add("usernames", "TOO_MANY", max=MAX_ITEMS)
            errors.raise_if_any()
        found = await self.repo.users_by_name(wanted)
        for name in wanted:
            if name not in found:
                errors.add("usernames", "UNKNOWN_REFERENCE", detail=name[:100])
        errors.raise_if_any()
        await self.repo.replace_viewers(group_id, [found[u] for u in wanted])
        await self._audit("oversight_group.overseers", group_id, {"overseers": wanted})
        return group_id

    async def _audit(self, action: str, group_id: uuid.UUID, after: dict) -> None:
        await record_platform(self.session, actor_user_id=self.user_id, action=action,
                              object_type="OversightGroup", object_id=group_id, after=after)
