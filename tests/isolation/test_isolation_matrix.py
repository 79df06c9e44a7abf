"""Every case x every role: own tenant succeeds or is FORBIDDEN, the foreign tenant is never
read or changed, anonymous callers are UNAUTHENTICATED (see tests/isolation/__init__.py).

One test per case (both backends); each call runs in a SAVEPOINT that is rolled back, so
mutations of one role never affect the next, and beta is compared before and after each call
that may have written anything (`WriteWatch`): a call that wrote nothing cannot have changed it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
import pytest

from tests.conftest import SCHEMA
from tests.isolation import (
    ROLES,
    WriteWatch,
    diff_snapshots,
    load_cases,
    snapshot_all,
    snapshot_tenant,
)
from tests.support.api import Result, gid
from tests.support.world import build_world

CASES = load_cases()

# Root fields that need no matrix case, and why.
NOT_IN_MATRIX = {
    "login": "public; covered by tests/api/test_auth.py",
    "enumLabels": "public labels of the schema's enums, the same in every agency (no tenant "
                  "data); covered by tests/api/test_enum_labels.py",
    "createTenant": "platform-only; test_platform_tenant_mutations below",
    "updateTenant": "platform-only; test_platform_tenant_mutations below",
    "deactivateTenant": "platform-only; test_platform_tenant_mutations below",
    "platformApps": "platform-only; test_platform_app_fields below",
    "registerPlatformApp": "platform-only; test_platform_app_fields below",
    "updatePlatformApp": "platform-only; test_platform_app_fields below",
    "rotatePlatformAppSecret": "platform-only; test_platform_app_fields below",
    "publishPlatformDocuments": "platform-only; test_platform_app_fields below",
    "createOversightGroup": "platform-only; test_oversight_groups below",
    "setOversightMembers": "platform-only; test_oversight_groups below",
    "setOverseers": "platform-only; test_oversight_groups below",
}


def beta_markers(world) -> set[str]:
    """Strings that only beta's data contains: names, usernames, IDs (raw and global)."""
    loaded = world.loaded
    markers = {"Dinas Beta", str(world.tenant_id("beta")), gid("Tenant", world.tenant_id("beta"))}
    tenant = next(t for t in build_world().tenants if t.slug == "beta")
    markers |= {e.name for e in tenant.employees} | {u.name for u in tenant.units}
    markers |= {u.username for u in tenant.users}
    for kind, ids in (("Employee", loaded.employee_ids), ("OrgUnit", loaded.unit_ids),
                      ("Position", loaded.position_ids)):
        for (slug, _key), raw in ids.items():
            if slug == "beta":
                markers |= {str(raw), gid(kind, raw)}
    for user in tenant.users:
        raw = world.user_id(user.username)
        markers |= {str(raw), gid("User", raw)}
    return markers


def _payload_codes(data: Any) -> list[str]:
    """Codes of mutation payload errors (`{..., errors: [{code}]}` under the root field)."""
    codes: list[str] = []
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, dict) and isinstance(value.get("errors"), list):
                codes += [e.get("code") for e in value["errors"] if isinstance(e, dict)]
    return codes


def _is_mutation(operation: str) -> bool:
    return operation.lstrip().startswith("mutation")


class Matrix:
    def __init__(self, api, db, services, world, case, writes: WriteWatch):
        self.api, self.db, self.services, self.world, self.case = api, db, services, world, case
        self.writes = writes
        self.markers = beta_markers(world)
        self.failures: list[str] = []
        self.snapshots = 0

    def fail(self, role: str, tenant: str, text: str) -> None:
        text = text if len(text) <= 600 else text[:600] + "..."
        self.failures.append(f"[{self.case['id']}] {role} with {tenant} IDs: {text}")

    async def isolated(self, call: Callable[[], Awaitable[Result]],
                       inspect: Callable[[Result, bool], Awaitable[None]]) -> None:
        """Run one call in a SAVEPOINT, inspect the answer and (if the call may have written)
        the database, then roll the call back."""
        generation = self.services.policies.generation
        savepoint = await self.db.bind.begin_nested()
        try:
            await self.writes.start()
            result = await call()
            await inspect(result, await self.writes.wrote())
        finally:
            await savepoint.rollback()
            if self.services.policies.generation != generation:
                self.services.policies.invalidate()

    def check_no_beta_data(self, role: str, tenant: str, variables: dict, result: Result) -> None:
        sent = orjson.dumps(variables).decode()
        body = orjson.dumps(result.body).decode()
        leaked = sorted(m for m in self.markers if m in body and m not in sent)
        if leaked:
            self.fail(role, tenant, f"beta data in the answer: {leaked[:3]} in {body[:300]}")

    def check_status(self, role: str, tenant: str, result: Result) -> None:
        if result.status >= 500 or "INTERNAL_SERVER_ERROR" in result.codes:
            self.fail(role, tenant, f"server error {result.status} {result.body}")

    async def check_beta_unchanged(self, role: str, tenant: str, baseline: dict) -> None:
        self.snapshots += 1
        changed = diff_snapshots(baseline, await snapshot_tenant(self.db,
                                                                 self.world.tenant_id("beta")))
        if changed:
            self.fail(role, tenant, f"beta changed: {changed}")


async def _own(m: Matrix, role: str, baseline: dict) -> None:
    case, tenant = m.case, "alpha"
    variables = case["variables"](m.world, tenant)

    async def inspect(result: Result, wrote: bool) -> None:
        m.check_status(role, tenant, result)
        m.check_no_beta_data(role, tenant, variables, result)
        if role in case["allowed_roles"]:
            if result.status != 200 or result.errors or _payload_codes(result.data):
                m.fail(role, tenant, f"allowed role failed: {result.status} {result.body}")
            elif (result.data or {}).get(case["field"]) is None and not case.get("nullable"):
                m.fail(role, tenant, f"no data for {case['field']}: {result.body}")
        elif len(result.codes) != 1 or result.codes[0] not in case.get("denied_codes",
                                                                        ["FORBIDDEN"]):
            m.fail(role, tenant, f"expected FORBIDDEN, got {result.status} {result.body}")
        if wrote:  # a mutation, or a query that writes (e.g. an audited read)
            await m.check_beta_unchanged(role, tenant, baseline)

    await m.isolated(lambda: m.api.gql(case["operation"], variables, user=f"{role}.alpha",
                                       tenant="alpha"), inspect)


async def _foreign(m: Matrix, role: str, baseline: dict) -> None:
    case, tenant = m.case, "beta"
    variables = case["variables"](m.world, tenant)
    accepted = set(case["foreign_ok_codes"])
    may_succeed = not accepted or "OK" in accepted

    async def inspect(result: Result, wrote: bool) -> None:
        m.check_status(role, tenant, result)
        m.check_no_beta_data(role, tenant, variables, result)
        codes = result.codes + _payload_codes(result.data)
        if role not in case["allowed_roles"]:
            accepted_here = accepted | {"FORBIDDEN"}
            if not result.codes or not set(codes) <= accepted_here:
                m.fail(role, tenant, f"expected FORBIDDEN, got {result.status} {result.body}")
        elif not codes and not may_succeed:
            m.fail(role, tenant, f"succeeded with foreign IDs: {result.body}")
        elif not set(codes) <= accepted:
            m.fail(role, tenant, f"codes {codes} not in {sorted(accepted)}: {result.body}")
        if wrote:
            await m.check_beta_unchanged(role, tenant, baseline)

    await m.isolated(lambda: m.api.gql(case["operation"], variables, user=f"{role}.alpha",
                                       tenant="alpha"), inspect)


async def _anonymous(m: Matrix, with_tenant_header: bool) -> None:
    variables = m.case["variables"](m.world, "alpha")
    label = "anonymous" + (" (X-Tenant alpha)" if with_tenant_header else "")

    async def inspect(result: Result, wrote: bool) -> None:
        m.check_status(label, "alpha", result)
        if result.codes != ["UNAUTHENTICATED"] or (result.data or {}).get(m.case["field"]):
            m.fail(label, "alpha", f"expected UNAUTHENTICATED, got {result.status} {result.body}")

    await m.isolated(lambda: m.api.gql(m.case["operation"], variables,
                                       tenant="alpha" if with_tenant_header else None), inspect)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_isolation_matrix(case, api, db, services, world):
    writes = WriteWatch(db)
    try:
        m = Matrix(api, db, services, world, case, writes)
        if case.get("setup"):
            await case["setup"](db, services, world)
        baseline = await snapshot_tenant(db, world.tenant_id("beta"))
        assert all(baseline[t] for t in ("employee", "org_unit", "position", "reporting_line"))
        for role in ROLES:
            await _own(m, role, baseline)
            await _foreign(m, role, baseline)
        await _anonymous(m, with_tenant_header=False)
        await _anonymous(m, with_tenant_header=True)
    finally:
        writes.close()
    assert not m.failures, "\n".join(m.failures)


def test_every_root_field_has_an_isolation_case():
    schema = SCHEMA._schema
    fields = {f"Query.{n}" for n in schema.query_type.fields}
    fields |= {f"Mutation.{n}" for n in schema.mutation_type.fields}
    covered = {c["field"] for c in CASES} | set(NOT_IN_MATRIX)
    missing = sorted(f for f in fields if f.split(".", 1)[1] not in covered)
    assert not missing, f"root fields without an isolation case: {', '.join(missing)}"
    stale = sorted(set(NOT_IN_MATRIX) - {f.split(".", 1)[1] for f in fields})
    assert not stale, f"allow-list names fields the schema lacks: {stale}"
    unknown = sorted({c["field"] for c in CASES} - {f.split(".", 1)[1] for f in fields})
    assert not unknown, f"cases for fields the schema lacks: {unknown}"


TENANT_FIELDS = "tenant{id slug name active parentId} errors{field code message}"
CREATE_TENANT = ("mutation($i:CreateTenantInput!){createTenant(input:$i){" + TENANT_FIELDS + "}}")
UPDATE_TENANT = ("mutation($i:UpdateTenantInput!){updateTenant(input:$i){" + TENANT_FIELDS + "}}")
DEACTIVATE_TENANT = ("mutation($id:ID!){deactivateTenant(id:$id){" + TENANT_FIELDS + "}}")


def _tenant_calls(world) -> list[tuple[str, str, dict]]:
    beta = gid("Tenant", world.tenant_id("beta"))
    alpha = gid("Tenant", world.tenant_id("alpha"))
    return [
        ("createTenant", CREATE_TENANT,
         {"i": {"slug": "gamma", "name": "Dinas Gamma", "kind": "DINAS", "parentId": alpha}}),
        ("updateTenant", UPDATE_TENANT, {"i": {"id": beta, "name": "Dinas Beta Baru"}}),
        ("updateTenant", UPDATE_TENANT, {"i": {"id": alpha, "name": "Dinas Alpha Baru"}}),
        ("deactivateTenant", DEACTIVATE_TENANT, {"id": beta}),
    ]


async def platform_only_failures(api, db, calls, succeeded) -> list[str]:
    """Each call works for platform.root (`succeeded(answer)`, then rolled back) and is
    FORBIDDEN for every tenant role in any tenant (UNAUTHENTICATED anonymously), changing
    nothing."""
    failures: list[str] = []
    for field, operation, variables in calls:
        savepoint = await db.bind.begin_nested()
        try:
            result = await api.gql(operation, variables, user="platform.root")
            answer = (result.data or {}).get(field)
            if result.errors or not answer or not succeeded(answer):
                failures.append(f"platform.root {field}: {result.body}")
        finally:
            await savepoint.rollback()
        before = await snapshot_all(db)
        callers = [(f"{role}.{slug}", slug) for role in ROLES for slug in ("alpha", "beta")]
        for user, slug in [*callers, (None, None)]:
            result = await api.gql(operation, variables, user=user, tenant=slug)
            expected = ["FORBIDDEN"] if user else ["UNAUTHENTICATED"]
            if result.codes != expected or (result.data or {}).get(field):
                who = user or "anonymous"
                failures.append(f"{who} {field}: expected {expected}: {result.body}")
        changed = diff_snapshots(before, await snapshot_all(db))
        if changed:
            failures.append(f"{field} by tenant roles changed the database: {changed}")
    return failures


async def test_platform_tenant_mutations_only_for_platform_admins(api, db, services, world):
    """platform.root may create and change agencies; no tenant role may, in any tenant."""
    failures = await platform_only_failures(
        api, db, _tenant_calls(world),
        lambda answer: not answer.get("errors") and answer.get("tenant"))
    assert not failures, "\n".join(failures)


PLATFORM_APP_CALLS = [
    ("platformApps", "{platformApps{id name clientId}}", {}),
    ("registerPlatformApp", "mutation{registerPlatformApp(input:{name:\"Baru\",kind:SERVICE})"
                            "{clientSecret app{id} errors{field code}}}", {}),
    ("updatePlatformApp", "mutation($id:ID!){updatePlatformApp(id:$id,disabled:true)"
                          "{app{id disabled} errors{field code}}}", None),
    ("rotatePlatformAppSecret", "mutation($id:ID!){rotatePlatformAppSecret(id:$id)"
                                "{clientSecret app{id} errors{field code}}}", None),
    ("publishPlatformDocuments", "mutation($id:ID!,$m:JSON!){publishPlatformDocuments("
                                 "platformAppId:$id,manifest:$m){published errors{code}}}",
     "manifest"),
]


async def test_platform_app_fields_only_for_platform_admins(api, db, services, world):
    """platform.root reads and changes platform apps; no tenant role may, in any tenant."""
    from tests.isolation.cases_clients import MANIFEST, PLATFORM_APP_ID, with_apps

    await with_apps(db, services, world)
    target = {"id": gid("PlatformApp", PLATFORM_APP_ID)}
    calls = [(field, operation, {**target, "m": MANIFEST} if variables == "manifest"
              else target if variables is None else variables)
             for field, operation, variables in PLATFORM_APP_CALLS]
    failures = await platform_only_failures(
        api, db, calls, lambda answer: not (isinstance(answer, dict) and answer["errors"]))
    assert not failures, "\n".join(failures)


async def test_oversight_groups_only_for_platform_admins(api, db, services, world):
    """platform.root defines oversight groups; no tenant role may, in any tenant."""
    from tests.isolation.cases_oversight import GROUP_ID, with_group

    await with_group(db, services, world)
    target = gid("OversightGroup", GROUP_ID)
    calls = [("createOversightGroup", "mutation{createOversightGroup(slug:\"baru\",name:"
              "\"Baru\"){group{id} errors{code}}}", {}),
             ("setOversightMembers", "mutation($g:ID!){setOversightMembers(groupId:$g,"
              "tenantSlugs:[\"alpha\"]){group{id} errors{code}}}", {"g": target}),
             ("setOverseers", "mutation($g:ID!){setOverseers(groupId:$g,usernames:"
              "[\"staff.alpha\"]){group{id} errors{code}}}", {"g": target})]
    failures = await platform_only_failures(
        api, db, calls, lambda answer: not answer["errors"] and answer["group"])
    assert not failures, "\n".join(failures)
