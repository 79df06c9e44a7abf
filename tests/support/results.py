"""Helpers for result and objection tests: a controlled clock, a running 2027 cycle with
approved SKPs, a login for the head (the staff's rater superior), and shortcuts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from kinerja.auth.tokens import issue_token
from kinerja.config import Settings
from kinerja.graphql.relay import from_global_id
from kinerja.models import Skp
from tests.support.api import gid
from tests.support.world import PASSWORD

RESULT = ("id version status ratingHasil ratingPerilaku predikat justificationHasil "
          "justificationPerilaku hasilSource ruleSetVersion releasedOn objectionDeadline "
          "calibrated employee{name} period{kind number}")
EXPLANATION = ("explanation{ratingHasil justificationHasil hasilSource organisationResult "
               "ratingPerilaku justificationPerilaku matrixCell{hasilKerja perilaku predikat} "
               "ruleSetVersion original{ratingHasil ratingPerilaku predikat} "
               "changes{kind reason actorName before{predikat} after{predikat}} "
               "objections{id status reasons decision decisionReason "
               "explanations{party question text}}}")
OUT = "result{" + RESULT + " " + EXPLANATION + "} errors{field code message}"
RATE = "mutation($i:RateResultInput!){rateResult(input:$i){" + OUT + "}}"
CALIBRATE = "mutation($i:CalibrateResultInput!){calibrateResult(input:$i){" + OUT + "}}"
RELEASE = ("mutation($i:ReleaseResultsInput!){releaseResults(input:$i){releasedCount "
           "errors{field code}}}")
ACK = "mutation($i:ResultStepInput!){acknowledgeResult(input:$i){" + OUT + "}}"
REOPEN = "mutation($i:ReopenResultInput!){reopenResult(input:$i){" + OUT + "}}"
OBJECTION = ("objection{id version status reasons decision superiorId explanations{party text} "
             "result{id status predikat}} errors{field code message}")
FILE = "mutation($i:FileObjectionInput!){fileObjection(input:$i){" + OBJECTION + "}}"
ASK = ("mutation($i:RequestObjectionExplanationInput!){requestObjectionExplanation(input:$i){"
       + OBJECTION + "}}")
EXPLAIN = "mutation($i:ExplainObjectionInput!){explainObjection(input:$i){" + OBJECTION + "}}"
DECIDE = "mutation($i:DecideObjectionInput!){decideObjection(input:$i){" + OBJECTION + "}}"
ORG = ("mutation($i:SetOrganisationResultInput!){setOrganisationResult(input:$i){"
       "organisationResult{id result version} errors{field code}}}")
HEAD = ("mutation($i:SetUnitHeadInput!){setUnitHead(input:$i){orgUnit{id version} "
        "head{name} errors{field code}}}")
READ = "query($id:ID!){result(id:$id){" + RESULT + " " + EXPLANATION + "}}"
LIST = ("query($c:ID!,$p:ID!,$u:ID){results(cycleId:$c,periodId:$p,unitId:$u,first:50){"
        "totalCount nodes{id status predikat employee{name}}}}")
ADVANCE = "mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){cycle{state} errors{code}}}"
QUEUE = ("query{objectionsToDecide{id status reasons result{id employee{name}}}}")
WITHOUT_DECIDER = "query{objectionsWithoutDecider{id superiorId result{id employee{name}}}}"
SET_SUPERIOR = ("mutation($i:SetObjectionSuperiorInput!){setObjectionSuperior(input:$i){"
                + OBJECTION + "}}")


def set_today(monkeypatch, day: date) -> None:
    monkeypatch.setattr(Settings, "today", lambda self: day)


@dataclass
class Cycle:
    id: str
    periods: dict[str, str]  # "Q1".."Q4", "YEAR" -> global ID
    skps: dict[str, str]  # employee key -> SKP global ID


async def running_cycle(api, db, world, year: int = 2027, approve: bool = True) -> Cycle:
    """A launched cycle moved to RUNNING; every SKP APPROVED (set directly: SKP approval is
    tested elsewhere)."""
    created = (await api.gql(
        "mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id periods{id kind number}}}}",
        {"i": {"year": year, "name": f"Kinerja {year}"}}, user="hr.alpha")).ok()
    cycle = created["createCycle"]["cycle"]
    for state in ("PLANNING", "RUNNING"):
        (await api.gql(ADVANCE, {"i": {"id": cycle["id"], "to": state}}, user="hr.alpha")).ok()
    nodes = (await api.gql("query($c:ID!){skps(cycleId:$c,first:100){nodes{id employee{name}}}}",
                           {"c": cycle["id"]}, user="hr.alpha")).ok()["skps"]["nodes"]
    if approve:
        tenant_id = world.tenant_id("alpha")
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            await session.execute(sa.update(Skp).where(
                Skp.cycle_id == from_global_id(cycle["id"])[1]).values(status="APPROVED"),
                execution_options={"synchronize_session": False})
    periods = {("YEAR" if p["kind"] == "YEAR" else f"Q{p['number']}"): p["id"]
               for p in cycle["periods"]}
    skps = {n["employee"]["name"].split()[-1].lower(): n["id"] for n in nodes
            if n["employee"]["name"].startswith("Alpha ")}
    return Cycle(cycle["id"], periods, skps)


async def advance(api, cycle: Cycle, *states: str) -> None:
    for state in states:
        data = (await api.gql(ADVANCE, {"i": {"id": cycle.id, "to": state}}, user="hr.alpha")).ok()
        assert data["advanceCycle"]["errors"] == [], data


async def head_login(api, world, roles: tuple[str, ...] = ("rater",)) -> str:
    """A login linked to the alpha head (the staff's rater superior); returns a token."""
    return await employee_login(api, world, "head", roles)


async def employee_login(api, world, key: str, roles: tuple[str, ...] = ("rater",)) -> str:
    """A new login `<key>.alpha` with `roles`, linked to the alpha employee `key`; a token."""
    created = (await api.gql(
        "mutation($i:CreateUserInput!){createUser(input:$i){user{id} errors{code}}}",
        {"i": {"username": f"{key}.alpha", "displayName": f"{key.title()} Alpha",
               "password": PASSWORD, "roles": list(roles)}},
        user="admin.alpha")).ok()["createUser"]
    assert created["errors"] == [], created
    linked = (await api.gql(
        "mutation($i:UpdateEmployeeInput!){updateEmployee(input:$i){errors{code}}}",
        {"i": {"id": gid("Employee", world.employee_id("alpha", key)),
               "userId": created["user"]["id"]}}, user="hr.alpha")).ok()
    assert linked["updateEmployee"]["errors"] == [], linked
    return issue_token(world.settings, from_global_id(created["user"]["id"])[1]).token


async def call(api, doc: str, field: str, variables: dict, user: str | None = None,
               token: str | None = None) -> dict:
    result = await api.gql(doc, variables, user=user, token=token,
                           tenant="alpha" if token else None)
    return result.ok()[field]


async def rate(api, cycle: Cycle, key: str, period: str, hasil: str | None, perilaku: str,
               user: str = "rater.alpha", **extra) -> dict:
    data = {"skpId": cycle.skps[key], "periodId": cycle.periods[period],
            "ratingPerilaku": perilaku, **extra}
    if hasil is not None:
        data["ratingHasil"] = hasil
    for name, rating in (("justificationHasil", hasil), ("justificationPerilaku", perilaku)):
        if rating not in (None, "SESUAI") and name not in data:
            data[name] = f"Alasan {rating.lower()}"
    return await call(api, RATE, "rateResult", {"i": data}, user)


async def release(api, cycle: Cycle, period: str, unit: str | None = None) -> int:
    data = {"cycleId": cycle.id, "periodId": cycle.periods[period]}
    if unit:
        data["unitId"] = unit
    payload = await call(api, RELEASE, "releaseResults", {"i": data}, "hr.alpha")
    assert payload["errors"] == [], payload
    return payload["releasedCount"]


def codes(payload: dict) -> set[tuple[str | None, str]]:
    return {(e["field"], e["code"]) for e in payload["errors"]}
