"""Which document a GraphQL request runs: its `query` text, a published document named by
`documentId` (POST body or GET parameter), or an Apollo automatic persisted query
(`extensions.persistedQuery.sha256Hash`), and the app's enforcement mode.

- `documentId` is looked up among the documents the request's app published (its own, or its
  platform app's); no app or no such document: DOCUMENT_NOT_FOUND.
- APQ: a hash alone runs a published document of the app or one this process has seen with
  its text before; otherwise `PersistedQueryNotFound`, and the client sends text and hash
  together, which are checked to match and remembered (bounded, per process). Apps in
  DOCUMENTS_ONLY mode never register texts this way.
- An app in DOCUMENTS_ONLY mode runs published documents only: a `query` text is accepted
  when it is one of them, anything else is TRUSTED_DOCUMENT_REQUIRED.
- With KINERJA_REQUIRE_CLIENT_APP, a signed-in request that names no app is CLIENT_REQUIRED.
Published bodies are immutable (their id is their hash), so this process keeps the ones it
has read in a bounded cache keyed by (client id, document id).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..clients.document_repository import PlatformDocumentRepository, TrustedDocumentRepository
from ..clients.documents import document_id_of, normalise_document_id
from ..i18n import message

DOCUMENTS_ONLY = "DOCUMENTS_ONLY"


class DocumentRefused(Exception):
    """The request names no runnable document: a request error (no `data`)."""

    def __init__(self, code: str, language: str, **params: Any):
        text = message(code, language, **params)
        super().__init__(text)
        self.code, self.text = code, text


@dataclass(frozen=True)
class DocumentRef:
    """What the request sent: exactly one of `query`, `document_id` or `apq_id` leads."""

    query: str | None
    document_id: str | None = None
    apq_id: str | None = None  # sha256:<hex> of an Apollo persisted query


def document_ref(params: dict[str, Any]) -> DocumentRef | str:
    """The request's document, or why the parameters are malformed (an HTTP 400 text)."""
    query = params.get("query")
    if query is not None and (not isinstance(query, str) or not query.strip()):
        return "'query' must be a non-empty string"
    raw_id = params.get("documentId")
    if raw_id is not None:
        if query is not None:
            return "send 'query' or 'documentId', not both"
        document_id = normalise_document_id(raw_id)
        if document_id is None:
            return "'documentId' must be sha256:<64 hex digits>"
        return DocumentRef(None, document_id=document_id)
    extensions = params.get("extensions")
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if persisted is not None:
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        apq_id = normalise_document_id(digest)
        if apq_id is None or digest.startswith("sha256:") or persisted.get("version") != 1:
            return "'extensions.persistedQuery' must be {version: 1, sha256Hash: <64 hex>}"
        return DocumentRef(query, apq_id=apq_id)
    if query is None:
        return "'query' must be a non-empty string"
    return DocumentRef(query)


class LruTexts:
    """Document texts by key, bounded in entries and characters."""

    def __init__(self, entries: int = 4096, max_chars: int = 16_000_000):
        self.entries, self.max_chars, self.chars = entries, max_chars, 0
        self._items: OrderedDict[Any, str] = OrderedDict()

    def get(self, key: Any) -> str | None:
        text = self._items.get(key)
        if text is not None:
            self._items.move_to_end(key)
        return text

    def put(self, key: Any, text: str) -> None:
        if key in self._items or len(text) > self.max_chars:
            return
        self._items[key] = text
        self.chars += len(text)
        while len(self._items) > self.entries or self.chars > self.max_chars:
            _, old = self._items.popitem(last=False)
            self.chars -= len(old)


class TrustedDocuments:
    """Per process: published bodies read so far, and APQ texts of open clients."""

    def __init__(self, require_client_app: bool = False):
        self.require_client_app = require_client_app
        self.published = LruTexts()
        self.apq = LruTexts()

    async def _published(self, ctx: Any, document_id: str) -> str | None:
        """The body of a document the request's app published (noted for its usage)."""
        client = ctx.client
        if client is None:
            return None
        key = (client.client_id, document_id)
        body = self.published.get(key)
        if body is None:
            if client.platform_app_id is not None:
                body = await PlatformDocumentRepository(ctx.session).body(
                    client.platform_app_id, document_id)
            else:
                body = await TrustedDocumentRepository(ctx.session).body(client.id, document_id)
            if body is not None:
                self.published.put(key, body)
        if body is not None:
            ctx.usage.append(("DOCUMENT", f"{client.client_id} {document_id}"))
        return body

    async def text_of(self, ctx: Any, ref: DocumentRef) -> str:
        """The document text to run, after the enforcement rules (see the module)."""
        client, language = ctx.client, ctx.language
        if client is None and self.require_client_app and ctx.principal is not None:
            raise DocumentRefused("CLIENT_REQUIRED", language)
        only_published = client is not None and client.enforcement == DOCUMENTS_ONLY
        if ref.document_id is not None:
            body = await self._published(ctx, ref.document_id)
            if body is None:
                raise DocumentRefused("DOCUMENT_NOT_FOUND", language, document=ref.document_id)
            return body
        if ref.apq_id is not None:
            return await self._apq(ctx, ref, only_published)
        assert ref.query is not None
        if only_published and await self._published(ctx, document_id_of(ref.query)) is None:
            raise DocumentRefused("TRUSTED_DOCUMENT_REQUIRED", language)
        return ref.query

    async def _apq(self, ctx: Any, ref: DocumentRef, only_published: bool) -> str:
        assert ref.apq_id is not None
        if ref.query is not None and document_id_of(ref.query) != ref.apq_id:
            raise DocumentRefused("PERSISTED_QUERY_HASH_MISMATCH", ctx.language)
        body = await self._published(ctx, ref.apq_id)
        if body is not None:
            return body
        if only_published:
            raise DocumentRefused("TRUSTED_DOCUMENT_REQUIRED", ctx.language)
        if ref.query is not None:
            return ref.query  # remembered by `remember` once the gate accepted it
        body = self.apq.get(ref.apq_id)
        if body is None:
            raise DocumentRefused("PERSISTED_QUERY_NOT_FOUND", ctx.language)
        return body

    def remember(self, ref: DocumentRef) -> None:
        """An APQ text the gate accepted: later requests may send its hash alone."""
        if ref.apq_id is not None and ref.query is not None:
            self.apq.put(ref.apq_id, ref.query)


def etag_of(fingerprint: tuple) -> str:
    """A weak validator of one response: what makes it (edge/response_cache.fingerprint)."""
    return 'W/"' + hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:32] + '"'
