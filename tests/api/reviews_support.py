"""Shared set-up of the 360 tests: a RUNNING 2027 cycle launched through the API, the staff
member's plan, and four extra alpha employees with linked `staff` accounts (peers) created
through the models (the shared world stays unchanged)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.auth.tokens import issue_token
from kinerja.models import CasbinRule, Employee, User
from kinerja.people.nip import generate_nip
from tests.support.api import gid

PEERS = ("Peer Satu", "Peer Dua", "Peer Tiga", "Peer Empat")
SCORES = {"BERORIENTASI_PELAYANAN": 4, "AKUNTABEL": 3, "KOMPETEN": 5, "HARMONIS": 4,
          "LOYAL": 3, "ADAPTIF": 2, "KOLABORATIF": 4}


@dataclass
class Reviewer:
    name: str
    username: str
    user_id: object
    employee_id: object
    token: str

    @property
    def gid(self) -> str:
        return gid("Employee", self.employee_id)


@dataclass
class Setup:
    cycle: str
    period: str  # the cycle's first period (Q1)
    year_period: str
    skps: dict[str, str]
    rhk: str
    peers: list[Reviewer] = field(default_factory=list)


async def add_peers(db, services, world, names=PEERS) -> list[Reviewer]:
    tenant_id = world.tenant_id("alpha")
    out = []
    async with db.unit_of_work(platform=True) as session:
        users = [User(username=f"peer{i}.alpha", display_name=name) for i, name in
                 enumerate(names)]
        session.add_all(users)
        await session.flush()
        session.add_all([CasbinRule(ptype="g", v0=str(u.id), v1="staff", v2=str(tenant_id))
                         for u in users])
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        for i, (name, user) in enumerate(zip(names, users, strict=True)):
            birth = date(1980 + i, 2 + i, 3 + i)
            employee = Employee(tenant_id=tenant_id, employee_type="PNS", name=name,
                                nip=generate_nip(None, "PNS", birth, date(2008, 3, 1), 1, 300 + i),
                                rank="III_A", user_id=user.id,
                                unit_id=world.unit_id("alpha", "ROOT"),
                                position_id=world.position_id("alpha", "STAFF"))
            session.add(employee)
            await session.flush()
            out.append(Reviewer(name, user.username, user.id, employee.id,
                                issue_token(world.settings, user.id).token))
    services.policies.invalidate()
    return out


async def launch_running(api, year=2027) -> tuple[str, list[dict], dict[str, str]]:
    created = (await api.gql(
        "mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id periods{id kind}}}}",
        {"i": {"year": year, "name": f"Kinerja {year}"}}, user="hr.alpha")).ok()
    cycle = created["createCycle"]["cycle"]
    for to in ("PLANNING", "RUNNING"):
        (await api.gql("mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){errors{code}}}",
                       {"i": {"id": cycle["id"], "to": to}}, user="hr.alpha")).ok()
    nodes = (await api.gql("query($c:ID!){skps(cycleId:$c,first:100){nodes{id employee{name}}}}",
                           {"c": cycle["id"]}, user="hr.alpha")).ok()["skps"]["nodes"]
    skps = {n["employee"]["name"].split()[-1].lower(): n["id"] for n in nodes}
    return cycle["id"], cycle["periods"], skps


async def setup_reviews(api, db, services, world) -> Setup:
    peers = await add_peers(db, services, world)
    cycle, periods, skps = await launch_running(api)
    plan = await api.gql(
        "mutation($i:SaveSkpPlanInput!){saveSkpPlan(input:$i){skp{workResults{id}} errors{code}}}",
        {"i": {"skpId": skps["staff"], "workResults": [
            {"kind": "UTAMA", "text": "Layanan surat selesai tepat waktu", "indicators": [
                {"aspect": "KUANTITAS", "text": "Surat", "targetValue": 100,
                 "targetUnit": "surat"}]}]}}, user="staff.alpha")
    rhk = plan.ok()["saveSkpPlan"]["skp"]["workResults"][0]["id"]
    year = next(p["id"] for p in periods if p["kind"] == "YEAR")
    return Setup(cycle, periods[0]["id"], year, skps, rhk, peers)
