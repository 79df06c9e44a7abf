"""Operator commands on trusted documents (`kinerja documents push|check`), outside any
request: the agency comes from the app's client id, every read is a per-agency session (RLS).
`check` also covers every version of every custom view (views/): documents the agency itself
published."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphql import GraphQLSchema

from ..authz.actor import Actor
from ..db import Database
from ..errors import InputErrors, NotFound
from ..tenants.repository import TenantRepository
from ..views.repository import ViewRepository
from .credentials import parse_client_id
from .document_repository import PlatformDocumentRepository, TrustedDocumentRepository
from .documents import Broken, DocumentService, Prepare, Published, broken_documents
from .repository import ClientAppRepository, PlatformAppRepository


class OperatorError(Exception):
    """A refused command, with a message for the operator."""


async def push(db: Database, prepare: Prepare, client_id: str, manifest: Any) -> Published:
    parsed = parse_client_id(client_id)
    if parsed is None:
        raise OperatorError(f"{client_id!r} is not a client id (ka-... or kp-...)")
    try:
        async with db.unit_of_work(tenant_id=parsed.tenant_id, platform=parsed.platform) as s:
            service = DocumentService(Actor(s, parsed.tenant_id, None, today=date.today()),
                                      prepare)
            if parsed.platform:
                return await service.publish_platform(parsed.app_id, manifest)
            return await service.publish(parsed.app_id, manifest)
    except NotFound as exc:
        raise OperatorError(f"no app {client_id}") from exc
    except InputErrors as exc:
        reasons = "; ".join(f"{e.field}: {e.code}" + (f" ({e.params.get('detail')})"
                                                     if e.params.get("detail") else "")
                            for e in exc.errors)
        raise OperatorError(f"nothing published: {reasons}") from exc


@dataclass(frozen=True)
class BrokenDocument:
    where: str  # the agency's slug, or "platform"
    client_id: str
    app: str
    broken: Broken


async def check(db: Database, schema: GraphQLSchema,
                rules: tuple | None = None) -> list[BrokenDocument]:
    """Every published document (every agency's apps and the platform apps) the schema would
    refuse."""
    out: list[BrokenDocument] = []
    async with db.unit_of_work(platform=True, write=False) as session:
        tenants = [(t.id, t.slug) for t in await TenantRepository(session).list(None, True)]
        platform_apps = {r.id: r.name for r in await PlatformAppRepository(session).list()}
        rows = await PlatformDocumentRepository(session).every_body()
    out += _broken("platform", rows, platform_apps, schema, rules, platform=True)
    for tenant_id, slug in tenants:
        async with db.unit_of_work(tenant_id=tenant_id, write=False) as session:
            names = {r.id: r.name for r in await ClientAppRepository(session).list()}
            rows = await TrustedDocumentRepository(session).every_body()
            views = await ViewRepository(session).every_document()
        out += _broken(slug, rows, names, schema, rules, tenant_id=tenant_id)
        for view in views:  # a view is a document the agency itself published
            for broken in broken_documents(schema, [(f"view {view.key} v{view.number}",
                                                     view.document)], rules):
                out.append(BrokenDocument(slug, "-", "custom view", broken))
    return out


def _broken(where: str, rows: list[Any], names: dict[uuid.UUID, str], schema: GraphQLSchema,
            rules: tuple | None, *, platform: bool = False,
            tenant_id: uuid.UUID | None = None) -> list[BrokenDocument]:
    from .credentials import ClientId

    by_app: dict[uuid.UUID, list[tuple[str, str]]] = {}
    for row in rows:
        by_app.setdefault(row.app_id, []).append((row.document_id, row.body))
    out = []
    for app_id, documents in by_app.items():
        client_id = str(ClientId(app_id, None if platform else tenant_id))
        for broken in broken_documents(schema, documents, rules):
            out.append(BrokenDocument(where, client_id, names.get(app_id, "?"), broken))
    return out
