"""Training settings versions and the catalog: validation (every problem at once), JP
conversion on save, versions, audit. Never commits; the GraphQL view does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..competencies.national import NATIONAL_BY_CODE
from ..competencies.service import current_framework
from ..errors import Conflict, ErrorCollector, NotFound
from ..kit.fields import check_version, clean_text
from ..kit.writes import insert_or_conflict
from ..models import TrainingActivity, TrainingSettings
from ..models.base import utcnow
from . import settings as rules
from .repository import CatalogRepository, SettingsRepository

MAX_TITLE, MAX_COMPETENCIES = 300, 20


@dataclass(frozen=True)
class CurrentSettings:
    """A stored version, or the built-in defaults as version 0 (id None) before the first save."""

    id: uuid.UUID | None
    version: int
    content: dict[str, Any]
    created_at: Any = None


async def current_settings(session) -> CurrentSettings:
    row = await SettingsRepository(session).latest()
    if row is None:
        return CurrentSettings(None, 0, rules.default_content())
    return CurrentSettings(row.id, row.version, row.content, row.created_at)


async def competency_names(session) -> dict[str, str]:
    """Code -> name of every competency in force (national and the current technical ones)."""
    framework = await current_framework(session)
    return {**{c.code: c.name for c in NATIONAL_BY_CODE.values()},
            **{c["code"]: c["name"] for c in framework.competencies}}


@dataclass
class ActivityData:
    title: str | None
    form: str
    kind: str
    duration: rules.Duration
    competencies: list[str] = field(default_factory=list)
    provider: str | None = None
    international: bool = False


class TrainingService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = CatalogRepository(actor.session)

    async def update_settings(self, change: rules.SettingsChange,
                              expected: int | None) -> CurrentSettings:
        """The next version with `change` applied; unchanged content writes nothing."""
        current = await current_settings(self.session)
        check_version(current, expected)
        known = set(await competency_names(self.session))
        content = rules.apply_change(current.content, change, known)
        if content == current.content:
            return current
        row = TrainingSettings(tenant_id=self.tenant_id, version=current.version + 1,
                               content=content, created_by=self.user_id)
        await insert_or_conflict(self.session, row)
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="training_settings.update", object_type="TrainingSettings",
                     object_id=row.id, before={"version": current.version, **current.content},
                     after={"version": row.version, **content})
        return CurrentSettings(row.id, row.version, content, row.created_at)

    async def _check(self, data: ActivityData) -> dict[str, Any]:
        errors = ErrorCollector()
        title = clean_text(errors, "title", data.title, MAX_TITLE, required=True)
        provider = clean_text(errors, "provider", data.provider, MAX_TITLE)
        if rules.KINDS[data.kind] != data.form:
            errors.add("kind", "KIND_FORM_MISMATCH", form=data.form)
        known = await competency_names(self.session)
        codes = [c.strip().upper() for c in data.competencies]
        if not codes:
            errors.add("competencyCodes", "REQUIRED")
        elif len(codes) > MAX_COMPETENCIES:
            errors.add("competencyCodes", "TOO_MANY_ROWS", max=MAX_COMPETENCIES)
        for index, code in enumerate(codes):
            if code not in known:
                errors.add(f"competencyCodes[{index}]", "UNKNOWN_REFERENCE", detail=code)
            elif code in codes[:index]:
                errors.add(f"competencyCodes[{index}]", "DUPLICATE", detail=code)
        jp = None
        if rules.check_duration(errors, data.duration):
            content = (await current_settings(self.session)).content
            jp = rules.convert(content, data.kind, data.international, data.duration)
            if jp is None:
                errors.add("durationDays", "NO_CONVERSION_RULE", kind=data.kind)
        errors.raise_if_any()
        return {"title": title, "form": data.form, "kind": data.kind,
                "jp_given": data.duration.jp, "duration_days": data.duration.days,
                "duration_hours": data.duration.hours, "jp": jp, "provider": provider,
                "international": data.international, "competencies": codes}

    async def create(self, data: ActivityData) -> uuid.UUID:
        values = await self._check(data)
        codes = values.pop("competencies")
        row = TrainingActivity(tenant_id=self.tenant_id, **values)
        self.session.add(row)
        await self.session.flush()
        await self.repo.replace_competencies(self.tenant_id, row.id, codes)
        await self._audit("training_activity.create", row.id, None,
                          {**values, "competencies": codes, "version": 1})
        return row.id

    async def update(self, activity_id: uuid.UUID, expected: int | None,
                     data: ActivityData) -> uuid.UUID:
        before = await self._existing(activity_id, expected)
        values = await self._check(data)
        codes = values.pop("competencies")
        old = {k: getattr(before, k) for k in values}
        old_codes = (await self.repo.competencies([activity_id]))[activity_id]
        if old == values and old_codes == codes:
            return activity_id
        await self._bump(activity_id, before.version, values)
        if old_codes != codes:
            await self.repo.replace_competencies(self.tenant_id, activity_id, codes)
        await self._audit("training_activity.update", activity_id,
                          {**old, "competencies": old_codes, "version": before.version},
                          {**values, "competencies": codes, "version": before.version + 1})
        return activity_id

    async def deactivate(self, activity_id: uuid.UUID, expected: int | None) -> uuid.UUID:
        """Inactive activities stay on plans that use them; they are no longer suggested."""
        before = await self._existing(activity_id, expected)
        if before.active:
            await self._bump(activity_id, before.version, {"active": False})
            await self._audit("training_activity.deactivate", activity_id,
                              {"active": True, "version": before.version},
                              {"active": False, "version": before.version + 1})
        return activity_id

    async def _existing(self, activity_id: uuid.UUID, expected: int | None) -> Any:
        row = (await self.repo.by_ids([activity_id])).get(activity_id)
        if row is None:
            raise NotFound()
        check_version(row, expected)
        return row

    async def _bump(self, activity_id: uuid.UUID, version: int, values: dict[str, Any]) -> None:
        if not await self.repo.update(activity_id, version, {**values, "updated_at": utcnow()}):
            raise Conflict()

    async def _audit(self, action: str, object_id: uuid.UUID, before: dict | None,
                     after: dict) -> None:
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action=action, object_type="TrainingActivity", object_id=object_id,
                     before=before, after=after)
