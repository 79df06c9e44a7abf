"""A rater in the parent agency for the head of a child agency, on the Pauh demo: the Camat
(rater1.camat) rates each Lurah through a record and the narrow `parent_rater` role in the
kelurahan. He sees the Lurah's SKP and results and nothing else of the kelurahan; HR sets
such a record up with `createEmployee(fromParentAgency)` and `setReportingLine`. Both backends.
"""

from __future__ import annotations

import io

import pypdf
import sqlalchemy as sa

from kinerja.auth.tokens import issue_token
from kinerja.demo.pauh import PARENT_RATER_KEY
from kinerja.graphql.relay import to_global_id
from kinerja.models import Employee, Skp

KELURAHAN = "kel-cupak-tangah"
CAMAT = "rater1.camat"

EMPLOYEES = "{employees(first:50){nodes{name fromParentAgency unit{name}}}}"
CYCLES = "{cycles{id year}}"
SKPS = ("query($c:ID!){skps(cycleId:$c){nodes{id status employee{name} "
        "rater{name fromParentAgency}}}}")
RESULTS = ("query($c:ID!,$p:ID!){results(cycleId:$c,periodId:$p){nodes{id predikat "
           "ratingPerilaku employee{name}}}}")
PERIODS = "query($c:ID!){cycle(id:$c){periods{id kind number}}}"
CREATE = ("mutation($i:CreateEmployeeInput!){createEmployee(input:$i){employee{id "
          "fromParentAgency unit{id} position{id}} errors{field code}}}")
LINE = ("mutation($e:ID!,$r:ID!){setReportingLine(input:{employeeId:$e,raterId:$r,"
        "validFrom:\"2026-12-01\"}){reportingLine{id rater{name}} errors{field code}}}")
NIP = "198001012006041001"


class _Caller:
    def __init__(self, client, settings, loaded):
        self.client, self.settings, self.loaded = client, settings, loaded

    async def __call__(self, username, query, variables=None, tenant=KELURAHAN):
        token = issue_token(self.settings, self.loaded.user_ids[username]).token
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}},
            headers={"authorization": f"Bearer {token}", "x-tenant": tenant})
        assert response.status_code == 200, (username, tenant, response.text)
        return response.json()


def _code(answer) -> str:
    return answer["errors"][0]["extensions"]["code"]


async def test_the_camat_sees_the_lurah_s_skp_and_results_and_nothing_else(
        db, demo, client, settings):
    data, loaded = demo
    ask = _Caller(client, settings, loaded)
    tenant = data.tenant(KELURAHAN)
    lurah = next(e for e in tenant.employees if e.rater_key is None)
    official = tenant.parent_raters[0].official

    people = (await ask(CAMAT, EMPLOYEES))["data"]["employees"]["nodes"]
    assert sorted((p["name"], p["fromParentAgency"], p["unit"]) for p in people) == sorted([
        (lurah.name, False, {"name": "Kelurahan Cupak Tangah"}), (official.name, True, None)])

    cycle = (await ask(CAMAT, CYCLES))["data"]["cycles"][0]["id"]
    skps = (await ask(CAMAT, SKPS, {"c": cycle}))["data"]["skps"]["nodes"]
    assert [(s["employee"]["name"], s["status"], s["rater"]) for s in skps] == [
        (lurah.name, "APPROVED", {"name": official.name, "fromParentAgency": True})]
    periods = (await ask(CAMAT, PERIODS, {"c": cycle}))["data"]["cycle"]["periods"]
    q1 = next(p["id"] for p in periods if (p["kind"], p["number"]) == ("QUARTER", 1))
    results = (await ask(CAMAT, RESULTS, {"c": cycle, "p": q1}))["data"]["results"]["nodes"]
    assert [r["employee"]["name"] for r in results] == [lurah.name]
    assert results[0]["predikat"] and results[0]["ratingPerilaku"]
    # the evaluation document names him with his own agency where a unit would stand
    token = issue_token(settings, loaded.user_ids[CAMAT]).token
    pdf = await client.get(f"/documents/evaluation/{results[0]['id']}.pdf",
                           headers={"authorization": f"Bearer {token}", "x-tenant": KELURAHAN})
    text = " ".join(" ".join(p.extract_text() for p in
                             pypdf.PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert official.name in text and "Kantor Camat Pauh" in text and lurah.name in text

    # nothing else of the kelurahan: no units, positions, frameworks, training, 360, accounts
    for query in ("{orgUnits{id}}", "{positions{id}}", "{users{nodes{id}}}",
                  "{roles{name}}", "{trainingActivities{nodes{id}}}",
                  "{competencyFramework{competencies{code}}}", "{auditEvents{nodes{id}}}"):
        assert _code(await ask(CAMAT, query)) == "FORBIDDEN", query
    tenant_id = loaded.tenant_ids[KELURAHAN]
    async with db.session(tenant_id=tenant_id) as session:
        other = (await session.execute(
            sa.select(Skp.id).join(Employee, Employee.id == Skp.employee_id)
            .where(Employee.id != loaded.employee_ids[(KELURAHAN, lurah.key)]).limit(1))
        ).scalar_one()
    assert _code(await ask(CAMAT, "query($i:ID!){skp(id:$i){id}}",
                           {"i": to_global_id("Skp", other)})) == "NOT_FOUND"
    # and his own agency is untouched by it: there he is the Camat with his rater role
    own = await ask(CAMAT, "{me{roles}}", tenant="camat-pauh")
    assert own["data"]["me"]["roles"] == ["rater"]


async def test_hr_records_an_official_of_the_parent_agency_and_makes_them_the_rater(
        demo, client, settings):
    data, loaded = demo
    caller = _Caller(client, settings, loaded)

    async def ask(username, query, variables=None, tenant="kel-limau-manis"):
        return await caller(username, query, variables, tenant)

    tenant = data.tenant("kel-limau-manis")
    hr = next(u.username for u in tenant.users if "hr" in u.roles)
    lurah = loaded.employee_ids[("kel-limau-manis",
                                 next(e.key for e in tenant.employees if e.rater_key is None))]
    base = {"nip": NIP, "employeeType": "PNS", "name": "Drs. Contoh Pejabat", "rank": "IV_A"}

    plain = (await ask(hr, CREATE, {"i": base}))["data"]["createEmployee"]
    assert {(e["field"], e["code"]) for e in plain["errors"]} == {
        ("unitId", "REQUIRED"), ("positionId", "REQUIRED")}
    unit = to_global_id("OrgUnit", loaded.unit_ids[("kel-limau-manis", "KEL")])
    placed = (await ask(hr, CREATE, {"i": {**base, "fromParentAgency": True, "unitId": unit}}))
    assert placed["data"]["createEmployee"]["errors"] == [
        {"field": "unitId", "code": "NO_PLACE_HERE"}]
    camat_hr = next(u.username for u in data.tenant("camat-pauh").users if "hr" in u.roles)
    root = (await ask(camat_hr, CREATE, {"i": {**base, "fromParentAgency": True}},
                      tenant="camat-pauh"))["data"]["createEmployee"]
    assert root["errors"] == [{"field": "fromParentAgency", "code": "NO_PARENT_AGENCY"}]

    made = (await ask(hr, CREATE, {"i": {**base, "fromParentAgency": True}}))["data"][
        "createEmployee"]
    assert made["errors"] == [] and made["employee"]["fromParentAgency"] is True
    assert made["employee"]["unit"] is None and made["employee"]["position"] is None
    official = made["employee"]["id"]
    moved = await ask(hr, "mutation($i:UpdateEmployeeInput!){updateEmployee(input:$i){"
                          "employee{unit{id}} errors{field code}}}",
                      {"i": {"id": official, "unitId": unit}})
    assert moved["data"]["updateEmployee"]["errors"] == [
        {"field": "unitId", "code": "NO_PLACE_HERE"}]
    unchanged = await ask(hr, "query($i:ID!){employee(id:$i){unit{id} version}}", {"i": official})
    assert unchanged["data"]["employee"] == {"unit": None, "version": 1}
    rated = (await ask(hr, LINE, {"e": official, "r": to_global_id("Employee", lurah)}))
    assert rated["data"]["setReportingLine"]["errors"] == [
        {"field": "employeeId", "code": "PARENT_OFFICIAL"}]
    line = (await ask(hr, LINE, {"e": to_global_id("Employee", lurah), "r": official}))
    assert line["data"]["setReportingLine"]["errors"] == []
    assert line["data"]["setReportingLine"]["reportingLine"]["rater"] == {
        "name": "Drs. Contoh Pejabat"}


async def test_parent_officials_are_no_staff_of_the_child_agency(db, demo, client, settings):
    """No JP duty, no headcount: the JP compliance list of the kelurahan leaves them out."""
    data, loaded = demo
    ask = _Caller(client, settings, loaded)
    tenant = data.tenant(KELURAHAN)
    hr = next(u.username for u in tenant.users if "hr" in u.roles)
    listed = (await ask(hr, "{jpCompliance(year:2026,first:100){nodes{employee{name "
                            "fromParentAgency}}}}"))
    names = [n["employee"] for n in listed["data"]["jpCompliance"]["nodes"]]
    assert names and not any(n["fromParentAgency"] for n in names)
    async with db.session(tenant_id=loaded.tenant_ids[KELURAHAN]) as session:
        staff = (await session.execute(sa.select(sa.func.count(Employee.id)).where(
            Employee.active.is_(True), Employee.home_tenant_id.is_(None)))).scalar()
        official = (await session.execute(sa.select(Employee.id).where(
            Employee.id == loaded.employee_ids[(KELURAHAN, PARENT_RATER_KEY)]))).scalar()
    assert official is not None and len(names) == staff
