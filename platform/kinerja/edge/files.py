"""`POST /files` (multipart upload) and `GET /files/{id}` (download), authenticated exactly like
/graphql (bearer token + X-Tenant, through the same build_context and the same 401/403 bodies).

Upload: the body streams into a temporary file next to its final place, counting bytes (413
as soon as the limit is passed) and hashing; a part name, file name, header or field holding
text PostgreSQL cannot store is 400 INVALID_TEXT (kit/text.py); the declared type must be
allowed and the first bytes must match it (415); then the row is inserted and the file
renamed into place before the commit, and removed again if anything after the rename fails.
No transaction is open while the body streams; the insert runs in a writer's transaction
(`Database.start_writing`).
Download: only when the caller may read something the file is attached to (attachments.py),
else 404 (also for other agencies' files and malformed IDs).
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response

from ..audit.recorder import record
from ..development.certificates import DEVELOPMENT_CERTIFICATE
from ..errors import NotFound
from ..files import attachments
from ..files.multipart import MalformedUpload, boundary_of, read_file_part
from ..files.repository import StoredFileRepository
from ..files.storage import FileStore, TooLarge, allowed_type, stored_filename
from ..graphql.relay import from_global_id, to_global_id
from ..i18n import message
from ..kit.text import InvalidText
from ..models import StoredFile
from ..skp.monitoring.evidence_files import REALISATION_EVIDENCE
from .authenticated import serve
from .endpoint import error_response

log = logging.getLogger("kinerja.files")
# Everything a stored file can be attached to (files/attachments.py), installed by create_app
# and the purge command; a new kind is one more entry here.
ATTACHMENT_KINDS = (REALISATION_EVIDENCE, DEVELOPMENT_CERTIFICATE)
MULTIPART_OVERHEAD = 64 * 1024  # headers, boundaries and small fields around the file


def _invalid_text(exc: InvalidText, language: str) -> Response:
    """400 INVALID_TEXT; `extensions.field` names the part or field (`file.filename`)."""
    body = {"errors": [{"message": message(exc.code, language, **exc.params),
                        "extensions": {"code": exc.code, "field": exc.field}}]}
    return Response(orjson.dumps(body), status_code=400, media_type="application/json")


class FilesEndpoint:
    def __init__(self, services: Any):
        self.services = services

    @property
    def store(self) -> FileStore:
        return FileStore(self.services.settings.storage_dir)

    async def upload(self, request: Request) -> Response:
        return await serve(self.services, request, self._upload, log, "files")

    async def download(self, request: Request) -> Response:
        return await serve(self.services, request, self._download, log, "files")

    async def _upload(self, ctx) -> Response:
        settings, language, request = ctx.settings, ctx.language, ctx.request
        if not attachments.may_upload(ctx.actor):
            return error_response("FORBIDDEN", language, 403)
        try:
            boundary = boundary_of(request.headers.get("content-type"))
        except MalformedUpload as exc:
            return error_response("BAD_REQUEST", language, 400, detail=str(exc))
        limit = settings.max_upload_bytes
        declared = request.headers.get("content-length")
        too_large = declared is not None and declared.isascii() and declared.isdigit() \
            and int(declared) > limit + MULTIPART_OVERHEAD
        if too_large:
            return error_response("FILE_TOO_LARGE", language, 413, max=limit)
        # The identity read is done: end its transaction, so that no connection (nor, on
        # SQLite, a snapshot that must later become a writer) is held while the body streams.
        await ctx.session.commit()
        incoming = self.store.incoming(ctx.tenant_id, limit)
        kept = None
        try:
            try:
                part = await read_file_part(request.stream(), boundary, "file", incoming.write)
            except TooLarge:
                return error_response("FILE_TOO_LARGE", language, 413, max=limit)
            except (MalformedUpload, ClientDisconnect) as exc:
                return error_response("BAD_REQUEST", language, 400, detail=str(exc) or "aborted")
            except InvalidText as exc:
                return _invalid_text(exc, language)
            incoming.finish()
            mime = allowed_type(part.content_type, incoming.head, settings.upload_types)
            if mime is None:
                return error_response("FILE_TYPE_NOT_ALLOWED", language, 415,
                                      detail=part.content_type)
            await self.services.db.start_writing(ctx.session)  # SQLite: the write turn
            row = StoredFile(tenant_id=ctx.tenant_id, filename=stored_filename(part.filename, mime),
                             content_type=mime, size=incoming.size,
                             sha256=incoming.digest.hexdigest(), uploaded_by=ctx.user_id)
            ctx.session.add(row)
            await record(ctx.session, tenant_id=ctx.tenant_id, actor_user_id=ctx.user_id,
                         action="file.upload", object_type="StoredFile", object_id=row.id,
                         after={"filename": row.filename, "content_type": mime,
                                "size": row.size, "sha256": row.sha256})
            await ctx.session.flush()
            kept = self.store.keep(incoming, ctx.tenant_id, row.id)
            await ctx.session.commit()
            kept = None
        finally:
            incoming.discard()
            if kept is not None:  # the row did not commit: the bytes must not stay behind
                kept.unlink(missing_ok=True)
        body = {"id": to_global_id("StoredFile", row.id), "filename": row.filename,
                "contentType": row.content_type, "size": row.size, "sha256": row.sha256,
                "downloadPath": f"/files/{to_global_id('StoredFile', row.id)}"}
        return Response(orjson.dumps(body), status_code=201, media_type="application/json")

    async def _download(self, ctx) -> Response:
        not_found = error_response("NOT_FOUND", ctx.language, 404)
        try:
            file_id = from_global_id(ctx.request.path_params["file_id"], "StoredFile")[1]
        except NotFound:
            return not_found
        row = await StoredFileRepository(ctx.session).by_id(file_id)
        if row is None or not await attachments.may_download(ctx.actor, row):
            return not_found
        await ctx.session.commit()
        path = self.store.path(ctx.tenant_id, row.id)
        if not path.is_file():
            log.error("stored file missing on disk", extra={"fields": {"file": str(row.id)}})
            return not_found
        return FileResponse(path, media_type=row.content_type, filename=row.filename,
                            content_disposition_type="attachment",
                            headers={"x-content-type-options": "nosniff",
                                     "cache-control": "private, no-store"})
