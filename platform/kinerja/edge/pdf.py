"""`GET /documents/{kind}/{global id}.pdf`: the official documents (official/), authenticated
exactly like /graphql and /files (edge/authenticated.py: bearer token, X-Tenant, the same
401/403 bodies).

- `skp/<Skp id>.pdf`: the SKP;
- `evaluation/<PerformanceResult id>.pdf`: the periodic or annual evaluation document;
- `objection/<Objection id>.pdf`: the decision on an objection, once decided (409
  OBJECTION_OPEN before; the caller could read it, so nothing leaks).

Only for whoever may read the object under the domains' own rules, 404 NOT_FOUND otherwise
(another agency's object, a malformed or wrong-typed ID, an unknown kind, one outside the
caller's scope). Reading another person's result through a document is written to the "who
viewed" trail like reading it through GraphQL. The PDF is rendered in a worker thread (fpdf2
is CPU-bound: ~0.1-0.3 s a document) after the database session is done with.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..audit.data_views import RESULT, note_view
from ..errors import Conflict, NotFound
from ..graphql.relay import from_global_id
from ..official import evaluation_pdf, objection_pdf, skp_pdf
from ..official.service import OfficialDocuments
from .authenticated import serve
from .endpoint import error_response, record_views

log = logging.getLogger("kinerja.documents")
SUFFIX = ".pdf"


@dataclass(frozen=True)
class Kind:
    type_name: str  # of the global ID
    load: Callable[[OfficialDocuments, Any], Awaitable[Any]]
    render: Callable[[Any], bytes]
    filename: Callable[[Any], str]
    evaluation: Callable[[Any], Any] | None = None  # the result it shows (who viewed)


KINDS = {
    "skp": Kind("Skp", OfficialDocuments.skp, skp_pdf.render, skp_pdf.filename),
    "evaluation": Kind("PerformanceResult", OfficialDocuments.evaluation,
                       evaluation_pdf.render, evaluation_pdf.filename, lambda doc: doc),
    "objection": Kind("Objection", OfficialDocuments.objection, objection_pdf.render,
                      objection_pdf.filename, lambda doc: doc.evaluation),
}


def _note_result_view(ctx: Any, evaluation: Any) -> None:
    note_view(ctx, RESULT, subject_employee_id=evaluation.subject_employee_id,
              subject_user_id=evaluation.subject_user_id, skp_id=evaluation.skp_id,
              period_id=evaluation.period_id, result_id=evaluation.result_id)


class DocumentsEndpoint:
    def __init__(self, services: Any):
        self.services = services

    async def document(self, request: Request) -> Response:
        return await serve(self.services, request, self._document, log, "document")

    async def _document(self, ctx: Any) -> Response:
        kind = KINDS.get(ctx.request.path_params["kind"])
        name = ctx.request.path_params["name"]
        if kind is None or not name.endswith(SUFFIX):
            return error_response("NOT_FOUND", ctx.language, 404)
        settings = self.services.settings
        documents = OfficialDocuments(ctx.actor, ctx.tenant.name, settings.document_place,
                                      settings.timezone)
        try:
            object_id = from_global_id(name[:-len(SUFFIX)], kind.type_name)[1]
            doc = await kind.load(documents, object_id)
        except NotFound:
            return error_response("NOT_FOUND", ctx.language, 404)
        except Conflict as exc:
            return error_response(exc.code, ctx.language, 409)
        if kind.evaluation is not None:
            _note_result_view(ctx, kind.evaluation(doc))
        await record_views(self.services, ctx.session, ctx, "query")
        if ctx.session.in_transaction():
            await ctx.session.commit()  # the reads are done: no transaction while rendering
        body = await asyncio.to_thread(kind.render, doc)
        return Response(body, media_type="application/pdf", headers={
            "content-disposition": f'inline; filename="{kind.filename(doc)}"',
            "cache-control": "private, no-store", "x-content-type-options": "nosniff"})
