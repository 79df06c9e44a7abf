"""Prometheus metrics of one application, served as `GET /metrics` (text format 0.0.4).

Every app owns its `CollectorRegistry`, never prometheus_client's process-wide default one:
the tests build many apps in one process, and each must count only its own requests. The
counts are therefore per server process (see the README's Metrics section for several workers).

What a request costs: the endpoint hands its log record to `observe_request` once, after the
log line; that is three set lookups, one dict lookup and two increments (prometheus_client's own
per-value locks), a few microseconds. Everything else (the database pool, the response cache's
hit and miss counts, kept by the cache itself) is read when Prometheus scrapes.

Label values are bounded: a client chooses its operation names, so only the first
MAX_OPERATIONS distinct names of the process get a series of their own, later ones count as
`other`; apps and outcomes are capped likewise, and so are their combinations (MAX_SERIES:
a new combination beyond it counts under operation `other`), which bounds the scrape too.

Access: loopback clients (the socket's peer address, never X-Forwarded-For), or any client
with `Authorization: Bearer <KINERJA_METRICS_TOKEN>`.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import orjson
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4, generate_latest
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

from ..i18n import message, pick_language

# Request durations from 1 ms to 10 s (a cache hit takes ~1-3 ms, a cold list ~10-100 ms).
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
MAX_OPERATIONS = 500
MAX_APPS = 100
MAX_OUTCOMES = 100
MAX_SERIES = 2000  # (operation, app, outcome) label sets; later new ones as operation OTHER
OTHER = "other"  # a label value beyond its cap
NONE = "none"  # no operation name, no client app, no outcome (the GraphiQL page)
CACHED = "ok (cached)"  # the endpoint's outcome of a response-cache hit


class Bounded:
    """The first `limit` distinct values pass as they are; any later new one is OTHER."""

    __slots__ = ("limit", "seen")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.seen: set[str] = set()

    def __call__(self, value: str) -> str:
        if value in self.seen:
            return value
        if len(self.seen) >= self.limit:
            return OTHER
        self.seen.add(value)
        return value


class CacheCounts(Protocol):
    """The response cache as seen from here (edge/response_cache.py counts its lookups)."""

    hits: int
    misses: int


class Metrics:
    """One app's metrics on its own registry; `registry` is what `/metrics` exposes."""

    def __init__(self, db: Any = None, responses: CacheCounts | None = None) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "kinerja_requests", "GraphQL requests by operation name, client app and outcome "
            "(ok, cached, the error codes, or http_<status>).",
            ["operation", "app", "outcome"], registry=self.registry)
        self.duration = Histogram(
            "kinerja_request_duration_seconds", "Time to answer a GraphQL request.",
            ["operation", "app"], buckets=BUCKETS, registry=self.registry)
        self.login_failures = Counter(
            "kinerja_login_failures", "Refused logins by reason (INVALID_CREDENTIALS: unknown "
            "user, wrong password or disabled account; TOO_MANY_ATTEMPTS: throttled).",
            ["reason"], registry=self.registry)
        self.registry.register(StateCollector(db, responses))
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        self._operations = Bounded(MAX_OPERATIONS)
        self._apps = Bounded(MAX_APPS)
        self._outcomes = Bounded(MAX_OUTCOMES)
        self._children: dict[tuple[str, str, str], tuple[Any, Any]] = {}

    def observe_request(self, record: Mapping[str, Any]) -> None:
        """Count one GraphQL request from the endpoint's log record (edge/endpoint.py)."""
        operation = self._operations(record.get("operation") or NONE)
        app = self._apps(str(record.get("app") or NONE))
        outcome = record.get("outcome") or NONE
        outcome = self._outcomes("cached" if outcome == CACHED else outcome)
        key = (operation, app, outcome)
        children = self._children.get(key)
        if children is None:
            children = self._new_children(key)
        children[0].inc()
        children[1].observe(record.get("duration_ms", 0.0) / 1000)

    def _new_children(self, key: tuple[str, str, str]) -> tuple[Any, Any]:
        """Once per label set (labels() takes the metric's lock)."""
        if len(self._children) >= MAX_SERIES:
            key = (OTHER, key[1], key[2])
            if key in self._children:
                return self._children[key]
        children = self._children[key] = (self.requests.labels(*key),
                                           self.duration.labels(key[0], key[1]))
        return children

    def login_failed(self, reason: str) -> None:
        self.login_failures.labels(reason).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


# SQLAlchemy pool statistics, where the pool class has them (QueuePool and its async variant;
# NullPool and StaticPool, used for some SQLite URLs, have none): name, method, help.
POOL_GAUGES: tuple[tuple[str, str, str], ...] = (
    ("kinerja_db_pool_size", "size", "Connections the pool keeps (pool_size)."),
    ("kinerja_db_pool_checked_out", "checkedout", "Pooled connections in use."),
    ("kinerja_db_pool_checked_in", "checkedin", "Pooled connections idle in the pool."),
    ("kinerja_db_pool_overflow", "overflow",
     "Connections open beyond pool_size (max_overflow bounds them)."),
)


class StateCollector(Collector):
    """Read at scrape time: the response cache's counts and the database pool."""

    def __init__(self, db: Any, responses: CacheCounts | None) -> None:
        self.db = db
        self.responses = responses

    def describe(self) -> list[Metric]:
        return []  # names vary with the pool class; nothing to check against at registration

    def collect(self) -> Iterator[Metric]:
        if self.responses is not None:
            yield CounterMetricFamily(
                "kinerja_response_cache_hits", "Cacheable queries answered from the response "
                "cache.", value=self.responses.hits)
            yield CounterMetricFamily(
                "kinerja_response_cache_misses", "Cacheable queries the response cache did not "
                "hold (executed).", value=self.responses.misses)
        if self.db is not None:
            yield from pool_gauges(self.db.engine.pool, self.db.dialect)


def pool_gauges(pool: Any, dialect: str) -> Iterator[Metric]:
    info = GaugeMetricFamily("kinerja_db_pool_info", "The database pool's class and dialect.",
                             labels=["dialect", "pool"])
    info.add_metric([dialect, type(pool).__name__], 1)
    yield info
    for name, method, text in POOL_GAUGES:
        read: Callable[[], int] | None = getattr(pool, method, None)
        if callable(read):
            # QueuePool.overflow() counts down from -pool_size while the pool fills up.
            value = max(read(), 0) if method == "overflow" else read()
            yield GaugeMetricFamily(name, text, value=value)


# --- access -----------------------------------------------------------------------------------

def is_loopback(request: Request) -> bool:
    """The socket's peer is this host. Behind a reverse proxy that is the proxy itself, so
    a proxy must not pass /metrics on; remote scrapers use the token. X-Forwarded-For and the
    like are never read: any client can send them."""
    if request.client is None:
        return False
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:
        return False  # a unix socket, a test client's made-up name
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def refusal(request: Request, expected: str | None) -> Response | None:
    """None when the caller may read the metrics; otherwise the 401 (no credentials) or 403
    (a wrong token, or any token when none is configured), with the body every endpoint
    uses for its errors."""
    if is_loopback(request):
        return None
    token = bearer_token(request)
    if token is not None and expected and hmac.compare_digest(token.encode(), expected.encode()):
        return None
    code, status = ("UNAUTHENTICATED", 401) if token is None else ("FORBIDDEN", 403)
    language = pick_language(request.headers.get("accept-language"))
    body = {"errors": [{"message": message(code, language), "extensions": {"code": code}}]}
    headers = {"www-authenticate": 'Bearer realm="metrics"'} if status == 401 else None
    return Response(orjson.dumps(body), status, headers, media_type="application/json")


def metrics_endpoint(metrics: Metrics, token: str | None) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        refused = refusal(request, token)
        if refused is not None:
            return refused
        # Up to a few MB at the caps: written in a thread, the event loop keeps serving.
        body = await asyncio.to_thread(metrics.exposition)
        return Response(body, media_type=CONTENT_TYPE_PLAIN_0_0_4)

    return endpoint
