"""Competency assessments: each source, the rater's reason and relationship, self-assessment
acceptance, framework-version pinning, the profile with history, and the audit trail."""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.models import AuditEvent, CompetencyAssessment
from tests.api.test_competencies import save, technical
from tests.support.api import gid

ASSESSMENT = ("id competencyCode competencyName frameworkVersion level source status assessedOn "
              "reason note assessorName version")
RECORD = ("mutation($i:RecordCompetencyAssessmentInput!){recordCompetencyAssessment(input:$i){"
          "assessment{" + ASSESSMENT + "} errors{field code message}}}")
DECIDE = ("mutation($i:DecideCompetencyAssessmentInput!){decideCompetencyAssessment(input:$i){"
          "assessment{" + ASSESSMENT + "} errors{field code message}}}")
PROFILE = ("query($e:ID!){competencyProfile(employeeId:$e){employee{name position{code}} "
           "targetPosition{code} competencies{competency{code name group} currentLevel "
           "current{id level source} history{" + ASSESSMENT + "}}}}")


def employee(world, key: str, slug: str = "alpha") -> str:
    return gid("Employee", world.employee_id(slug, key))


def assessment(world, key="staff", code="M.01", level=3, source="SELF", **extra) -> dict:
    return {"i": {"employeeId": employee(world, key), "competencyCode": code, "level": level,
                  "source": source, **extra}}


async def record(api, variables, user="staff.alpha", **kw):
    return (await api.gql(RECORD, variables, user=user, **kw)).ok()["recordCompetencyAssessment"]


async def profile(api, world, key="staff", user="hr.alpha"):
    data = (await api.gql(PROFILE, {"e": employee(world, key)}, user=user)).ok()
    return data["competencyProfile"]


def entry(profile_data, code):
    return next(c for c in profile_data["competencies"] if c["competency"]["code"] == code)


async def test_self_assessment_waits_for_the_raters_acceptance(api, world):
    payload = await record(api, assessment(world, level=4, assessedOn="2026-02-01",
                                           note="Saya jujur"))
    assert payload["errors"] == []
    created = payload["assessment"]
    assert (created["source"], created["status"], created["level"]) == ("SELF", "PENDING", 4)
    assert entry(await profile(api, world), "M.01")["currentLevel"] is None
    # the employee cannot accept their own assessment
    own = await api.gql(DECIDE, {"i": {"assessmentId": created["id"], "accept": True}},
                        user="staff.alpha")
    assert own.codes == ["FORBIDDEN"]
    decided = (await api.gql(DECIDE, {"i": {"assessmentId": created["id"], "accept": True,
                                            "version": 1}}, user="rater.alpha")).ok()
    accepted = decided["decideCompetencyAssessment"]["assessment"]
    assert (accepted["status"], accepted["version"]) == ("ACCEPTED", 2)
    current = entry(await profile(api, world, user="staff.alpha"), "M.01")
    assert current["currentLevel"] == 4 and current["current"]["source"] == "SELF"
    again = (await api.gql(DECIDE, {"i": {"assessmentId": created["id"], "accept": False}},
                           user="hr.alpha")).ok()["decideCompetencyAssessment"]
    assert [e["code"] for e in again["errors"]] == ["NOT_PENDING"]
    stale = await api.gql(DECIDE, {"i": {"assessmentId": created["id"], "accept": False,
                                         "version": 1}}, user="hr.alpha")
    assert stale.codes == ["CONFLICT"]


async def test_rejected_self_assessment_never_counts(api, world):
    created = (await record(api, assessment(world, level=5)))["assessment"]
    rejected = (await api.gql(DECIDE, {"i": {"assessmentId": created["id"], "accept": False}},
                              user="hr.alpha")).ok()["decideCompetencyAssessment"]
    assert rejected["assessment"]["status"] == "REJECTED"
    data = entry(await profile(api, world), "M.01")
    assert data["currentLevel"] is None and [h["status"] for h in data["history"]] == ["REJECTED"]


async def test_rater_score_needs_a_reason_and_the_current_rating_relationship(api, world):
    missing = await record(api, assessment(world, source="RATER", reason="  "), user="rater.alpha")
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("reason", "REQUIRED")]
    ok = await record(api, assessment(world, source="RATER", level=2,
                                      reason="Setelah coaching: perlu bimbingan"),
                      user="rater.alpha")
    assert ok["errors"] == [] and ok["assessment"]["status"] == "ACCEPTED"
    assert ok["assessment"]["reason"] == "Setelah coaching: perlu bimbingan"
    # the rater may not score someone they do not rate (head), nor themselves
    for key, code in (("head", "NOT_FOUND"), ("rater", "FORBIDDEN")):
        result = await api.gql(RECORD, assessment(world, key, source="RATER", reason="x"),
                               user="rater.alpha")
        assert result.codes == [code], key
    # staff cannot score a colleague, nor give themselves a RATER score
    result = await api.gql(RECORD, assessment(world, "staff2", reason="x"), user="staff.alpha")
    assert result.codes == ["NOT_FOUND"]
    result = await api.gql(RECORD, assessment(world, source="RATER", reason="x"),
                           user="staff.alpha")
    assert result.codes == ["FORBIDDEN"]
    # HR may type in a paper form B.1.9 for anyone, but not a self-assessment for others
    hr = await record(api, assessment(world, "head", source="RATER", reason="Form B.1.9"),
                      user="hr.alpha")
    assert hr["errors"] == []
    result = await api.gql(RECORD, assessment(world, "head"), user="hr.alpha")
    assert result.codes == ["FORBIDDEN"]
    assert entry(await profile(api, world), "M.01")["currentLevel"] == 2


async def test_assessment_centre_results_by_hr_only(api, world):
    payload = await record(api, assessment(world, source="ASSESSMENT_CENTRE", level=3,
                                           assessorName="UPT Penilaian Kompetensi"),
                           user="hr.alpha")
    assert payload["errors"] == [] and payload["assessment"]["status"] == "ACCEPTED"
    assert payload["assessment"]["assessorName"] == "UPT Penilaian Kompetensi"
    no_name = await record(api, assessment(world, source="ASSESSMENT_CENTRE"), user="hr.alpha")
    assert [e["code"] for e in no_name["errors"]] == ["REQUIRED"]
    rater = await api.gql(RECORD, assessment(world, source="ASSESSMENT_CENTRE",
                                             assessorName="x"), user="rater.alpha")
    assert rater.codes == ["FORBIDDEN"]


async def test_every_input_error_at_once_and_nothing_written(api, world, db):
    payload = await record(api, assessment(world, code="X.99", level=6, source="RATER",
                                           assessedOn="2999-01-01", note="n" * 2001),
                           user="rater.alpha")
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("competencyCode", "UNKNOWN_REFERENCE"), ("level", "OUT_OF_RANGE"),
        ("assessedOn", "FUTURE_DATE"), ("reason", "REQUIRED"), ("note", "TOO_LONG")]
    assert payload["assessment"] is None
    assert await count_rows(db, world) == 0


async def count_rows(db, world, slug="alpha") -> int:
    session = db.session(tenant_id=world.tenant_id(slug))
    try:
        return await session.scalar(sa.select(sa.func.count()).select_from(CompetencyAssessment))
    finally:
        await session.close()


async def test_latest_accepted_wins_by_date_then_recording(api, world):
    later = assessment(world, source="RATER", level=2, reason="r", assessedOn="2026-03-01")
    earlier = assessment(world, source="RATER", level=5, reason="r", assessedOn="2026-01-01")
    same_day = assessment(world, source="RATER", level=3, reason="r", assessedOn="2026-03-01")
    for variables in (later, earlier, same_day):
        assert (await record(api, variables, user="rater.alpha"))["errors"] == []
    pending = assessment(world, level=1, assessedOn="2026-04-01")
    assert (await record(api, pending))["errors"] == []
    data = entry(await profile(api, world, user="rater.alpha"), "M.01")
    assert data["currentLevel"] == 3
    assert [(h["assessedOn"], h["level"], h["status"]) for h in data["history"]] == [
        ("2026-04-01", 1, "PENDING"), ("2026-03-01", 3, "ACCEPTED"),
        ("2026-03-01", 2, "ACCEPTED"), ("2026-01-01", 5, "ACCEPTED")]


async def test_old_assessments_keep_their_framework_version(api, world):
    await save(api, [technical("T.01", "Pengelolaan Arsip")])
    first = await record(api, assessment(world, code="t.01", source="RATER", level=2, reason="r",
                                         assessedOn="2026-02-01"), user="rater.alpha")
    assert first["assessment"]["frameworkVersion"] == 1
    await save(api, [technical("T.01", "Arsip Digital"), technical("T.02", "Statistik")],
               version=1)
    second = await record(api, assessment(world, code="T.01", source="RATER", level=3,
                                          reason="r", assessedOn="2026-03-01"),
                          user="rater.alpha")
    assert second["assessment"]["frameworkVersion"] == 2
    await save(api, [technical("T.02", "Statistik")], version=2)  # T.01 dropped in version 3
    data = await profile(api, world)
    codes = [c["competency"]["code"] for c in data["competencies"]]
    assert codes[:9] == ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08",
                         "SK.01"]
    assert codes[9:] == ["T.02", "T.01"]
    old = entry(data, "T.01")
    assert old["currentLevel"] == 3
    assert [(h["frameworkVersion"], h["competencyName"]) for h in old["history"]] == [
        (2, "Arsip Digital"), (1, "Pengelolaan Arsip")]
    dropped = await record(api, assessment(world, code="T.01", source="RATER", reason="r"),
                           user="rater.alpha")
    assert [e["code"] for e in dropped["errors"]] == ["UNKNOWN_REFERENCE"]


async def test_profile_visibility_follows_the_read_scope(api, world):
    for user, key, code in (("staff.alpha", "staff2", "NOT_FOUND"),
                            ("rater.alpha", "head", "NOT_FOUND"),
                            ("hr.beta", "staff", "NOT_FOUND")):
        result = await api.gql(PROFILE, {"e": employee(world, key)}, user=user,
                               tenant="beta" if user.endswith("beta") else None)
        assert result.codes == [code], (user, key)
    for user in ("staff.alpha", "rater.alpha", "auditor.alpha", "admin.alpha"):
        data = await profile(api, world, user=user)
        assert data["employee"] == {"name": "Alpha Staff", "position": {"code": "STAFF"}}


async def test_recording_and_deciding_are_audited(api, world, db):
    created = (await record(api, assessment(world, level=4)))["assessment"]
    await api.gql(DECIDE, {"i": {"assessmentId": created["id"], "accept": True}},
                  user="rater.alpha")
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        rows = (await session.execute(sa.select(AuditEvent.action, AuditEvent.after)
                                      .where(AuditEvent.object_type == "CompetencyAssessment")
                                      .order_by(AuditEvent.at, AuditEvent.id))).all()
    finally:
        await session.close()
    assert [r.action for r in rows] == ["competency_assessment.record",
                                        "competency_assessment.decide"]
    assert rows[0].after["level"] == 4 and rows[0].after["status"] == "PENDING"
    assert rows[1].after["status"] == "ACCEPTED"
