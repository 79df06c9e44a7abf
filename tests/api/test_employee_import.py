"""importEmployees: every row checked, errors per row and column, all or nothing, dry run, speed."""

from __future__ import annotations

import dataclasses
import random
import time
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from kinerja.models import AuditEvent
from kinerja.people.nip import generate_nip
from tests.api.test_employees_write import PNS_NIP, PPPK_NIP, world_nip
from tests.api.test_org_units import run
from tests.isolation import diff_snapshots, snapshot_tenant

IMPORT = ("mutation($csv:String!,$dry:Boolean){importEmployees(csv:$csv,dryRun:$dry){"
          "importedCount rowCount dryRun rowErrors{row column code message} "
          "errors{field code message}}}")
COUNT = "{employees(first:1){totalCount}}"
HEADER = "nip,employee_type,name,rank,unit_code,position_code"


def nips(count: int, start: date = date(1980, 1, 1)) -> list[str]:
    rng = random.Random(7)
    return [generate_nip(rng, "PNS", start + timedelta(days=i), date(2005, 1, 1), 1 + i % 2,
                         1 + i % 999) for i in range(count)]


async def imported(api, csv_text, dry=None, user="hr.alpha", **kw):
    result = await run(api, IMPORT, {"csv": csv_text, "dry": dry}, user=user, **kw)
    return result.ok()["importEmployees"]


async def total(api, user="hr.alpha"):
    return (await run(api, COUNT, user=user)).ok()["employees"]["totalCount"]


async def import_events(db, world):
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        return (await session.execute(sa.select(AuditEvent.object_id, AuditEvent.after).where(
            AuditEvent.action == "employee.import"))).all()
    finally:
        await session.close()


VALID = "\n".join([
    "NIP, Employee_Type ,name,rank,unit_code,position_code,active",
    f"{PNS_NIP},PNS,Siti Rahma,III/b,sec,STAFF,",
    f"{PPPK_NIP},pppk,\"Rahmat, S.Kom\",IX,ROOT,staff,yes",
    "196608011988031001,PNS,Budi Santoso,IV_A,ROOT,HEAD,false",
    "",
])


async def test_valid_file_imports_every_row_with_audit(api, db, world):
    result = await imported(api, VALID)
    assert result == {"importedCount": 3, "rowCount": 3, "dryRun": False, "rowErrors": [],
                      "errors": []}
    query = ("{employees(first:50,search:\"19\"){nodes{"
             "nip name rank employeeType active unit{code}}}}")
    rows = {n["nip"]: n for n in (await run(api, query)).ok()["employees"]["nodes"]}
    assert rows["198505172010032007"] == {"nip": "198505172010032007", "name": "Siti Rahma",
                                         "rank": "III_B", "employeeType": "PNS", "active": True,
                                         "unit": {"code": "SEC"}}
    assert rows[PPPK_NIP]["rank"] == "PPPK_IX" and rows[PPPK_NIP]["name"] == "Rahmat, S.Kom"
    assert rows["196608011988031001"]["active"] is False
    events = await import_events(db, world)
    assert sorted(e.after["nip"] for e in events) == sorted(
        ["198505172010032007", PPPK_NIP, "196608011988031001"])


async def test_dry_run_checks_but_writes_nothing(api, db, world):
    result = await imported(api, VALID, dry=True)
    assert (result["importedCount"], result["rowCount"], result["dryRun"]) == (0, 3, True)
    assert result["rowErrors"] == [] and await total(api) == 5
    assert await import_events(db, world) == []


async def test_one_bad_row_imports_nothing_and_names_row_and_column(api):
    csv_text = "\n".join([HEADER, f"{PNS_NIP},PNS,Siti,III_B,SEC,STAFF",
                          f"{PPPK_NIP},PPPK,Rahmat,III_B,SEC,STAFF"])
    result = await imported(api, csv_text)
    assert result["importedCount"] == 0
    assert result["rowErrors"] == [{"row": 2, "column": "rank", "code": "INVALID_RANK",
                                    "message": "The rank does not fit the employee type."}]
    assert await total(api) == 5


async def test_every_row_error_is_reported(api):
    staff_nip = world_nip("alpha", "staff")
    csv_text = "\n".join([
        HEADER,
        "123,PNS,Short Nip,III_A,SEC,STAFF",                     # 1 NIP_FORMAT
        f"{staff_nip},PNS,Existing,III_A,SEC,STAFF",            # 2 DUPLICATE
        f"{PNS_NIP},PNS,First,III_A,SEC,STAFF",                 # 3 ok
        f"{PNS_NIP},PNS,Second,III_A,SEC,STAFF",                # 4 DUPLICATE_IN_FILE
        f"{PPPK_NIP},GURU,Type,III_A,NOPE,CHIEF",               # 5 type, unit, position
        "19850230 201003 9 000,PNS,,Z_9,,",                     # 6 nip x3, name, rank, codes
        f"{PPPK_NIP},PPPK,Too Few,PPPK_I",                      # 7 COLUMN_COUNT
    ])
    result = await imported(api, csv_text)
    got = [(e["row"], e["column"], e["code"]) for e in result["rowErrors"]]
    assert got == [
        (1, "nip", "NIP_FORMAT"),
        (2, "nip", "DUPLICATE"),
        (4, "nip", "DUPLICATE_IN_FILE"),
        (5, "employee_type", "INVALID_VALUE"),
        (5, "unit_code", "UNKNOWN_REFERENCE"),
        (5, "position_code", "UNKNOWN_REFERENCE"),
        (6, "nip", "NIP_BIRTH_DATE"), (6, "nip", "NIP_SEX"), (6, "nip", "NIP_SEQUENCE"),
        (6, "name", "REQUIRED"), (6, "rank", "INVALID_VALUE"),
        (6, "unit_code", "REQUIRED"), (6, "position_code", "REQUIRED"),
        (7, None, "COLUMN_COUNT"),
    ]
    messages = {(e["row"], e["code"]): e["message"] for e in result["rowErrors"]}
    assert messages[(4, "DUPLICATE_IN_FILE")] == "Duplicate within the file (row 3)."
    assert messages[(7, "COLUMN_COUNT")] == "The row has 4 values; expected 6."
    assert result["importedCount"] == 0 and await total(api) == 5


async def test_inactive_unit_and_bad_active_flag(api, world):
    from tests.support.api import gid

    await run(api, "mutation($id:ID!){deactivateOrgUnit(id:$id){errors{code}}}",
              {"id": gid("OrgUnit", world.unit_id("alpha", "SPARE"))})
    csv_text = HEADER + ",active\n" + f"{PNS_NIP},PNS,Siti,III_B,SPARE,STAFF,maybe\n"
    result = await imported(api, csv_text)
    assert [(e["column"], e["code"]) for e in result["rowErrors"]] == [
        ("unit_code", "INACTIVE_REFERENCE"), ("active", "INVALID_VALUE")]


@pytest.mark.parametrize(("csv_text", "detail"), [
    ("", "Invalid CSV: the file is empty"),
    ("  \n\n", "Invalid CSV: the file is empty"),
    (HEADER + "\n\n", "Invalid CSV: no data rows after the header"),
    ("nip,employee_type,name,rank\n1,2,3,4",
     "Invalid CSV: missing columns: unit_code, position_code"),
    (HEADER + ",email\n" + f"{PNS_NIP},PNS,S,III_A,SEC,STAFF,x",
     "Invalid CSV: unknown columns: email"),
    (HEADER + ",nip\n1,2,3,4,5,6,7", "Invalid CSV: repeated columns: nip"),
])
async def test_file_level_problems(api, csv_text, detail):
    result = await imported(api, csv_text)
    assert [(e["field"], e["code"], e["message"]) for e in result["errors"]] == [
        ("csv", "INVALID_CSV", detail)]
    assert result["importedCount"] == 0 and result["rowErrors"] == []


async def test_too_many_rows(api, services, monkeypatch):
    limits = dataclasses.replace(services.settings.limits, max_import_rows=2)
    monkeypatch.setattr(services, "settings", dataclasses.replace(services.settings, limits=limits))
    csv_text = "\n".join([HEADER] + [f"{n},PNS,N,III_A,SEC,STAFF" for n in nips(3)])
    result = await imported(api, csv_text)
    assert [(e["code"], e["message"]) for e in result["errors"]] == [
        ("TOO_MANY_ROWS", "Too many rows (at most 2).")]
    assert await total(api) == 5


async def test_thousand_rows_import_in_few_statements(api, db, world, sql_counter):
    csv_text = "\n".join([HEADER] + [f"{n},PNS,Pegawai {i:04d},III_A,SEC,STAFF"
                                     for i, n in enumerate(nips(1000))])
    started = time.perf_counter()
    sql_counter.count = 0
    result = await imported(api, csv_text)
    elapsed = time.perf_counter() - started
    assert (result["importedCount"], result["rowErrors"], result["errors"]) == (1000, [], [])
    inserts = [s for s in sql_counter.statements if s.startswith("INSERT INTO employee")]
    # < 24: includes the two statements that append the import's audit events to the chain
    assert len(inserts) == 1 and sql_counter.count < 24, sql_counter.statements[:50]
    assert elapsed < 10
    assert await total(api) == 1005
    again = await imported(api, csv_text, dry=True)
    assert len(again["rowErrors"]) == 1000
    assert {e["code"] for e in again["rowErrors"]} == {"DUPLICATE"}


async def test_import_is_per_tenant(api, db, world):
    before = await snapshot_tenant(db, world.tenant_id("beta"))
    result = await imported(api, VALID, user="admin.alpha")
    assert result["importedCount"] == 3
    assert diff_snapshots(before, await snapshot_tenant(db, world.tenant_id("beta"))) == []
    assert await total(api, user="hr.beta") == 5


@pytest.mark.parametrize("role", ["staff", "rater", "auditor"])
async def test_roles_without_import_are_forbidden(api, role):
    result = await run(api, IMPORT, {"csv": VALID}, user=f"{role}.alpha")
    assert result.codes == ["FORBIDDEN"] and result.data is None
    assert await total(api) == 5
