"""importCompetencyAssessments: assessment-centre results from CSV, every row checked, errors
per row and column, all or nothing, dry run, duplicates, audit."""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.models import AuditEvent
from tests.api.test_competencies import save, technical
from tests.api.test_competency_assessments import count_rows, entry, profile

IMPORT = ("mutation($csv:String!,$dry:Boolean){importCompetencyAssessments(csv:$csv,dryRun:$dry)"
          "{importedCount rowCount dryRun rowErrors{row column code message} "
          "errors{field code message}}}")
HEADER = "nip,competency_code,level,assessed_on,assessor,note"


async def nip(api, world, key):
    query = "query($id:ID!){employee(id:$id){nip}}"
    from tests.api.test_competency_assessments import employee
    return (await api.gql(query, {"id": employee(world, key)}, user="hr.alpha")).ok()[
        "employee"]["nip"]


async def run_import(api, text, dry=None, user="hr.alpha"):
    result = await api.gql(IMPORT, {"csv": text, "dry": dry}, user=user)
    return result.ok()["importCompetencyAssessments"]


async def valid_file(api, world) -> str:
    staff, head = await nip(api, world, "staff"), await nip(api, world, "head")
    return "\n".join([
        "NIP, Competency_Code ,level,assessed_on,assessor,note",
        f"{staff},M.01,3,2026-05-02,UPT Penilaian Kompetensi BKD,",
        f"{staff},t.01,2,2026-05-02,UPT Penilaian Kompetensi BKD,\"Teknis, arsip\"",
        f"{head},SK.01,4,2026-05-03,Assessment Center BKN,Baik",
        ""])


async def test_valid_file_imports_accepted_results_with_audit(api, world, db):
    await save(api, [technical("T.01")])
    text = await valid_file(api, world)
    dry = await run_import(api, text, dry=True)
    assert (dry["importedCount"], dry["rowCount"], dry["dryRun"], dry["rowErrors"]) == (
        0, 3, True, [])
    assert await count_rows(db, world) == 0
    result = await run_import(api, text)
    assert (result["importedCount"], result["rowCount"], result["rowErrors"],
            result["errors"]) == (3, 3, [], [])
    data = await profile(api, world)
    assert entry(data, "M.01")["currentLevel"] == 3
    technical_entry = entry(data, "T.01")
    assert technical_entry["history"][0]["frameworkVersion"] == 1
    assert technical_entry["history"][0]["note"] == "Teknis, arsip"
    assert technical_entry["current"]["source"] == "ASSESSMENT_CENTRE"
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        events = (await session.execute(sa.select(AuditEvent.after).where(
            AuditEvent.action == "competency_assessment.import"))).all()
    finally:
        await session.close()
    assert sorted(e.after["competency_code"] for e in events) == ["M.01", "SK.01", "T.01"]
    again = await run_import(api, text)  # the same results again: duplicates, nothing written
    assert again["importedCount"] == 0
    assert [(e["row"], e["code"]) for e in again["rowErrors"]] == [
        (1, "DUPLICATE"), (2, "DUPLICATE"), (3, "DUPLICATE")]
    assert await count_rows(db, world) == 3


async def test_any_bad_row_imports_nothing_and_lists_every_problem(api, world, db):
    staff = await nip(api, world, "staff")
    text = "\n".join([
        HEADER,
        f"{staff},M.01,3,2026-05-02,BKD,",
        "199001012015011999,M.02,3,2026-05-02,BKD,",
        f"{staff},X.1,0,02/05/2026,,",
        f"{staff},M.03,9,2999-01-01,BKD,",
        f"{staff},M.01,4,2026-05-02,BKD,",
        f"{staff},M.04,3",
        f",,,,,{'n' * 2001}",
    ])
    result = await run_import(api, text, user="admin.alpha")
    assert result["importedCount"] == 0 and result["rowCount"] == 7
    assert [(e["row"], e["column"], e["code"]) for e in result["rowErrors"]] == [
        (2, "nip", "UNKNOWN_REFERENCE"),
        (3, "competency_code", "UNKNOWN_REFERENCE"), (3, "level", "OUT_OF_RANGE"),
        (3, "assessed_on", "INVALID_VALUE"), (3, "assessor", "REQUIRED"),
        (4, "level", "OUT_OF_RANGE"), (4, "assessed_on", "FUTURE_DATE"),
        (5, "competency_code", "DUPLICATE_IN_FILE"),
        (6, None, "COLUMN_COUNT"),
        (7, "nip", "REQUIRED"), (7, "competency_code", "REQUIRED"), (7, "level", "REQUIRED"),
        (7, "assessed_on", "REQUIRED"), (7, "assessor", "REQUIRED"), (7, "note", "TOO_LONG")]
    assert all(e["message"] for e in result["rowErrors"])
    assert await count_rows(db, world) == 0


async def test_file_level_problems(api, db, world):
    for text, detail in (("", "empty"), ("nip,level\n1,2", "missing"),
                         (HEADER + ",extra\n", "unknown"), (HEADER + "\n\n", "no data")):
        result = await run_import(api, text)
        assert [e["code"] for e in result["errors"]] == ["INVALID_CSV"] * len(result["errors"])
        assert detail in " ".join(e["message"] for e in result["errors"]), text
    assert await count_rows(db, world) == 0


async def test_import_needs_the_import_permission_and_stays_in_the_tenant(api, world, db):
    text = await valid_file(api, world)
    for user in ("rater.alpha", "staff.alpha", "auditor.alpha"):
        assert (await api.gql(IMPORT, {"csv": text}, user=user)).codes == ["FORBIDDEN"]
    beta = await api.gql(IMPORT, {"csv": text}, user="hr.beta", tenant="beta")
    codes = {e["code"] for e in beta.ok()["importCompetencyAssessments"]["rowErrors"]}
    assert "UNKNOWN_REFERENCE" in codes  # alpha's NIPs are unknown in beta
    assert await count_rows(db, world, "beta") == 0
