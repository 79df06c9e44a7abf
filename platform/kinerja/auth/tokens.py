"""Access tokens: HS256 signed by us, or RS256 from an OIDC provider verified via its JWKS."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from ..config import Settings

ISSUER = "kinerja"
AUDIENCE = "kinerja-api"


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime


APP_SUBJECT = "app:"


@dataclass(frozen=True)
class TokenClaims:
    """Verified claims: our user id, or an external username to map to a local user, or (an
    app token from the client-credentials grant) the app and its agency. `client_id` is the
    app a user's token was issued to (the OIDC `azp` claim), or the app of an app token."""

    user_id: uuid.UUID | None
    external_username: str | None
    source: str
    client_id: str | None = None
    app_id: uuid.UUID | None = None
    app_tenant_id: uuid.UUID | None = None


class TokenError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def issue_token(settings: Settings, user_id: uuid.UUID, now: datetime | None = None) -> IssuedToken:
    now = now or datetime.now(UTC)
    expires = now + timedelta(seconds=settings.token_ttl_seconds)
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(user_id),
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(payload, settings.secret_key, algorithm="HS256")
    return IssuedToken(token=token, expires_at=expires.replace(microsecond=0))


def issue_app_token(settings: Settings, app_id: uuid.UUID, tenant_id: uuid.UUID, client_id: str,
                    now: datetime | None = None) -> IssuedToken:
    """A short-lived token whose principal is the app in one agency (RFC 6749 §4.4)."""
    now = now or datetime.now(UTC)
    expires = now + timedelta(seconds=settings.app_token_ttl_seconds)
    payload = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": f"{APP_SUBJECT}{app_id}", "tid": str(tenant_id),
        "client_id": client_id, "iat": int(now.timestamp()), "exp": int(expires.timestamp()),
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(payload, settings.secret_key, algorithm="HS256")
    return IssuedToken(token=token, expires_at=expires.replace(microsecond=0))


class TokenVerifier:
    """Verifies bearer tokens; the JWKS client caches the provider's keys."""

    CACHE_SIZE = 10_000

    def __init__(self, settings: Settings):
        self.settings = settings
        self._jwks = (
            jwt.PyJWKClient(settings.oidc_jwks_url, cache_keys=True, lifespan=300)
            if settings.oidc_jwks_url
            else None
        )
        self._verified: dict[str, tuple[TokenClaims, float]] = {}

    def verify(self, token: str) -> TokenClaims:
        """Verified claims; a token already verified is answered from memory until it expires.

        Clients send the same token on every request and full verification dominates the
        cost of a small request. Only successful verifications are remembered, keyed by the
        whole token string, and each entry is dropped at the token's own expiry.
        """
        cached = self._verified.get(token)
        if cached is not None:
            claims, expires = cached
            if time.time() < expires:
                return claims
            del self._verified[token]
        claims, expires = self._verify_uncached(token)
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = (claims, expires)
        return claims

    def _verify_uncached(self, token: str) -> tuple[TokenClaims, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("TOKEN_INVALID") from exc
        alg = header.get("alg")
        if alg == "HS256":
            return self._verify_local(token)
        if alg == "RS256" and self._jwks is not None:
            return self._verify_oidc(token)
        raise TokenError("TOKEN_INVALID")

    def _verify_local(self, token: str) -> tuple[TokenClaims, float]:
        try:
            claims = jwt.decode(
                token,
                self.settings.secret_key,
                algorithms=["HS256"],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
            return _local_claims(claims), float(claims["exp"])
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("TOKEN_EXPIRED") from exc
        except (jwt.PyJWTError, ValueError) as exc:
            raise TokenError("TOKEN_INVALID") from exc

    def _verify_oidc(self, token: str) -> tuple[TokenClaims, float]:
        assert self._jwks is not None
        try:
            key = self._jwks.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self.settings.oidc_audience,
                issuer=self.settings.oidc_issuer,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("TOKEN_EXPIRED") from exc
        except jwt.PyJWKClientError as exc:
            raise TokenError("TOKEN_INVALID") from exc
        except jwt.PyJWTError as exc:
            raise TokenError("TOKEN_INVALID") from exc
        username = claims.get(self.settings.oidc_username_claim)
        if not isinstance(username, str) or not username:
            raise TokenError("TOKEN_INVALID")
        azp = claims.get("azp")
        return (TokenClaims(None, username.lower(), "oidc",
                            client_id=azp if isinstance(azp, str) and azp else None),
                float(claims["exp"]))


def _local_claims(claims: dict[str, Any]) -> TokenClaims:
    """A user token (`sub` = user id) or an app token (`sub` = app:<id>, `tid`, `client_id`);
    malformed values raise ValueError (TOKEN_INVALID)."""
    subject = claims["sub"]
    if not isinstance(subject, str):
        raise ValueError("sub")
    if not subject.startswith(APP_SUBJECT):
        return TokenClaims(uuid.UUID(subject), None, "local")
    client_id = claims.get("client_id")
    if not isinstance(client_id, str) or not isinstance(claims.get("tid"), str):
        raise ValueError("app token claims")
    return TokenClaims(None, None, "client_credentials", client_id=client_id,
                       app_id=uuid.UUID(subject[len(APP_SUBJECT):]),
                       app_tenant_id=uuid.UUID(claims["tid"]))
