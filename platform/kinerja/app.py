"""The ASGI application: Starlette routes around one GraphQL endpoint."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from .auth.tokens import TokenVerifier
from .authz.store import PolicyStore
from .config import Settings, load_settings
from .db import Database, create_engine
from .edge.documents import DocumentGate
from .edge.endpoint import GraphQLEndpoint
from .edge.files import ATTACHMENT_KINDS, FilesEndpoint
from .edge.oauth import TokenEndpoint
from .edge.pdf import DocumentsEndpoint
from .edge.response_cache import ResponseCache
from .edge.schema import build_gate, build_schema
from .edge.trusted import TrustedDocuments
from .edge.views import ViewsEndpoint
from .edge.webapp import WebApp
from .files import attachments
from .ops import memory
from .ops.header_guard import HeaderGuard
from .ops.health import healthz, readyz_endpoint
from .ops.logging import configure_logging
from .ops.metrics import Metrics, metrics_endpoint
from .usage.store import UsageStore


@dataclass
class Services:
    """Process-wide singletons the request context draws on."""

    settings: Settings
    db: Database
    policies: PolicyStore = field(default_factory=PolicyStore)
    token_verifier: TokenVerifier | None = None
    schema: Any = None
    responses: ResponseCache | None = None
    documents: DocumentGate | None = None
    trusted: TrustedDocuments | None = None
    usage: UsageStore = field(default_factory=UsageStore)
    metrics: Metrics | None = None

    def __post_init__(self) -> None:
        self.token_verifier = self.token_verifier or TokenVerifier(self.settings)
        self.schema = self.schema or build_schema(self.settings)
        self.documents = self.documents or build_gate(self.schema, self.settings)
        self.trusted = self.trusted or TrustedDocuments(self.settings.require_client_app)
        self.responses = self.responses or ResponseCache(
            self.settings.response_cache_size, self.settings.limits.response_cache_bytes)
        self.metrics = self.metrics or Metrics(self.db, self.responses)


async def _flush_usage(services: Services, seconds: int) -> None:
    """Write the usage counts (usage/store.py) every `seconds`, for as long as the app runs."""
    while True:
        await asyncio.sleep(seconds)
        await services.usage.flush(services.db)


def create_app(settings: Settings | None = None, services: Services | None = None) -> Starlette:
    settings = settings or (services.settings if services else load_settings())
    settings.check_startable()
    configure_logging(settings.log_level)
    services = services or Services(settings, Database(create_engine(settings.database_url)))
    attachments.install(ATTACHMENT_KINDS)
    endpoint = GraphQLEndpoint(services, services.schema)
    files = FilesEndpoint(services)
    oauth = TokenEndpoint(services)
    views = ViewsEndpoint(services)
    webapp = WebApp()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        flusher = asyncio.create_task(_flush_usage(services, settings.usage_flush_seconds))
        memory.settle()  # start-up objects never scanned again; rare collections
        try:
            yield
        finally:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            await services.usage.flush(services.db)  # what this process counted last
            await services.db.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", endpoint.handle, methods=[
                "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),  # the view answers 405s
            Route("/oauth/token", oauth.token, methods=["GET", "POST", "PUT", "DELETE"]),
            Route("/views/{key}.{format}", views.export, methods=["GET"]),
            Route("/exports/{key}.{format}", views.builtin, methods=["GET"]),
            Route("/files", files.upload, methods=["POST"]),
            Route("/files/{file_id:path}", files.download, methods=["GET"]),
            Route("/documents/{kind}/{name:path}", DocumentsEndpoint(services).document,
                  methods=["GET"]),
            Route("/app", webapp.redirect, methods=["GET"]),
            Route("/app/{path:path}", webapp.file, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz_endpoint(services), methods=["GET"]),
            Route("/metrics", metrics_endpoint(services.metrics, settings.metrics_token),
                  methods=["GET"]),
        ],
        lifespan=lifespan,
        middleware=[Middleware(HeaderGuard)],
    )
    app.state.services = services
    return app
