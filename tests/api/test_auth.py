"""Authentication and tenant selection: login, throttling, tokens (HS256 and OIDC RS256), `me`."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import jwt
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric import rsa

from kinerja.accounts.login import login
from kinerja.accounts.repository import UserRepository
from kinerja.app import Services, create_app
from kinerja.auth.tokens import issue_token
from kinerja.config import DEFAULT_SECRET, ConfigError, Settings, load_settings
from kinerja.errors import KinerjaError
from kinerja.models import CasbinRule, Tenant, User
from tests.conftest import SCHEMA, TEST_SETTINGS
from tests.support.api import Api, gid
from tests.support.world import PASSWORD

LOGIN = ("mutation($u:String!,$p:String!){login(username:$u,password:$p)"
         "{token expiresAt user{username} errors{code field message}}}")
ME = ("{me{user{username} tenants{slug} tenant{slug} roles platformRoles employeeId"
      " permissions{resource action scope}}}")
EMPLOYEES = "{employees{totalCount nodes{name}}}"


@contextlib.asynccontextmanager
async def app_client(db, world, **overrides) -> AsyncIterator[Api]:
    """An API client over an app with its own Settings (like the conftest `services` fixture)."""
    settings = dataclasses.replace(TEST_SETTINGS, **overrides)
    services = Services(settings, db, schema=SCHEMA)
    app = create_app(services=services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://kinerja.test") as http:
        yield Api(http, world)


async def _login(api, username, password):
    return (await api.gql(LOGIN, {"u": username, "p": password})).ok()["login"]


# --- login ------------------------------------------------------------------------------------

async def test_login_returns_a_working_token_and_its_expiry(api):
    started = datetime.now(UTC)
    result = await _login(api, "  HR.Alpha ", PASSWORD)
    assert result["errors"] == [] and result["user"] == {"username": "hr.alpha"}
    expires = datetime.fromisoformat(result["expiresAt"])
    ttl = timedelta(seconds=TEST_SETTINGS.token_ttl_seconds)
    assert started + ttl - timedelta(seconds=5) <= expires <= datetime.now(UTC) + ttl
    me = (await api.gql(ME, token=result["token"])).ok()["me"]
    assert me["user"]["username"] == "hr.alpha" and me["tenant"] == {"slug": "alpha"}


async def test_unknown_user_wrong_password_and_disabled_user_look_the_same(api, db, world):
    async with db.unit_of_work(platform=True) as session:
        await session.execute(sa.update(User).where(User.username == "staff.alpha")
                               .values(disabled=True))
    answers = [await _login(api, "hr.alpha", "wrong-password"),
               await _login(api, "nobody.at.all", "wrong-password"),
               await _login(api, "staff.alpha", PASSWORD)]
    expected = {"token": None, "expiresAt": None, "user": None, "errors": [
        {"code": "INVALID_CREDENTIALS", "field": None, "message": "Wrong username or password."}]}
    assert answers == [expected] * 3


async def test_a_disabled_users_token_stops_working(api, db, world):
    token = world.token("staff.alpha")
    assert (await api.gql(ME, token=token)).ok()
    async with db.unit_of_work(platform=True) as session:
        await session.execute(sa.update(User).where(User.username == "staff.alpha")
                              .values(disabled=True))
    result = await api.gql(ME, token=token)
    assert result.status == 401 and result.codes == ["UNAUTHENTICATED"]
    assert result.errors[0]["extensions"]["reason"] == "TOKEN_UNKNOWN_USER"


async def test_repeated_failures_are_throttled_per_username(db, world):
    async with app_client(db, world, login_max_failures=3, login_window_seconds=300) as api:
        for _ in range(3):
            assert (await _login(api, "hr.alpha", "wrong-password"))["errors"][0]["code"] == (
                "INVALID_CREDENTIALS")
        blocked = await _login(api, "hr.alpha", PASSWORD)  # even the right password
        assert blocked["token"] is None
        assert [e["code"] for e in blocked["errors"]] == ["TOO_MANY_ATTEMPTS"]
        assert "seconds" in blocked["errors"][0]["message"]
        assert (await _login(api, "admin.alpha", PASSWORD))["token"]  # others unaffected
        for _ in range(3):  # unknown names are throttled alike (no user enumeration)
            await _login(api, "ghost", "wrong-password")
        assert (await _login(api, "ghost", "x"))["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"


async def test_throttle_recovers_after_the_window_and_success_resets_it(db, world):
    settings = dataclasses.replace(TEST_SETTINGS, login_max_failures=3, login_window_seconds=60)
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    async def attempt(password, seconds) -> str:
        """Like the mutation: a refusal is an answer, and the failure count is committed."""
        async with db.unit_of_work(platform=True) as session:
            try:
                await login(UserRepository(session), settings, "hr.alpha", password,
                            now=start + timedelta(seconds=seconds))
            except KinerjaError as exc:
                return exc.code
            return "OK"

    assert [await attempt("wrong-password", i) for i in range(3)] == ["INVALID_CREDENTIALS"] * 3
    assert await attempt(PASSWORD, 59) == "TOO_MANY_ATTEMPTS"
    assert await attempt(PASSWORD, 62) == "OK"
    # the success cleared the counter: two new failures do not block
    refused = [await attempt("wrong-password", 70 + i) for i in range(2)]
    assert refused == ["INVALID_CREDENTIALS"] * 2
    assert await attempt(PASSWORD, 75) == "OK"


# --- tokens -----------------------------------------------------------------------------------

async def test_expired_malformed_and_foreign_tokens_are_unauthenticated(api, world):
    uid = world.user_id("hr.alpha")
    expired = issue_token(TEST_SETTINGS, uid, now=datetime.now(UTC) - timedelta(hours=2)).token
    foreign = issue_token(dataclasses.replace(TEST_SETTINGS, secret_key="x" * 40), uid).token
    unsigned = jwt.encode({"sub": str(uid), "iss": "kinerja", "aud": "kinerja-api",
                           "exp": int(time.time()) + 60}, key=None, algorithm="none")
    cases = {expired: "TOKEN_EXPIRED", foreign: "TOKEN_INVALID", unsigned: "TOKEN_INVALID",
             "garbage": "TOKEN_INVALID", world.token("hr.alpha")[:-3] + "abc": "TOKEN_INVALID"}
    for token, reason in cases.items():
        result = await api.gql(ME, token=token)
        assert result.status == 401 and result.codes == ["UNAUTHENTICATED"], token
        assert result.errors[0]["extensions"]["reason"] == reason, token
        assert "data" not in result.body


async def test_local_token_lifetime_follows_the_setting(db, world):
    async with app_client(db, world, token_ttl_seconds=30) as api:
        result = await _login(api, "hr.alpha", PASSWORD)
    claims = jwt.decode(result["token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 30


# --- me and tenant selection ------------------------------------------------------------------

async def test_me_lists_tenants_roles_and_effective_permissions(api, world):
    me = (await api.gql(ME, user="hr.alpha")).ok()["me"]
    assert me["tenants"] == [{"slug": "alpha"}] and me["tenant"] == {"slug": "alpha"}
    assert me["roles"] == ["hr"] and me["platformRoles"] == [] and me["employeeId"] is None
    permissions = {(p["resource"], p["action"]): p["scope"] for p in me["permissions"]}
    assert permissions[("employee", "write")] == "TENANT"
    assert ("role", "write") not in permissions
    staff = (await api.gql(ME, user="staff.alpha")).ok()["me"]
    assert staff["employeeId"] == gid("Employee", world.employee_id("alpha", "staff"))
    assert {(p["resource"], p["scope"]) for p in staff["permissions"]
            if p["action"] == "read"} >= {("employee", "OWN")}
    root = (await api.gql(ME, user="platform.root")).ok()["me"]
    assert root["platformRoles"] == ["platform_admin"]
    assert root["tenants"] == [] and root["tenant"] is None and root["permissions"] == []


async def _add_membership(db, services, world, username, role, slug):
    async with db.unit_of_work(platform=True) as session:
        session.add(CasbinRule(ptype="g", v0=str(world.user_id(username)), v1=role,
                               v2=str(world.tenant_id(slug))))
    services.policies.invalidate()


async def test_several_memberships_need_an_explicit_tenant(api, db, services, world):
    await _add_membership(db, services, world, "hr.alpha", "staff", "beta")
    me = (await api.gql(ME, user="hr.alpha")).ok()["me"]
    assert me["tenant"] is None and me["roles"] == [] and me["permissions"] == []
    assert sorted(t["slug"] for t in me["tenants"]) == ["alpha", "beta"]
    result = await api.gql(EMPLOYEES, user="hr.alpha")
    assert result.codes == ["TENANT_REQUIRED"] and result.data is None
    in_beta = (await api.gql(ME, user="hr.alpha", tenant="BETA")).ok()["me"]
    assert in_beta["tenant"] == {"slug": "beta"} and in_beta["roles"] == ["staff"]
    employees = (await api.gql(EMPLOYEES, user="hr.alpha", tenant="beta")).ok()["employees"]
    assert employees["totalCount"] == 0  # staff scope: own record, and hr.alpha has none in beta
    in_alpha = (await api.gql(EMPLOYEES, user="hr.alpha", tenant="alpha")).ok()["employees"]
    assert in_alpha["totalCount"] == 5


async def test_unknown_inactive_and_foreign_tenants_are_refused_alike(api, db, services, world):
    await _add_membership(db, services, world, "hr.alpha", "hr", "beta")
    async with db.unit_of_work(platform=True) as session:
        await session.execute(sa.update(Tenant).where(Tenant.slug == "beta").values(active=False))
        session.add(Tenant(slug="gamma", name="Dinas Gamma", kind="DINAS"))
    answers = [await api.gql(ME, user="hr.alpha", tenant=slug)
               for slug in ("nowhere", "beta", "gamma")]
    for result in answers:
        assert result.status == 403 and result.codes == ["TENANT_NOT_ALLOWED"]
    assert answers[0].body == answers[1].body == answers[2].body
    # the inactive membership is simply not offered; the single active one is chosen
    me = (await api.gql(ME, user="hr.alpha")).ok()["me"]
    assert me["tenant"] in ({"slug": "alpha"}, None)


async def test_single_inactive_membership_gives_no_tenant(api, db, world):
    async with db.unit_of_work(platform=True) as session:
        await session.execute(sa.update(Tenant).where(Tenant.slug == "alpha").values(active=False))
    me = (await api.gql(ME, user="hr.alpha")).ok()["me"]
    assert me["tenant"] is None
    assert (await api.gql(EMPLOYEES, user="hr.alpha")).codes == ["TENANT_REQUIRED"]


async def test_anonymous_with_a_tenant_header_is_unauthenticated(api):
    result = await api.gql(EMPLOYEES, tenant="alpha")
    assert result.status == 401 and result.codes == ["UNAUTHENTICATED"]
    result = await api.gql(ME)
    assert result.codes == ["UNAUTHENTICATED"] and result.data is None


# --- OIDC (RS256 via JWKS) -------------------------------------------------------------------

ISSUER, AUDIENCE = "https://id.kinerja.test/realms/pauh", "kinerja-api"


class _Jwks:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]})
        self.requests = 0

    def token(self, key=None, kid="k1", **claims) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 300,
                   "preferred_username": "HR.Alpha", **claims}
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture(scope="module")
def jwks():
    state = _Jwks()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests += 1
            data = state.body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


async def test_oidc_token_maps_to_the_local_user(db, world, jwks):
    async with app_client(db, world, oidc_issuer=ISSUER, oidc_audience=AUDIENCE,
                          oidc_jwks_url=jwks.url) as api:
        me = (await api.gql(ME, token=jwks.token())).ok()["me"]
        assert me["user"]["username"] == "hr.alpha" and me["roles"] == ["hr"]
        # local HS256 tokens keep working beside the provider's
        assert (await api.gql(ME, user="staff.alpha")).ok()["me"]["roles"] == ["staff"]
    assert jwks.requests >= 1


async def test_bad_oidc_tokens_are_unauthenticated(db, world, jwks):
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    past = int(time.time()) - 600
    cases = {
        "wrong audience": (jwks.token(aud="someone-else"), "TOKEN_INVALID"),
        "wrong issuer": (jwks.token(iss="https://evil.example"), "TOKEN_INVALID"),
        "expired": (jwks.token(iat=past - 300, exp=past), "TOKEN_EXPIRED"),
        "unknown kid": (jwks.token(kid="nope"), "TOKEN_INVALID"),
        "other key, same kid": (jwks.token(key=other_key), "TOKEN_INVALID"),
        "no username": (jwks.token(preferred_username=None), "TOKEN_INVALID"),
        "unknown user": (jwks.token(preferred_username="stranger"), "TOKEN_UNKNOWN_USER"),
    }
    async with app_client(db, world, oidc_issuer=ISSUER, oidc_audience=AUDIENCE,
                          oidc_jwks_url=jwks.url) as api:
        for label, (token, reason) in cases.items():
            result = await api.gql(ME, token=token)
            assert result.status == 401 and result.codes == ["UNAUTHENTICATED"], label
            assert result.errors[0]["extensions"]["reason"] == reason, label


async def test_rs256_tokens_are_refused_without_oidc_configuration(api, jwks):
    result = await api.gql(ME, token=jwks.token())
    assert result.status == 401 and result.errors[0]["extensions"]["reason"] == "TOKEN_INVALID"


# --- production configuration -----------------------------------------------------------------

def test_production_refuses_the_default_or_a_short_secret():
    with pytest.raises(ConfigError, match="KINERJA_SECRET_KEY"):
        Settings(environment="production").check_startable()
    with pytest.raises(ConfigError, match="KINERJA_SECRET_KEY"):
        load_settings({"KINERJA_ENV": "production"}).check_startable()
    with pytest.raises(ConfigError, match="at least 32"):
        Settings(environment="production", secret_key="short-secret").check_startable()
    with pytest.raises(ConfigError):
        create_app(Settings(environment="production", secret_key=DEFAULT_SECRET))
    Settings(environment="production", secret_key="p" * 40).check_startable()
    Settings(environment="development").check_startable()  # the default is fine locally


def test_oidc_needs_issuer_and_audience():
    with pytest.raises(ConfigError, match="OIDC"):
        Settings(oidc_jwks_url="http://127.0.0.1:1/jwks").check_startable()


async def test_the_azp_claim_names_the_client_app(db, world, jwks):
    """An OIDC token issued to a Kinerja client app (its `azp`) is attributed to that app; an
    identity provider's own client id there is ignored; an app of another agency is refused."""
    register = ("mutation($n:String!){registerClientApp(input:{name:$n,kind:WEB}){"
                "app{clientId}}}")
    audit = "{auditEvents(first:1){nodes{action actorClientId}}}"
    async with app_client(db, world, oidc_issuer=ISSUER, oidc_audience=AUDIENCE,
                          oidc_jwks_url=jwks.url) as api:
        portal = (await api.gql(register, {"n": "Portal"}, user="admin.alpha")).ok()
        client_id = portal["registerClientApp"]["app"]["clientId"]
        admin = jwks.token(preferred_username="admin.alpha", azp=client_id)
        made = (await api.gql(register, {"n": "Kedua"}, token=admin)).ok()
        assert made["registerClientApp"]["app"]["clientId"]
        event = (await api.gql(audit, user="admin.alpha")).ok()["auditEvents"]["nodes"][0]
        assert event == {"action": "client_app.create", "actorClientId": client_id}
        foreign = (await api.gql(register, {"n": "Beta"}, user="admin.beta")).ok()
        beta_client = foreign["registerClientApp"]["app"]["clientId"]
        refused = await api.gql(ME, token=jwks.token(azp=beta_client))
        assert refused.status == 403 and refused.codes == ["CLIENT_UNKNOWN"]
        ignored = await api.gql(ME, token=jwks.token(azp="kinerja-web"))
        assert ignored.ok()["me"]["user"]["username"] == "hr.alpha"
