"""Trusted documents: what an app publishes (a manifest `{"sha256:<hex>": "<document>"}`, the
format GraphQL codegen and Relay emit; bare hex keys are read as sha256), and which published
documents the current schema would break.

Publishing is all or nothing: every document must hash to its key and pass the document gate
(limits, text, validation against the schema) or nothing is published. Documents are
immutable (the key is the hash of the text), so publishing one again changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError, GraphQLSchema, parse, specified_rules, validate

from ..audit.recorder import record, record_platform
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector, NotFound
from .document_repository import PlatformDocumentRepository, TrustedDocumentRepository
from .repository import ClientAppRepository, PlatformAppRepository

MAX_DOCUMENTS = 1000
_KEY = re.compile(r"(?:sha256:)?([0-9a-fA-F]{64})")


def document_id_of(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_document_id(value: Any) -> str | None:
    """`sha256:<hex>` (or bare hex) -> `sha256:<lower hex>`; None when malformed."""
    if not isinstance(value, str) or not (match := _KEY.fullmatch(value)):
        return None
    return "sha256:" + match[1].lower()


@dataclass(frozen=True)
class Published:
    published: int
    unchanged: int
    document_ids: list[str]


Prepare = Callable[[str], Any]  # the document gate: -> Prepared, raises on refusal


def _checked(manifest: Any, prepare: Prepare, errors: ErrorCollector) -> dict[str, dict]:
    """The manifest's documents as rows to store; every refusal goes into `errors`."""
    if not isinstance(manifest, dict) or not manifest:
        errors.add("manifest", "INVALID_VALUE", detail='a JSON object {"sha256:<hex>": "<doc>"}')
        return {}
    if len(manifest) > MAX_DOCUMENTS:
        errors.add("manifest", "TOO_MANY", max=MAX_DOCUMENTS)
        return {}
    rows: dict[str, dict] = {}
    for key, text in manifest.items():
        document_id = normalise_document_id(key)
        label = str(key)[:80]
        if document_id is None:
            errors.add(label, "INVALID_VALUE", detail="a key is sha256:<64 hex digits>")
        elif not isinstance(text, str) or not text.strip():
            errors.add(label, "INVALID_VALUE", detail="the document text is missing")
        elif document_id_of(text) != document_id:
            errors.add(label, "HASH_MISMATCH")
        else:
            try:
                prepared = prepare(text)
            except Exception as exc:  # DocumentRejected, SubscriptionsUnsupported, InvalidText
                errors.add(label, "DOCUMENT_INVALID", detail=_reason(exc))
                continue
            kinds = set(prepared.operations.values())
            rows[document_id] = {"document_id": document_id, "body": text,
                                 "read_only": kinds == {"query"},
                                 "operation_names": sorted(n for n in prepared.operations if n)}
    return rows


def _reason(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if errors:
        return str(errors[0].message).split("\n\n", 1)[0][:300]
    return str(exc)[:300] or type(exc).__name__


class DocumentService(Acting):
    """Publishing for an agency app (admins: client_app write) or a platform app (platform
    admins)."""

    def __init__(self, actor: Actor, prepare: Prepare):
        super().__init__(actor)
        self.prepare = prepare

    async def publish(self, app_id: uuid.UUID, manifest: Any) -> Published:
        app = await ClientAppRepository(self.session).get(app_id)
        if app is None:
            raise NotFound()
        errors = ErrorCollector()
        if app.platform_app_id is not None:
            errors.add("appId", "INVALID_VALUE",
                       detail="a platform app publishes its documents platform-wide")
        rows = _checked(manifest, self.prepare, errors)
        errors.raise_if_any()
        repo = TrustedDocumentRepository(self.session)
        new = await self._new(rows, await repo.known(app.id, list(rows)))
        repo.add_all(app.tenant_id, app.id, new)
        await self.session.flush()
        if new:
            await record(self.session, tenant_id=app.tenant_id, actor_user_id=self.user_id,
                         action="client_app.publish_documents", object_type="ClientApp",
                         object_id=app.id, after={"documents": [r["document_id"] for r in new]})
        return Published(len(new), len(rows) - len(new), sorted(rows))

    async def _new(self, rows: dict[str, dict], known: set[str]) -> list[dict]:
        """The checked documents not published before, as rows to add."""
        return [{**r, "published_by_user_id": self.user_id} for r in rows.values()
                if r["document_id"] not in known]

    async def publish_platform(self, platform_app_id: uuid.UUID, manifest: Any) -> Published:
        if await PlatformAppRepository(self.session).get(platform_app_id) is None:
            raise NotFound()
        errors = ErrorCollector()
        rows = _checked(manifest, self.prepare, errors)
        errors.raise_if_any()
        repo = PlatformDocumentRepository(self.session)
        new = await self._new(rows, await repo.known(platform_app_id, list(rows)))
        repo.add_all(platform_app_id, new)
        await self.session.flush()
        if new:
            await record_platform(self.session, actor_user_id=self.user_id,
                                  action="platform_app.publish_documents",
                                  object_type="PlatformApp", object_id=platform_app_id,
                                  after={"documents": [r["document_id"] for r in new]})
        return Published(len(new), len(rows) - len(new), sorted(rows))


@dataclass(frozen=True)
class Broken:
    """A published document the schema would refuse, and the first reason."""

    document_id: str
    reason: str


def broken_documents(schema: GraphQLSchema, documents: list[tuple[str, str]],
                     rules: tuple | None = None) -> list[Broken]:
    """(document_id, body) pairs that no longer validate: removed or renamed fields and
    types, changed or new required arguments, changed argument and variable types. `rules`:
    the validation rules (default graphql-core's; the server's gate adds a few)."""
    out = []
    rules = tuple(specified_rules) if rules is None else rules
    for document_id, body in documents:
        try:
            problems: list[GraphQLError] = validate(schema, parse(body), list(rules))
        except GraphQLError as exc:
            problems = [exc]
        if problems:
            out.append(Broken(document_id, problems[0].message.split("\n\n", 1)[0]))
    return out
