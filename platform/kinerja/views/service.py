"""Defining views (agency admins: `view write`): create, edit (a new version each time; the
old ones stay readable and runnable), make a version current, delete."""

from __future__ import annotations

from typing import Any

from graphql import parse

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..authz.vocabulary import PLATFORM_ROLE
from ..errors import ErrorCollector, NotFound
from ..kit.fields import check_version, clean_text
from ..kit.writes import unique_guard
from ..models import CustomView, CustomViewVersion
from ..models.base import utcnow
from ..roles.catalog import RoleCatalog
from .definition import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    Checked,
    ViewData,
    check_defaults,
    check_key,
    check_table,
    operation_of,
)

Prepare = Any  # the document gate's prepare(text) -> Prepared


def merged(data: ViewData, current: CustomViewVersion | None) -> ViewData:
    """An update: what the admin sent, the current version's values for the rest."""
    if current is None:
        return data

    def pick(name: str) -> Any:
        value = getattr(data, name)
        return getattr(current, name) if value is None else value

    table_kept = not data.clear_table
    return ViewData(
        title_id=pick("title_id"), title_en=pick("title_en"),
        description_id=pick("description_id"), description_en=pick("description_en"),
        document=pick("document"), defaults=pick("defaults"), roles=pick("roles"),
        rows_path=(data.rows_path if data.rows_path is not None
                   else current.rows_path if table_kept else None),
        columns=(data.columns if data.columns is not None
                 else current.columns if table_kept else None))


class ViewService(Acting):
    def __init__(self, actor: Actor, catalog: RoleCatalog, prepare: Prepare):
        super().__init__(actor)
        from .repository import ViewRepository

        self.repo = ViewRepository(actor.session)
        self.catalog = catalog
        self.prepare = prepare

    async def _check(self, data: ViewData, errors: ErrorCollector) -> Checked | None:
        title_id = clean_text(errors, "titleId", data.title_id, TITLE_MAX, required=True)
        title_en = clean_text(errors, "titleEn", data.title_en, TITLE_MAX, required=True)
        description_id = clean_text(errors, "descriptionId", data.description_id,
                                    DESCRIPTION_MAX, fold=False) or ""
        description_en = clean_text(errors, "descriptionEn", data.description_en,
                                    DESCRIPTION_MAX, fold=False) or ""
        roles = await self._check_roles(errors, data.roles)
        defaults = data.defaults or {}
        if not isinstance(defaults, dict):
            errors.add("defaults", "INVALID_VALUE", detail="a JSON object: variable -> value")
            defaults = {}
        text = data.document or ""
        if not text.strip():
            errors.add("document", "REQUIRED")
            return None
        try:
            prepared = self.prepare(text)
        except Exception as exc:  # the gate's refusals: limits, text, validation
            found = getattr(exc, "errors", None)
            detail = (found[0].message if found else str(exc) or type(exc).__name__)
            errors.add("document", "DOCUMENT_INVALID", detail=str(detail).split("\n\n")[0][:300])
            return None
        kinds = list(prepared.operations.values())
        if len(kinds) != 1:
            errors.add("document", "INVALID_VALUE", detail="exactly one operation")
            return None
        if kinds[0] != "query":
            errors.add("document", "VIEW_NOT_READ_ONLY")
            return None
        document = parse(text)
        check_defaults(errors, operation_of(document), defaults)
        columns = check_table(errors, document, data.rows_path or None, data.columns)
        if errors:
            return None
        return Checked(title_id or "", title_en or "", description_id, description_en, text,
                       next(iter(prepared.operations)), defaults, roles,
                       data.rows_path or None, columns)

    async def _check_roles(self, errors: ErrorCollector, roles: list[str] | None) -> list[str]:
        names = sorted({(r or "").strip().lower() for r in roles or []})
        if not names:
            errors.add("roles", "REQUIRED")
        for name in names:
            if name == PLATFORM_ROLE:
                errors.add("roles", "RESERVED_ROLE")
            elif await self.catalog.grants_of(name) is None:
                errors.add("roles", "UNKNOWN_REFERENCE", detail=name)
        return names

    def _version(self, view: CustomView, number: int, checked: Checked) -> CustomViewVersion:
        return CustomViewVersion(
            tenant_id=view.tenant_id, view_id=view.id, number=number,
            created_by_user_id=self.user_id, **checked.__dict__)

    async def create(self, key: str | None, data: ViewData) -> CustomView:
        errors = ErrorCollector()
        clean_key = check_key(errors, key)
        if clean_key and await self.repo.view(clean_key) is not None:
            errors.add("key", "DUPLICATE", detail=clean_key)
        checked = await self._check(data, errors)
        errors.raise_if_any()
        assert checked is not None and clean_key is not None and self.tenant_id is not None
        view = CustomView(tenant_id=self.tenant_id, key=clean_key)
        self.repo.add(view)
        async with unique_guard({"key": "key"}):
            await self.session.flush()
        self.repo.add(self._version(view, 1, checked))
        await self.session.flush()
        await self._audit("view.create", view, None, {"version": 1, **_audited(checked)})
        return view

    async def update(self, key: str, version: int | None, data: ViewData) -> CustomView:
        view = await self._view(key)
        check_version(view, version)
        current = await self.repo.version(view.id, view.current_number)
        errors = ErrorCollector()
        checked = await self._check(merged(data, current), errors)
        errors.raise_if_any()
        assert checked is not None
        number = max(await self.repo.numbers(view.id)) + 1
        self.repo.add(self._version(view, number, checked))
        before = view.current_number
        view.current_number, view.version, view.updated_at = number, view.version + 1, utcnow()
        await self.session.flush()
        await self._audit("view.update", view, {"version": before},
                          {"version": number, **_audited(checked)})
        return view

    async def make_current(self, key: str, number: int, version: int | None) -> CustomView:
        view = await self._view(key)
        check_version(view, version)
        if await self.repo.version(view.id, number) is None:
            raise NotFound()
        before = view.current_number
        view.current_number, view.version, view.updated_at = number, view.version + 1, utcnow()
        await self.session.flush()
        await self._audit("view.make_current", view, {"version": before}, {"version": number})
        return view

    async def delete(self, key: str) -> CustomView:
        view = await self._view(key)
        await self.repo.delete(view)
        await self._audit("view.delete", view, {"version": view.current_number}, None)
        return view

    async def _view(self, key: str) -> CustomView:
        view = await self.repo.view((key or "").strip().lower())
        if view is None:
            raise NotFound()
        return view

    async def _audit(self, action: str, view: CustomView, before: dict | None,
                     after: dict | None) -> None:
        await record(self.session, tenant_id=view.tenant_id, actor_user_id=self.user_id,
                     action=action, object_type="CustomView", object_id=view.key,
                     before=before, after=after)


def _audited(checked: Checked) -> dict[str, Any]:
    return {"title_en": checked.title_en, "roles": checked.roles, "document": checked.document,
            "defaults": checked.defaults, "rows_path": checked.rows_path,
            "columns": checked.columns}
