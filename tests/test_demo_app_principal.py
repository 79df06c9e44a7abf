"""An app acting in its own name is nobody: on the Pauh demo, an app holding `admin` (every
permission at TENANT scope) still cannot act as the owner of an SKP whose employee has no
login, nor as a 360 reviewer, nor read "my" lists (USER_REQUIRED)."""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.auth.tokens import issue_app_token
from kinerja.authz.actor import app_subject
from kinerja.clients.credentials import ClientId
from kinerja.clients.rules import set_new_secret
from kinerja.graphql.relay import to_global_id
from kinerja.models import ClientApp, Employee, PerformanceResult, Skp
from kinerja.roles.repository import PolicyRepository

SAVE_SELF = ("mutation($s:ID!,$p:ID!){saveSelfAssessment(input:{skpId:$s,periodId:$p}){"
             "selfAssessment{status} errors{code}}}")


async def test_an_admin_app_is_not_the_owner_of_an_unlinked_skp(db, demo, client, settings,
                                                                 services):
    data, loaded = demo
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        async with db.session(tenant_id=tenant_id) as session:
            row = (await session.execute(
                sa.select(Skp.id, PerformanceResult.period_id)
                .join(Employee, Employee.id == Skp.employee_id)
                .join(PerformanceResult, PerformanceResult.skp_id == Skp.id)
                .where(Employee.user_id.is_(None)).limit(1))).first()
        if row is not None:
            break
    assert row is not None, "the demo has an SKP of an employee without a login"
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        app = ClientApp(tenant_id=tenant_id, name="Robot", kind="service")
        set_new_secret(app)
        session.add(app)
        await session.flush()
        policies = PolicyRepository(session)
        await policies.begin_change()
        await policies.add_grouping(app_subject(app.id), "admin", tenant_id)
    services.policies.invalidate()
    token = issue_app_token(settings, app.id, tenant_id, str(ClientId(app.id, tenant_id))).token
    headers = {"authorization": f"Bearer {token}"}
    saved = (await client.post("/graphql", json={"query": SAVE_SELF, "variables": {
        "s": to_global_id("Skp", row.id), "p": to_global_id("Period", row.period_id)}},
        headers=headers)).json()
    assert saved["errors"][0]["extensions"]["code"] in ("FORBIDDEN", "USER_REQUIRED"), saved
    for query in ("{ myReviewRequests { id } }", "{ myDataViews(first: 5) { totalCount } }"):
        answer = (await client.post("/graphql", json={"query": query}, headers=headers)).json()
        assert answer["errors"][0]["extensions"]["code"] == "USER_REQUIRED", (query, answer)
