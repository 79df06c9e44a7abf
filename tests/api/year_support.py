"""Helpers of the end-to-end year test: a client that sends the checked-in operations
(schema/operations/<Name>.graphql) by name as a given person, extra logins created through
the API, the upload, the audit trail as the auditor, and the after-close refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.api import Api, Result, gid
from tests.support.world import PASSWORD

OPERATIONS = Path(__file__).resolve().parents[2] / "schema" / "operations"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + b"0" * 500 + b"\n%%EOF\n"


def document(name: str) -> str:
    return (OPERATIONS / f"{name}.graphql").read_text()


def by_name(edges: list[dict]) -> dict[str, str]:
    """SKP ids by the world key ("Alpha Staff2" -> "staff2")."""
    return {e["node"]["employee"]["name"].split()[-1].lower(): e["node"]["id"] for e in edges
            if e["node"]["employee"]["name"].startswith("Alpha ")}


class Client:
    """Sends operations by name as `who`: a world username or a key of `tokens`."""

    def __init__(self, api: Api):
        self.api = api
        self.tokens: dict[str, str] = {}

    def token(self, who: str) -> str:
        return self.tokens.get(who) or self.api.world.token(who)

    def headers(self, who: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token(who)}", "x-tenant": "alpha",
                "accept-language": "en"}

    async def send(self, name: str, variables: dict | None, who: str | None) -> Result:
        if who is None:
            return await self.api.gql(document(name), variables)
        return await self.api.gql(document(name), variables, token=self.token(who),
                                  tenant="alpha")

    async def ok(self, name: str, variables: dict | None, who: str | None, *,
                 root: str | None = None, expect_errors: bool = False) -> Any:
        """The root field's value; payload `errors` must be empty, or (expect_errors) their
        codes are returned."""
        data = (await self.send(name, variables, who)).ok()
        payload = data[root] if root else next(iter(data.values()))
        if expect_errors:
            return {e["code"] for e in payload["errors"]}
        if isinstance(payload, dict) and "errors" in payload:
            assert payload["errors"] == [], (name, payload)
        return payload

    async def refusal(self, name: str, variables: dict, who: str) -> set[str]:
        """Codes of a refused write: top-level (NOT_FOUND, CONFLICT...) or payload errors."""
        result = await self.send(name, variables, who)
        if result.errors:
            return set(result.codes)
        return {e["code"] for e in next(iter(result.data.values()))["errors"]}

    async def advance(self, cycle_id: str, to: str) -> dict:
        version = (await self.ok("Cycle", {"id": cycle_id}, "hr.alpha"))["version"]
        cycle = (await self.ok("AdvanceCycle", {"input": {"id": cycle_id, "to": to,
                                                          "version": version}},
                               "hr.alpha"))["cycle"]
        assert cycle["state"] == to
        return cycle

    def unit(self, world, code: str) -> str:
        return gid("OrgUnit", world.unit_id("alpha", code))

    async def link_login(self, key: str, username: str, display: str, roles: list[str]) -> None:
        """A login for a world employee: createUser (admin), updateEmployee userId (HR),
        then login."""
        user = (await self.ok("CreateUser", {"input": {
            "username": username, "displayName": display, "password": PASSWORD,
            "roles": roles}}, "admin.alpha"))["user"]
        employee = gid("Employee", self.api.world.employee_id("alpha", key))
        await self.ok("UpdateEmployee", {"input": {"id": employee, "userId": user["id"]}},
                      "hr.alpha")
        login = await self.ok("Login", {"username": username, "password": PASSWORD}, None)
        self.tokens[key] = login["token"]


async def upload(c: Client, who: str):
    return await c.api.client.post("/files", headers=c.headers(who), files={
        "file": ("rekap-surat-q1.pdf", PDF, "application/pdf")})


async def audit_actions(c: Client, object_id: str) -> list[tuple[str, str, Any]]:
    """(action, actor username, reason) of an object's audit events, oldest first, as read by
    the auditor."""
    page = await c.ok("AuditEvents", {"objectId": object_id, "first": 100}, "auditor.alpha")
    events = [e["node"] for e in reversed(page["edges"])]
    return [(e["action"], e["actorUsername"], (e["after"] or {}).get("reason"))
            for e in events]


async def assert_closed_everywhere(c: Client, cycle: dict, env: dict, periods: dict,
                                   rated: dict, objection: str, unit: str) -> None:
    """After closing, every write of the year is refused with CYCLE_CLOSED."""
    skps, q2 = env["skps"], periods["Q2"]
    writes = [
        ("AdvanceCycle", {"input": {"id": cycle["id"], "to": "CALIBRATION"}}, "hr.alpha"),
        ("SaveSkpPlan", {"input": {"skpId": skps["staff2"], "workResults": [
            {"kind": "UTAMA", "text": "Rencana baru", "indicators": [
                {"aspect": "KUALITAS", "text": "Mutu", "targetText": "Baik"}]}]}}, "staff2"),
        ("ReturnSkp", {"input": {"id": skps["staff"], "comment": "Ubah"}}, "rater.alpha"),
        ("SaveRealisation", {"input": {"indicatorId": env["indicators"]["KUANTITAS"],
                                       "periodId": q2, "value": 30, "version": 0}},
         "staff.alpha"),
        ("GiveFeedback", {"input": {"skpId": skps["staff"], "text": "Terlambat"}},
         "rater.alpha"),
        ("ReplyToFeedback", {"input": {"threadId": env["thread"], "text": "Terlambat"}},
         "staff.alpha"),
        ("SaveSelfAssessment", {"input": {"skpId": skps["staff"], "periodId": q2,
                                          "overallComment": "Q2"}}, "staff.alpha"),
        ("NominateReviewers", {"input": {"skpId": skps["staff"], "periodId": q2, "reviewers": [
            {"employeeId": env["peer"], "relation": "PEER"}]}}, "rater.alpha"),
        ("RateResult", {"input": {"skpId": skps["staff"], "periodId": q2,
                                  "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}},
         "rater.alpha"),
        ("SetOrganisationResult", {"input": {"unitId": unit, "periodId": q2,
                                             "result": "BAIK"}}, "hr.alpha"),
        ("CalibrateResult", {"input": {"resultId": rated["staff2"]["id"], "reason": "x",
                                       "ratingHasil": "DI_ATAS"}}, "hr.alpha"),
        ("ReleaseResults", {"input": {"cycleId": cycle["id"], "periodId": periods["Q1"]}},
         "hr.alpha"),
        ("ReopenResult", {"input": {"resultId": rated["staff2"]["id"], "reason": "x"}},
         "hr.alpha"),
        ("FileObjection", {"input": {"resultId": rated["rater"]["id"], "reasons": "x"}},
         "rater.alpha"),
        ("AcknowledgeResult", {"input": {"resultId": rated["rater"]["id"]}}, "rater.alpha"),
        ("RequestObjectionExplanation", {"input": {"objectionId": objection,
                                                   "parties": ["RATER"]}}, "head"),
    ]
    refused = {name: frozenset(await c.refusal(name, variables, who))
               for name, variables, who in writes}
    # SKP transitions report every problem at once (ReturnSkp adds INVALID_TRANSITION)
    assert all("CYCLE_CLOSED" in codes for codes in refused.values()), refused
    assert refused["ReturnSkp"] == {"CYCLE_CLOSED", "INVALID_TRANSITION"}
    assert {codes for name, codes in refused.items() if name != "ReturnSkp"} == {
        frozenset({"CYCLE_CLOSED"})}, refused
    after = await c.ok("Result", {"id": rated["staff2"]["id"]}, "hr.alpha")
    assert (after["status"], after["predikat"], after["version"]) == (
        "FINAL", "BAIK", rated["staff2"]["version"] + 2)  # rated, released, acknowledged
    assert (await c.ok("Cycle", {"id": cycle["id"]}, "hr.alpha"))["state"] == "CLOSED"
