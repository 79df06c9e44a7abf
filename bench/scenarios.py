"""The benchmark's questions, as each server is asked them, and how answers are compared.

A scenario builds one request per tenant for each server (Kinerja GraphQL, PostGraphile, raw)
and normalises each server's answer to the same plain tuples (raw UUIDs, names, values), so
the bench can check that every server returns the same data for every tenant.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass

import orjson

EMPLOYEES_QUERY = (
    "query FirstEmployees { employees(first: 50) { nodes { id name nip "
    "unit { id name } position { id name } rater { id name } } } }")
# PostGraphile names: relations by foreign key (composite (tenant_id, unit_id) keys), the
# current rater through the bench-only computed column employee_current_rater
# (bench/postgraphile/bench_schema.sql).
EMPLOYEES_QUERY_PG = (
    "query FirstEmployees { allEmployees(first: 50, orderBy: [NAME_ASC, ROW_ID_ASC]) { nodes { "
    "id name nip unit: orgUnitByTenantIdAndUnitId { id name } "
    "position: positionByTenantIdAndPositionId { id name } rater: currentRater { id name } } } }")
SKPS_QUERY = """query SkpList($cycleId: ID!, $periodId: ID!) {
  skps(cycleId: $cycleId, first: 50) { nodes {
    id status employee { id name nip } rater { id name }
    workResults { id kind text position indicators {
      id aspect text targetValue targetUnit targetText } }
    realisations(periodId: $periodId) { id indicatorId value narrative } } }
  results(cycleId: $cycleId, periodId: $periodId, first: 50) { nodes {
    id status ratingHasil ratingPerilaku predikat skpId employee { id name } } }
}"""


def gid(type_name: str, raw_id) -> str:
    """Kinerja's global ID (kinerja.graphql.relay.to_global_id)."""
    return base64.b64encode(f"{type_name}:{raw_id}".encode()).decode()


def raw_id(value: str | None) -> str | None:
    """The UUID inside a Kinerja global ID, a PostGraphile node ID, or a plain UUID."""
    if value is None:
        return None
    try:
        decoded = base64.b64decode(value.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return value
    if decoded.startswith("["):  # PostGraphile: ["Employee", tenant_id, id]
        return json.loads(decoded)[-1]
    return decoded.partition(":")[2] or value


def _ref_name(ref: dict | None) -> str | None:
    return None if ref is None else ref["name"]


# --- employees page ------------------------------------------------------------------------
def employees_rows(payload: dict) -> list[tuple]:
    """(id, name, nip, unit, position, rater) from any server's employees page."""
    data = payload["data"]
    nodes = (data.get("employees") or data.get("allEmployees"))["nodes"]
    return [(raw_id(n["id"]), n["name"], n["nip"], _ref_name(n["unit"]),
             _ref_name(n["position"]), _ref_name(n["rater"])) for n in nodes]


# --- SKP list ------------------------------------------------------------------------------
def skps_rows(payload: dict) -> list[tuple]:
    """Per SKP: id, status, employee, rater, RHKs with indicators, realisations, result."""
    data = payload["data"]
    results = {raw_id(r["skpId"]): (r["status"], r["ratingHasil"], r["ratingPerilaku"],
                                    r["predikat"], r["employee"]["name"])
               for r in data["results"]["nodes"]}
    out = []
    for s in data["skps"]["nodes"]:
        work = tuple((w["kind"], w["text"], w["position"], tuple(
            (raw_id(i["id"]), i["aspect"], i["text"], i["targetValue"], i["targetUnit"],
             i["targetText"]) for i in w["indicators"])) for w in s["workResults"])
        real = tuple(sorted((raw_id(r["indicatorId"]), r["value"], r["narrative"])
                            for r in s["realisations"]))
        out.append((raw_id(s["id"]), s["status"], s["employee"]["name"], s["employee"]["nip"],
                    _ref_name(s["rater"]), work, real, results.get(raw_id(s["id"]))))
    return out


@dataclass
class Scenario:
    name: str
    title: str
    rows: Callable[[dict], list[tuple]]  # normalised answer
    expect: int  # rows per tenant


SCENARIOS = {
    "employees": Scenario("employees", "first 50 employees with unit, position, rater",
                          employees_rows, 50),
    "skps": Scenario("skps", "first 50 SKPs of the 2026 cycle with employee, rater, RHKs and "
                     "indicators, Q1 realisations, and the Q1 results", skps_rows, 50),
}


def graphql_body(scenario: str, cycle_id=None, quarter_id=None) -> bytes:
    if scenario == "employees":
        return orjson.dumps({"query": EMPLOYEES_QUERY, "operationName": "FirstEmployees"})
    return orjson.dumps({"query": SKPS_QUERY, "operationName": "SkpList", "variables": {
        "cycleId": gid("Cycle", cycle_id), "periodId": gid("Period", quarter_id)}})


def postgraphile_body(scenario: str) -> bytes:
    if scenario != "employees":
        raise ValueError("PostGraphile serves the employees page only")
    return orjson.dumps({"query": EMPLOYEES_QUERY_PG, "operationName": "FirstEmployees"})
