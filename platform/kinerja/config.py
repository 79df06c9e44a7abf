"""Settings read once from environment variables (see the README's configuration table)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_SECRET = "kinerja-development-secret-change-me"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ConfigError(ValueError):
    """A setting is missing or invalid; the message says which and why."""


def _int(env: dict[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _mebibytes(env: dict[str, str], name: str, default_bytes: int) -> int:
    return _int(env, name, default_bytes // (1024 * 1024), minimum=0) * 1024 * 1024


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _secret(env: dict[str, str], name: str, minimum: int) -> str | None:
    raw = env.get(name) or None
    if raw is not None and len(raw) < minimum:
        raise ConfigError(f"{name} must be at least {minimum} characters (e.g. openssl rand "
                          f"-hex 32), got {len(raw)}")
    return raw


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"KINERJA_TIMEZONE: unknown time zone {name!r}") from exc
    return name


# Upload type names (KINERJA_UPLOAD_TYPES) -> the MIME type stored and served.
UPLOAD_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain",
    "csv": "text/csv",
}


def _upload_types(raw: str | None) -> tuple[str, ...]:
    if raw is None or not raw.strip():
        return tuple(UPLOAD_TYPES)
    names = tuple(dict.fromkeys(n.strip().lower() for n in raw.split(",") if n.strip()))
    unknown = [n for n in names if n not in UPLOAD_TYPES]
    if unknown or not names:
        raise ConfigError(f"KINERJA_UPLOAD_TYPES: unknown type(s) {unknown}; "
                          f"choose from {', '.join(UPLOAD_TYPES)}")
    return names


def default_storage_dir() -> Path:
    return PROJECT_ROOT / "var" / "files"


def default_sqlite_url() -> str:
    return f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'kinerja.sqlite3'}"


@dataclass(frozen=True)
class Limits:
    """Request limits that keep one client from exhausting the server."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 3000
    max_document_chars: int = 65_536
    max_fields: int = 500
    max_directives: int = 50
    document_cache_entries: int = 512
    document_cache_bytes: int = 32 * 1024 * 1024
    response_cache_bytes: int = 32 * 1024 * 1024
    max_page_size: int = 100
    default_page_size: int = 20
    max_body_bytes: int = 1_000_000
    max_import_rows: int = 5000
    max_import_columns: int = 64
    max_import_header_bytes: int = 8192
    max_import_line_bytes: int = 65536


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_sqlite_url)
    migration_database_url: str = ""
    environment: str = "development"
    secret_key: str = DEFAULT_SECRET
    token_ttl_seconds: int = 3600
    app_token_ttl_seconds: int = 900  # client-credentials tokens (clients/)
    secret_grace_hours: int = 24  # a rotated client secret keeps working this long
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_username_claim: str = "preferred_username"
    introspection: bool = True
    graphiql: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    login_max_failures: int = 5
    login_window_seconds: int = 300
    log_level: str = "INFO"
    timezone: str = "Asia/Jakarta"
    response_cache_size: int = 512
    limits: Limits = field(default_factory=Limits)
    storage_dir: Path = field(default_factory=default_storage_dir)
    max_upload_bytes: int = 10 * 1024 * 1024
    upload_types: tuple[str, ...] = tuple(UPLOAD_TYPES)
    metrics_token: str | None = None  # GET /metrics from anywhere with this bearer token
    require_client_app: bool = False  # signed-in requests must name a client app (clients/)
    view_max_rows: int = 100_000  # most rows one view export (CSV/XLSX) writes
    usage_flush_seconds: int = 10  # how often a process writes its usage counts (usage/)
    fairness_min_ratees: int = 5  # raters with fewer ratees are not shown (analysis/)
    oversight_min_cell: int = 3  # oversight aggregates: counts below are suppressed
    document_place: str = ""  # where official PDFs are signed ("Padang"); "" leaves it blank

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def owner_database_url(self) -> str:
        """URL used for migrations (the owner role); defaults to the app URL."""
        return self.migration_database_url or self.database_url

    def today(self) -> date:
        """The agency's calendar day (reporting lines and deadlines are in local dates)."""
        return datetime.now(ZoneInfo(self.timezone)).date()

    def check_startable(self) -> None:
        """Refuse unsafe production configurations before serving anything."""
        if self.is_production and self.secret_key == DEFAULT_SECRET:
            raise ConfigError(
                "KINERJA_SECRET_KEY must be set to a private value when KINERJA_ENV=production"
            )
        if self.is_production and len(self.secret_key) < 32:
            raise ConfigError("KINERJA_SECRET_KEY must be at least 32 characters in production")
        if self.oidc_jwks_url and not (self.oidc_issuer and self.oidc_audience):
            raise ConfigError("KINERJA_OIDC_JWKS_URL needs KINERJA_OIDC_ISSUER and _AUDIENCE")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    environment = env.get("KINERJA_ENV", "development")
    if environment not in {"development", "production", "test"}:
        raise ConfigError(
            f"KINERJA_ENV must be development, production or test, not {environment!r}")
    production = environment == "production"
    limits = Limits(
        max_depth=_int(env, "KINERJA_MAX_DEPTH", Limits.max_depth),
        max_aliases=_int(env, "KINERJA_MAX_ALIASES", Limits.max_aliases),
        max_tokens=_int(env, "KINERJA_MAX_TOKENS", Limits.max_tokens),
        max_document_chars=_int(env, "KINERJA_MAX_DOCUMENT_CHARS", Limits.max_document_chars),
        max_fields=_int(env, "KINERJA_MAX_FIELDS", Limits.max_fields),
        max_directives=_int(env, "KINERJA_MAX_DIRECTIVES", Limits.max_directives, minimum=0),
        document_cache_entries=_int(env, "KINERJA_DOCUMENT_CACHE_SIZE",
                                    Limits.document_cache_entries, minimum=0),
        document_cache_bytes=_mebibytes(env, "KINERJA_DOCUMENT_CACHE_MB",
                                        Limits.document_cache_bytes),
        response_cache_bytes=_mebibytes(env, "KINERJA_RESPONSE_CACHE_MB",
                                        Limits.response_cache_bytes),
        max_page_size=_int(env, "KINERJA_MAX_PAGE_SIZE", Limits.max_page_size),
        default_page_size=_int(env, "KINERJA_DEFAULT_PAGE_SIZE", Limits.default_page_size),
        max_body_bytes=_int(env, "KINERJA_MAX_BODY_BYTES", Limits.max_body_bytes),
        max_import_rows=_int(env, "KINERJA_MAX_IMPORT_ROWS", Limits.max_import_rows),
        max_import_columns=_int(env, "KINERJA_MAX_IMPORT_COLUMNS", Limits.max_import_columns),
        max_import_header_bytes=_int(env, "KINERJA_MAX_IMPORT_HEADER_BYTES",
                                     Limits.max_import_header_bytes),
        max_import_line_bytes=_int(env, "KINERJA_MAX_IMPORT_LINE_BYTES",
                                   Limits.max_import_line_bytes),
    )
    return Settings(
        database_url=env.get("KINERJA_DATABASE_URL") or default_sqlite_url(),
        migration_database_url=env.get("KINERJA_MIGRATION_DATABASE_URL", ""),
        environment=environment,
        secret_key=env.get("KINERJA_SECRET_KEY") or DEFAULT_SECRET,
        token_ttl_seconds=_int(env, "KINERJA_TOKEN_TTL_SECONDS", 3600, minimum=30),
        app_token_ttl_seconds=_int(env, "KINERJA_APP_TOKEN_TTL_SECONDS", 900, minimum=30),
        secret_grace_hours=_int(env, "KINERJA_SECRET_GRACE_HOURS", 24, minimum=0),
        oidc_issuer=env.get("KINERJA_OIDC_ISSUER") or None,
        oidc_audience=env.get("KINERJA_OIDC_AUDIENCE") or None,
        oidc_jwks_url=env.get("KINERJA_OIDC_JWKS_URL") or None,
        oidc_username_claim=env.get("KINERJA_OIDC_USERNAME_CLAIM") or "preferred_username",
        introspection=_bool(env, "KINERJA_INTROSPECTION", not production),
        graphiql=_bool(env, "KINERJA_GRAPHIQL", not production),
        host=env.get("KINERJA_HOST", "127.0.0.1"),
        port=_int(env, "KINERJA_PORT", 8000),
        login_max_failures=_int(env, "KINERJA_LOGIN_MAX_FAILURES", 5),
        login_window_seconds=_int(env, "KINERJA_LOGIN_WINDOW_SECONDS", 300),
        log_level=env.get("KINERJA_LOG_LEVEL", "INFO").upper(),
        timezone=_timezone(env.get("KINERJA_TIMEZONE") or "Asia/Jakarta"),
        response_cache_size=_int(env, "KINERJA_RESPONSE_CACHE_SIZE", 512, minimum=0),
        limits=limits,
        storage_dir=Path(env.get("KINERJA_STORAGE_DIR") or default_storage_dir()),
        max_upload_bytes=_int(env, "KINERJA_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
        upload_types=_upload_types(env.get("KINERJA_UPLOAD_TYPES")),
        metrics_token=_secret(env, "KINERJA_METRICS_TOKEN", 16),
        require_client_app=_bool(env, "KINERJA_REQUIRE_CLIENT_APP", False),
        view_max_rows=_int(env, "KINERJA_VIEW_MAX_ROWS", 100_000),
        usage_flush_seconds=_int(env, "KINERJA_USAGE_FLUSH_SECONDS", 10),
        fairness_min_ratees=_int(env, "KINERJA_FAIRNESS_MIN_RATEES", 5),
        oversight_min_cell=_int(env, "KINERJA_OVERSIGHT_MIN_CELL", 3),
        document_place=(env.get("KINERJA_DOCUMENT_PLACE") or "").strip()[:100],
    )
