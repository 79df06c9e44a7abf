"""The "who viewed" trail: reading another person's result, its explanation or a 360
aggregate is recorded (once per 15-minute window), shown to the person it concerns
(`myDataViews`) and to auditors (`dataViews`); one's own reads are not recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from kinerja.audit import data_views
from kinerja.models import DataView
from kinerja.models.base import utcnow
from tests.support.api import gid
from tests.support.results import rate, release, running_cycle, set_today

APRIL = date(2027, 4, 5)
VIEW = "id at kind viewerUserId viewerUsername viewerName subjectName skpId periodId resultId"
MINE = ("query($f:Int,$a:String){myDataViews(first:$f,after:$a){totalCount nodes{" + VIEW +
        "} pageInfo{hasNextPage endCursor}}}")
ALL = ("query($e:ID,$v:ID,$f:Int,$a:String){dataViews(subjectEmployeeId:$e,viewerUserId:$v,"
       "first:$f,after:$a){"
       "totalCount nodes{" + VIEW + "}}}")
READ = "query($id:ID!){result(id:$id){id predikat}}"
EXPLAINED = ("query($id:ID!){result(id:$id){id explanation{ratingHasil "
             "feedback360{status}}}}")
SUMMARY = "query($s:ID!,$p:ID!){reviewSummary(skpId:$s,periodId:$p){status}}"
LIST = ("query($c:ID!,$p:ID!,$n:Int){results(cycleId:$c,periodId:$p,first:$n){nodes{id "
        "explanation{ratingHasil}}}}")


async def _released(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    rated = (await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI"))["result"]
    await rate(api, cycle, "staff2", "Q1", "SESUAI", "SESUAI")
    await release(api, cycle, "Q1")
    return cycle, rated["id"]


async def _mine(api, user="staff.alpha", **variables) -> dict:
    return (await api.gql(MINE, variables or None, user=user)).ok()["myDataViews"]


async def _rows(db, world) -> list:
    async with db.unit_of_work(tenant_id=world.tenant_id("alpha")) as session:
        return (await session.execute(sa.select(DataView.kind, DataView.viewer_user_id)
                                      .order_by(DataView.at, DataView.kind))).all()


async def test_reading_another_persons_result_is_shown_to_them(api, db, world, monkeypatch):
    cycle, result_id = await _released(api, db, world, monkeypatch)
    rater_views = await _mine(api)  # the rater saw the result in rateResult's payload
    assert {(n["viewerUsername"], n["kind"]) for n in rater_views["nodes"]} == {
        ("rater.alpha", "RESULT"), ("rater.alpha", "RESULT_EXPLANATION")}
    (await api.gql(EXPLAINED, {"id": result_id}, user="hr.alpha")).ok()
    views = await _mine(api)
    hr = [n for n in views["nodes"] if n["viewerUsername"] == "hr.alpha"]
    assert {n["kind"] for n in hr} == {"RESULT", "RESULT_EXPLANATION", "REVIEW_SUMMARY"}
    first = hr[0]
    assert first["viewerName"] == "Hr Alpha" and first["subjectName"] == "Alpha Staff"
    assert first["viewerUserId"] == gid("User", world.user_id("hr.alpha"))
    assert first["skpId"] == cycle.skps["staff"] and first["periodId"] == cycle.periods["Q1"]
    assert first["resultId"] == result_id
    assert views["totalCount"] == 5
    (await api.gql(READ, {"id": result_id}, user="staff.alpha")).ok()  # one's own: not recorded
    (await api.gql(EXPLAINED, {"id": result_id}, user="staff.alpha")).ok()
    assert (await _mine(api))["totalCount"] == 5
    rater_own = await _mine(api, user="rater.alpha")
    assert rater_own["nodes"] == []  # the rater's own result was never read


async def test_repeated_views_in_a_window_are_recorded_once_and_never_cached(
        api, db, services, world, monkeypatch):
    _cycle, result_id = await _released(api, db, world, monkeypatch)
    hits = services.responses.hits
    for _ in range(3):
        (await api.gql(READ, {"id": result_id}, user="hr.alpha")).ok()
    assert services.responses.hits == hits  # every read executed (and passed the trail)
    hr = world.user_id("hr.alpha")
    assert [k for k, v in await _rows(db, world) if v == hr] == ["RESULT"]
    later = utcnow() + data_views.VIEW_WINDOW
    monkeypatch.setattr(data_views, "utcnow", lambda: later)
    (await api.gql(READ, {"id": result_id}, user="hr.alpha")).ok()
    assert [k for k, v in await _rows(db, world) if v == hr] == ["RESULT", "RESULT"]
    cached = "{cycles{id}}"
    (await api.gql(cached, user="hr.alpha")).ok()
    (await api.gql(cached, user="hr.alpha")).ok()
    assert services.responses.hits == hits + 1  # other reads are still cached


async def test_a_360_aggregate_read_is_recorded(api, db, world, monkeypatch):
    cycle, _ = await _released(api, db, world, monkeypatch)
    variables = {"s": cycle.skps["staff"], "p": cycle.periods["Q1"]}
    (await api.gql(SUMMARY, variables, user="hr.alpha")).ok()
    (await api.gql(SUMMARY, variables, user="staff.alpha")).ok()  # own: not recorded
    views = [n for n in (await _mine(api))["nodes"] if n["kind"] == "REVIEW_SUMMARY"]
    assert [(n["viewerUsername"], n["resultId"]) for n in views] == [("hr.alpha", None)]


async def test_a_failed_operation_still_records_what_it_showed(api, db, world, monkeypatch):
    _cycle, result_id = await _released(api, db, world, monkeypatch)
    both = ("query($id:ID!){result(id:$id){id} "
            "selfAssessment(skpId:\"bad\",periodId:\"bad\"){id}}")  # nullable: data stays
    answer = await api.gql(both, {"id": result_id}, user="hr.alpha")
    assert answer.codes == ["INVALID_ID"] and answer.data["result"]["id"] == result_id
    assert ("RESULT", world.user_id("hr.alpha")) in await _rows(db, world)


async def test_a_results_page_records_every_view_in_one_statement(
        api, db, world, monkeypatch, sql_counter):
    cycle, _ = await _released(api, db, world, monkeypatch)
    for size in (1, 2):
        later = utcnow() + data_views.VIEW_WINDOW * size
        monkeypatch.setattr(data_views, "utcnow", lambda later=later: later)
        before = len(sql_counter.statements)
        nodes = (await api.gql(LIST, {"c": cycle.id, "p": cycle.periods["Q1"], "n": size},
                               user="auditor.alpha")).ok()["results"]["nodes"]
        inserts = [s for s in sql_counter.statements[before:] if "data_view" in s]
        assert len(nodes) == size and len(inserts) == 1, inserts
    auditor = world.user_id("auditor.alpha")
    assert sorted(k for k, v in await _rows(db, world) if v == auditor) == [
        "RESULT", "RESULT", "RESULT", "RESULT_EXPLANATION", "RESULT_EXPLANATION",
        "RESULT_EXPLANATION"]


async def test_auditors_see_every_view_with_filters(api, db, world, monkeypatch):
    _cycle, result_id = await _released(api, db, world, monkeypatch)
    (await api.gql(READ, {"id": result_id}, user="hr.alpha")).ok()
    everything = (await api.gql(ALL, {}, user="auditor.alpha")).ok()["dataViews"]
    assert everything["totalCount"] == 5  # rater x2 per result, hr x1
    staff = gid("Employee", world.employee_id("alpha", "staff"))
    of_staff = (await api.gql(ALL, {"e": staff}, user="auditor.alpha")).ok()["dataViews"]
    assert of_staff["totalCount"] == 3
    by_hr = (await api.gql(ALL, {"v": gid("User", world.user_id("hr.alpha"))},
                           user="admin.alpha")).ok()["dataViews"]
    assert [n["kind"] for n in by_hr["nodes"]] == ["RESULT"]
    assert (await api.gql(ALL, {}, user="auditor.beta")).ok()["dataViews"]["nodes"] == []
    for caller in ("staff.alpha", "hr.alpha", "rater.alpha"):
        assert (await api.gql(ALL, {}, user=caller)).codes == ["FORBIDDEN"]


async def test_my_data_views_pages_newest_first(api, db, world, monkeypatch):
    _cycle, result_id = await _released(api, db, world, monkeypatch)
    for step, viewer in enumerate(("hr.alpha", "auditor.alpha", "admin.alpha")):
        later = utcnow() + timedelta(seconds=step + 1)
        monkeypatch.setattr(data_views, "utcnow", lambda later=later: later)
        (await api.gql(READ, {"id": result_id}, user=viewer)).ok()
    page = await _mine(api, f=2)
    assert [n["viewerUsername"] for n in page["nodes"]] == ["admin.alpha", "auditor.alpha"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await _mine(api, f=10, a=page["pageInfo"]["endCursor"])
    assert rest["nodes"][0]["viewerUsername"] == "hr.alpha"
    assert rest["pageInfo"]["hasNextPage"] is False and len(rest["nodes"]) == 3


@pytest.mark.parametrize("variables, code", [({"f": 0}, "PAGE_SIZE"), ({"f": 1000}, "PAGE_SIZE"),
                                             ({"a": "bm9wZQ=="}, "INVALID_CURSOR")])
async def test_bad_page_arguments_are_typed_errors(api, variables, code):
    assert (await api.gql(MINE, variables, user="staff.alpha")).codes == [code]
    assert (await api.gql(ALL, variables, user="auditor.alpha")).codes == [code]


async def test_bad_filters_are_typed_errors(api, world):
    for variables in ({"e": "bad-id"}, {"v": gid("Employee", world.employee_id("alpha", "staff"))}):
        assert (await api.gql(ALL, variables, user="auditor.alpha")).codes == ["INVALID_ID"]


async def test_my_data_views_needs_a_signed_in_member(api):
    assert (await api.gql(MINE)).codes == ["UNAUTHENTICATED"]
    assert (await api.gql(MINE, user="platform.root")).codes == ["TENANT_REQUIRED"]
