"""Built-in exports (exports/catalog.py) on the Pauh demo: every one answers CSV and XLSX
with its labelled header, runs as the caller, keeps NIPs as text; bad requests are typed."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import sqlalchemy as sa

from kinerja.auth.tokens import issue_token
from kinerja.edge.schema import build_gate
from kinerja.exports.catalog import EXPORTS, export_version
from kinerja.graphql.relay import to_global_id
from kinerja.models import Employee, PerformanceResult, Period
from tests.conftest import SCHEMA, TEST_SETTINGS


def test_every_export_document_passes_the_gate():
    gate = build_gate(SCHEMA, TEST_SETTINGS)
    for name in EXPORTS:
        version = export_version(name)
        prepared = gate.prepare(version.document)
        assert list(prepared.operations.values()) == ["query"], name
        assert prepared.operations.keys() == {version.operation_name}, name


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
async def hr(demo, db, settings):
    data, loaded = demo
    tenant = next(t for t in data.tenants if any("hr" in u.roles for u in t.users)
                  and any("staff" in u.roles for u in t.users))
    tenant_id = loaded.tenant_ids[tenant.slug]
    async with db.session(tenant_id=tenant_id) as session:
        period = (await session.execute(sa.select(Period.id, Period.cycle_id).join(
            PerformanceResult, PerformanceResult.period_id == Period.id).limit(1))).first()
        employees = (await session.execute(sa.select(sa.func.count(Employee.id)).where(
            Employee.active.is_(True)))).scalar()

    def headers(role: str, lang: str = "en") -> dict:
        user = next(u for u in tenant.users if role in u.roles)
        token = issue_token(settings, loaded.user_ids[user.username]).token
        return {"authorization": f"Bearer {token}", "x-tenant": tenant.slug,
                "accept-language": lang}

    return {"headers": headers, "period": to_global_id("Period", period.id),
            "cycle": to_global_id("Cycle", period.cycle_id), "employees": employees}


async def test_every_export_answers_with_its_table(client, hr):
    params = {"employees": {}, "results": {"cycleId": hr["cycle"], "periodId": hr["period"]},
              "jp-compliance": {"year": "2026"}, "gap-matrix": {},
              "progress": {"periodId": hr["period"]},
              "predikat-by-unit": {"periodId": hr["period"]},
              "rater-fairness": {"periodId": hr["period"]}, "jp-by-unit": {"year": "2026"},
              "gap-heatmap": {}}
    assert set(params) == set(EXPORTS)
    for name, query in params.items():
        response = await client.get(f"/exports/{name}.csv", params=query,
                                    headers=hr["headers"]("hr"))
        assert response.status_code == 200, (name, response.text)
        rows = _rows(response)
        assert rows[0] == [c["label_en"] for c in EXPORTS[name]["columns"]], name
        assert not any(r and r[0] == "#ERROR" for r in rows), (name, rows[-1])
        indonesian = _rows(await client.get(f"/exports/{name}.csv", params=query,
                                            headers=hr["headers"]("hr", "id")))
        assert indonesian[0] == [c["label_id"] for c in EXPORTS[name]["columns"]], name
    employees = _rows(await client.get("/exports/employees.csv", params={"first": "3"},
                                       headers=hr["headers"]("hr")))
    assert len(employees) == 1 + hr["employees"]  # paged through, 3 at a time
    assert all(" " in r[1] for r in employees[1:])  # NIP formatted: text, never a number
    xlsx = await client.get("/exports/employees.xlsx", headers=hr["headers"]("hr"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    nips = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert nips and all(isinstance(n, str) for n in nips)
    results = {"cycleId": hr["cycle"], "periodId": hr["period"]}
    labelled = _rows(await client.get("/exports/results.csv", params=results,
                                      headers=hr["headers"]("hr", "id")))
    column = labelled[0].index("Predikat")
    assert {r[column] for r in labelled[1:]} <= {"Sangat Baik", "Baik", "Butuh Perbaikan",
                                                 "Kurang/Misconduct", "Kurang", "Sangat Kurang"}
    assert labelled[1:] and not any("_" in r[column] for r in labelled[1:])
    staff = _rows(await client.get("/exports/employees.csv", headers=hr["headers"]("staff")))
    assert len(staff) == 2  # a staff member exports what staff may read: themselves


async def test_bad_export_requests_are_typed(client, hr):
    cases = [("/exports/nothing.csv", {}, 404, "NOT_FOUND"),
             ("/exports/employees.pdf", {}, 404, "NOT_FOUND"),
             ("/exports/results.csv", {}, 400, "VIEW_VARIABLE_REQUIRED"),
             ("/exports/jp-compliance.csv", {"year": "soon"}, 400, "VIEW_VARIABLES"),
             ("/exports/employees.csv", {"colour": "red"}, 400, "VIEW_UNKNOWN_VARIABLE")]
    for path, params, status, code in cases:
        response = await client.get(path, params=params, headers=hr["headers"]("hr"))
        assert response.status_code == status, (path, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == code
    forbidden = await client.get("/exports/rater-fairness.csv",
                                 params={"periodId": hr["period"]}, headers=hr["headers"]("staff"))
    assert forbidden.status_code == 403
    assert (await client.get("/exports/employees.csv")).status_code == 401
