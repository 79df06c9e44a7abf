"""Access tokens: HS256 signed by us, or RS256 from an OIDC provider verified via its JWKS."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from ..config import Settings

ISSUER = "kinerja"
AUDIENCE = "kinerja-api"


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class TokenClaims:
    """Verified claims: either our user id, or an external username to map to a local user."""

    user_id: uuid.UUID | None
    external_username: str | None
    source: str


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
            return TokenClaims(uuid.UUID(claims["sub"]), None, "local"), float(claims["exp"])
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
        return TokenClaims(None, username.lower(), "oidc"), float(claims["exp"])
