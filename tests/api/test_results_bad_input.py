"""Bad input to the result and objection fields: typed errors, never a 5xx, nothing changed."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from kinerja.models import AuditEvent, Objection, PerformanceResult
from tests.isolation.cases_cycles import cycle_gid
from tests.isolation.cases_results import objection_gid, q1, with_objection_to_rater
from tests.support.api import gid
from tests.support.results import ASK, DECIDE, LIST, RATE, RELEASE, SET_SUPERIOR


async def _count(db, world, model) -> int:
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        return (await session.execute(sa.select(sa.func.count()).select_from(model))).scalar()


async def test_malformed_input_gives_typed_errors_and_changes_nothing(api, db, world):
    await with_objection_to_rater(db, None, world)  # rater.alpha is the rater's superior
    other = gid("Employee", world.employee_id("alpha", "other"))
    before = [await _count(db, world, m) for m in (PerformanceResult, Objection, AuditEvent)]
    calls = [
        (RATE, {"i": {"skpId": "garbage", "periodId": "x", "ratingPerilaku": "SESUAI"}},
         "hr.alpha", ["INVALID_ID"]),
        (RATE, {"i": {"skpId": "x", "periodId": "x", "ratingPerilaku": "BRILLIANT"}},
         "hr.alpha", ["BAD_USER_INPUT"]),
        (RELEASE, {"i": {"cycleId": "bm9wZQ==", "periodId": "x"}}, "hr.alpha", ["INVALID_ID"]),
        (RELEASE, {"i": {"cycleId": gid("Cycle", uuid.uuid4()), "periodId": "x"}}, "hr.alpha",
         ["NOT_FOUND"]),
        (LIST, {"c": cycle_gid(world, "alpha"), "p": q1(world, "alpha"), "u": "zz"},
         "hr.alpha", ["INVALID_ID"]),
        ("query($c:ID!,$p:ID!){results(cycleId:$c,periodId:$p,after:\"!!\"){totalCount}}",
         {"c": cycle_gid(world, "alpha"), "p": q1(world, "alpha")}, "hr.alpha",
         ["INVALID_CURSOR"]),
        ("query($c:ID!,$p:ID!){results(cycleId:$c,periodId:$p,first:0){totalCount}}",
         {"c": cycle_gid(world, "alpha"), "p": q1(world, "alpha")}, "hr.alpha", ["PAGE_SIZE"]),
        (LIST, {"c": cycle_gid(world, "alpha"), "p": q1(world, "beta")}, "hr.alpha",
         ["NOT_FOUND"]),
        (SET_SUPERIOR, {"i": {"objectionId": objection_gid(world, "alpha"),
                              "superiorId": "garbage", "reason": "x"}}, "hr.alpha",
         ["INVALID_ID"]),
        (SET_SUPERIOR, {"i": {"objectionId": objection_gid(world, "alpha"),
                              "superiorId": gid("OrgUnit", uuid.uuid4()), "reason": "x"}},
         "hr.alpha", ["INVALID_ID"]),
        (SET_SUPERIOR, {"i": {"objectionId": gid("Objection", uuid.uuid4()),
                              "superiorId": other, "reason": "x"}}, "hr.alpha", ["NOT_FOUND"]),
        (SET_SUPERIOR, {"i": {"objectionId": objection_gid(world, "beta"),
                              "superiorId": other, "reason": "x"}}, "hr.alpha", ["NOT_FOUND"]),
        (SET_SUPERIOR, {"i": {"objectionId": objection_gid(world, "alpha"),
                              "superiorId": other}}, "hr.alpha", ["BAD_USER_INPUT"]),
        ("query{objectionsWithoutDecider(cycleId:\"zz\"){id}}", None, "hr.alpha",
         ["INVALID_ID"]),
    ]
    for document, variables, user, expected in calls:
        result = await api.gql(document, variables, user=user)
        assert result.status < 500 and result.codes == expected, (variables, result.body)
    payloads = [
        (ASK, "requestObjectionExplanation", {"objectionId": objection_gid(world, "alpha"),
                                              "parties": [], "question": "q" * 4001},
         "rater.alpha", {("parties", "REQUIRED"), ("question", "TOO_LONG")}),
        (DECIDE, "decideObjection", {"objectionId": objection_gid(world, "alpha"),
                                     "decision": "UPHOLD", "ratingHasil": "DI_ATAS",
                                     "reason": "r" * 2001},
         "rater.alpha", {("ratingHasil", "INVALID_VALUE"), ("reason", "TOO_LONG")}),
        (SET_SUPERIOR, "setObjectionSuperior", {"objectionId": objection_gid(world, "alpha"),
                                                "superiorId": other, "reason": "r" * 2001},
         "hr.alpha", {(None, "SUPERIOR_RECORDED"), ("reason", "TOO_LONG")}),
        (SET_SUPERIOR, "setObjectionSuperior", {  # another agency's employee does not exist
            "objectionId": objection_gid(world, "alpha"), "reason": "x",
            "superiorId": gid("Employee", world.employee_id("beta", "other"))},
         "hr.alpha", {(None, "SUPERIOR_RECORDED"), ("superiorId", "UNKNOWN_REFERENCE")}),
    ]
    for document, field, data, user, expected in payloads:
        payload = (await api.gql(document, {"i": data}, user=user)).ok()[field]
        assert {(e["field"], e["code"]) for e in payload["errors"]} == expected, payload
    after = [await _count(db, world, m) for m in (PerformanceResult, Objection, AuditEvent)]
    assert after == before
