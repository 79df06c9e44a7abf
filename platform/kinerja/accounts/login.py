"""Password login with a shared failure throttle.

Unknown user, wrong password and disabled account give the same error (and cost the same
argon2 verification). After `login_max_failures` failures within `login_window_seconds`
the username is refused until the window has passed, whatever the password.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..auth.passwords import verify_password
from ..auth.tokens import IssuedToken, issue_token
from ..config import Settings
from ..errors import KinerjaError, RateLimited
from .repository import UserRepository


class InvalidCredentials(KinerjaError):
    code = "INVALID_CREDENTIALS"


async def login(repo: UserRepository, settings: Settings, username: str, password: str,
                now: datetime | None = None) -> IssuedToken:
    now = now or datetime.now(UTC)
    name = username.strip().lower()[:100]
    throttle = await repo.throttle(name, now)  # locked: attempts for one name take turns
    if throttle.failures >= settings.login_max_failures:
        elapsed = (now - throttle.window_started_at).total_seconds()
        if elapsed <= settings.login_window_seconds:
            raise RateLimited(seconds=int(settings.login_window_seconds - elapsed) + 1)
    row = await repo.credentials(name)
    ok = verify_password(row.password_hash if row else None, password)
    if not ok or row is None or row.disabled:
        await repo.record_failure(name, now, settings.login_window_seconds)
        raise InvalidCredentials()
    await repo.clear_failures(name)
    return issue_token(settings, row.id, now)
