"""Analyses on the Pauh demo: predikat per unit and its trend (scoped like `results`), and
fairness per rater (thresholded, a rater sees only themselves); constant statement counts.
Both backends."""

from __future__ import annotations

import dataclasses
from collections import Counter

import httpx
import sqlalchemy as sa

from kinerja.app import Services, create_app
from kinerja.auth.tokens import issue_token
from kinerja.graphql.relay import to_global_id
from kinerja.models import Employee, PerformanceResult, Period, Skp
from tests.conftest import SCHEMA, TEST_SETTINGS

BY_UNIT = ("query($p:ID!){predikatByUnit(periodId:$p){units{unitId unitName distribution{"
           "total counts{predikat count share}}}}}")
TREND = ("query($u:ID){predikatTrend(unitId:$u){periodId year periodKind periodNumber "
         "distribution{total}}}")
FAIRNESS = ("query($p:ID!){raterFairness(periodId:$p){minRatees agency{meanScore sdScore "
            "distribution{total}} raters{raterId raterName ratees distance meanScore leniency "
            "distribution{total counts{predikat count}} selfGap{mean compared} "
            "feedback360Gap{mean compared}}}}")


def _tenant(data):
    return next(t for t in data.tenants if any("hr" in u.roles for u in t.users)
                and any("rater" in u.roles for u in t.users))


def _user(tenant, role):
    return next(u for u in tenant.users if role in u.roles)


async def _rows(db, tenant_id):
    async with db.session(tenant_id=tenant_id) as session:
        return (await session.execute(
            sa.select(PerformanceResult.period_id, PerformanceResult.predikat, Employee.unit_id,
                      Skp.rater_id, Skp.id.label("skp_id"), Period.number, Employee.user_id,
                      PerformanceResult.status)
            .join(Skp, Skp.id == PerformanceResult.skp_id)
            .join(Employee, Employee.id == Skp.employee_id)
            .join(Period, Period.id == PerformanceResult.period_id))).all()


async def _ask(http, settings, loaded, tenant, username, query, variables):
    token = issue_token(settings, loaded.user_ids[username]).token
    response = await http.post("/graphql", json={"query": query, "variables": variables},
                               headers={"authorization": f"Bearer {token}",
                                        "x-tenant": tenant.slug})
    return response.json()


def _client(db, **overrides):
    settings = dataclasses.replace(TEST_SETTINGS, **overrides)
    services = Services(settings, db, schema=SCHEMA)
    app = create_app(services=services)
    return settings, httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                       base_url="http://kinerja.test")


async def test_predikat_per_unit_and_trend_count_what_the_reader_may_read(db, demo):
    data, loaded = demo
    tenant = _tenant(data)
    rows = await _rows(db, loaded.tenant_ids[tenant.slug])
    q2 = next(r.period_id for r in rows if r.number == 2)
    hr_id = loaded.user_ids[_user(tenant, "hr").username]
    rows = [r for r in rows if not (r.user_id == hr_id and r.status == "RATED")]  # own: hidden
    settings, http = _client(db)
    async with http:
        hr = await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username, BY_UNIT,
                        {"p": to_global_id("Period", q2)})
        units = hr["data"]["predikatByUnit"]["units"]
        expected = Counter(r.predikat for r in rows if r.period_id == q2)
        agency = units[0]
        assert agency["unitId"] is None
        assert {c["predikat"]: c["count"] for c in agency["distribution"]["counts"]
                if c["count"]} == dict(expected)
        assert sum(u["distribution"]["total"] for u in units[1:]) == agency["distribution"][
            "total"]
        assert all(u["unitName"] for u in units[1:])
        by_unit = Counter(r.unit_id for r in rows if r.period_id == q2)
        assert {u["unitId"]: u["distribution"]["total"] for u in units[1:]} == {
            to_global_id("OrgUnit", k): v for k, v in by_unit.items()}
        staff = await _ask(http, settings, loaded, tenant, _user(tenant, "staff").username,
                           BY_UNIT, {"p": to_global_id("Period", q2)})
        assert staff["data"]["predikatByUnit"]["units"][0]["distribution"]["total"] == 0
        trend = await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username,
                           TREND, {})
        points = trend["data"]["predikatTrend"]
        assert [p["periodNumber"] for p in points] == sorted({r.number for r in rows})
        assert sum(p["distribution"]["total"] for p in points) == len(rows)
        foreign = next(t for t in data.tenants if t.slug != tenant.slug)
        other = (await _rows(db, loaded.tenant_ids[foreign.slug]))[0].period_id
        refused = await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username,
                             BY_UNIT, {"p": to_global_id("Period", other)})
        assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_fairness_per_rater_thresholded_and_scoped(db, demo):
    data, loaded = demo
    tenant = _tenant(data)
    rows = await _rows(db, loaded.tenant_ids[tenant.slug])
    q1 = next(r.period_id for r in rows if r.number == 1)
    ratees = Counter(r.rater_id for r in rows if r.period_id == q1 and r.rater_id)
    settings, http = _client(db, fairness_min_ratees=1)
    async with http:
        answer = await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username,
                            FAIRNESS, {"p": to_global_id("Period", q1)})
        report = answer["data"]["raterFairness"]
        assert report["minRatees"] == 1 and report["agency"]["meanScore"] is not None
        shown = {r["raterId"]: r for r in report["raters"]}
        assert {k: r["ratees"] for k, r in shown.items()} == {
            to_global_id("Employee", k): v for k, v in ratees.items()}
        mean = report["agency"]["meanScore"]
        for rater in report["raters"]:
            assert 0 <= rater["distance"] <= 1 and rater["raterName"]
            assert (rater["leniency"] > 0) == (rater["meanScore"] > mean) or \
                rater["leniency"] == 0
            assert rater["distribution"]["total"] == rater["ratees"]
        leniencies = [abs(r["leniency"]) for r in report["raters"]]
        assert leniencies == sorted(leniencies, reverse=True)
        rater_user = next(u for u in tenant.users if "rater" in u.roles and u.employee_key)
        own = await _ask(http, settings, loaded, tenant, rater_user.username, FAIRNESS,
                         {"p": to_global_id("Period", q1)})
        mine = own["data"]["raterFairness"]["raters"]
        employee = loaded.employee_ids[(tenant.slug, rater_user.employee_key)]
        assert [r["raterId"] for r in mine] in ([], [to_global_id("Employee", employee)])
        staff = await _ask(http, settings, loaded, tenant, _user(tenant, "staff").username,
                           FAIRNESS, {"p": to_global_id("Period", q1)})
        assert staff["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    settings, http = _client(db, fairness_min_ratees=max(ratees.values()) + 1)
    async with http:
        answer = await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username,
                            FAIRNESS, {"p": to_global_id("Period", q1)})
        assert answer["data"]["raterFairness"]["raters"] == []


async def test_analyses_use_a_constant_number_of_statements(db, demo, sql_counter):
    data, loaded = demo
    counts = {}
    settings, http = _client(db, fairness_min_ratees=1, response_cache_size=0)
    async with http:
        for tenant in data.tenants:
            rows = await _rows(db, loaded.tenant_ids[tenant.slug])
            if not rows or not any("hr" in u.roles for u in tenant.users):
                continue
            period = to_global_id("Period", rows[0].period_id)
            hr = _user(tenant, "hr").username
            for name, query, variables in (("unit", BY_UNIT, {"p": period}),
                                           ("progress", PROGRESS, {"p": period}),
                                           ("trend", TREND, {}),
                                           ("fairness", FAIRNESS, {"p": period})):
                await _ask(http, settings, loaded, tenant, hr, query, variables)  # warm
                before = sql_counter.count
                answer = await _ask(http, settings, loaded, tenant, hr, query, variables)
                assert "errors" not in answer, answer
                counts.setdefault(name, set()).add(sql_counter.count - before)
    assert all(len(found) == 1 for found in counts.values()), counts  # whatever the data size
    assert max(max(found) for found in counts.values()) <= 10, counts


async def test_analyses_read_off_the_orm_session(db, demo):
    """Predikat per unit, its trend and progress (agency and a unit's people) are hot reads
    (issue 12): none of their statements goes through the ORM session's execute, which adds
    the tenant criteria per execution (kinerja.db); kit/compiled.py binds them instead."""
    from sqlalchemy.orm import Session

    data, loaded = demo
    tenant = _tenant(data)
    rows = await _rows(db, loaded.tenant_ids[tenant.slug])
    period = to_global_id("Period", rows[0].period_id)
    unit = to_global_id("OrgUnit", next(r.unit_id for r in rows if r.unit_id))
    through_orm: list[str] = []

    def record(state) -> None:
        through_orm.append(str(state.statement))

    settings, http = _client(db, response_cache_size=0)
    async with http:
        # the policies load through the ORM once, when the app first answers
        await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username, TREND, {})
        sa.event.listen(Session, "do_orm_execute", record)
        try:
            for role in ("hr", "rater", "staff"):
                username = _user(tenant, role).username
                for query, variables in ((BY_UNIT, {"p": period}), (TREND, {}),
                                         (TREND, {"u": unit}), (PROGRESS, {"p": period}),
                                         (PROGRESS, {"p": period, "u": unit})):
                    answer = await _ask(http, settings, loaded, tenant, username, query,
                                        variables)
                    assert "errors" not in answer, (role, query, answer)
        finally:
            sa.event.remove(Session, "do_orm_execute", record)
    assert through_orm == []


PROGRESS = ("query($p:ID!,$u:ID){progress(periodId:$p,unitId:$u){unitId unitName employeeId "
            "employeeName skps skpsByStatus{status count} indicators indicatorsRealised "
            "realisationShare achievement achievementIndicators evidence}}")


async def test_progress_per_unit_and_person(db, demo, sql_counter):
    from kinerja.models import Cycle, Evidence, Indicator, Realisation, WorkResult

    data, loaded = demo
    tenant = _tenant(data)
    tenant_id = loaded.tenant_ids[tenant.slug]
    async with db.session(tenant_id=tenant_id) as session:
        period = (await session.execute(
            sa.select(Period.id, Period.cycle_id)
            .join(Realisation, Realisation.period_id == Period.id).limit(1))).first()
        skps = (await session.execute(sa.select(Skp.id, Skp.status, Employee.unit_id)
                                      .join(Employee, Employee.id == Skp.employee_id)
                                      .where(Skp.cycle_id == period.cycle_id))).all()
        indicators = (await session.execute(sa.select(sa.func.count(Indicator.id))
                                            .join(WorkResult,
                                                  WorkResult.id == Indicator.work_result_id)
                                            .join(Skp, Skp.id == WorkResult.skp_id)
                                            .where(Skp.cycle_id == period.cycle_id))).scalar()
        realised = (await session.execute(
            sa.select(sa.func.count(sa.distinct(Realisation.indicator_id)))
            .where(Realisation.period_id == period.id))).scalar()
        evidence = (await session.execute(
            sa.select(sa.func.count(Evidence.id))
            .join(Realisation, Realisation.id == Evidence.realisation_id)
            .where(Realisation.period_id == period.id))).scalar()
        assert (await session.execute(sa.select(Cycle.id))).first()
    settings, http = _client(db, response_cache_size=0)
    async with http:
        hr = _user(tenant, "hr").username
        answer = await _ask(http, settings, loaded, tenant, hr, PROGRESS,
                            {"p": to_global_id("Period", period.id)})
        rows = answer["data"]["progress"]
        agency = rows[0]
        assert agency["unitId"] is None and agency["skps"] == len(skps)
        assert {s["status"]: s["count"] for s in agency["skpsByStatus"]} == dict(
            Counter(s.status for s in skps))
        assert (agency["indicators"], agency["indicatorsRealised"], agency["evidence"]) == (
            indicators, realised, evidence)
        assert realised > 0 and 0 < agency["realisationShare"] <= 1
        assert sum(r["skps"] for r in rows[1:]) == agency["skps"]
        unit = next(r for r in rows[1:] if r["skps"] > 1)
        before = sql_counter.count
        people = (await _ask(http, settings, loaded, tenant, hr, PROGRESS, {
            "p": to_global_id("Period", period.id), "u": unit["unitId"]}))["data"]["progress"]
        statements = sql_counter.count - before
        assert len(people) == unit["skps"] and all(p["employeeName"] for p in people)
        assert sum(p["indicators"] for p in people) == unit["indicators"]
        assert statements <= 8, statements  # identity, period, unit, rows, unit names
        staff = await _ask(http, settings, loaded, tenant, _user(tenant, "staff").username,
                           PROGRESS, {"p": to_global_id("Period", period.id)})
        assert staff["data"]["progress"][0]["skps"] == 1  # their own SKP only
        bad = await _ask(http, settings, loaded, tenant, hr, PROGRESS, {
            "p": to_global_id("Period", period.id), "u": to_global_id("OrgUnit", period.id)})
        assert bad["errors"][0]["extensions"]["code"] == "NOT_FOUND"


FEEDBACK = ("query($p:ID!){feedbackByUnit(periodId:$p){threshold suppressedUnits units{unitId "
            "unitName people answers values{value mean}}}}")


async def test_feedback_means_per_unit_obey_the_anonymity_threshold(db, demo):
    from kinerja.models import ReviewRequest
    from kinerja.reviews.aggregates import published_for
    from kinerja.reviews.repository import ReviewRepository

    data, loaded = demo
    checked = 0
    for tenant in data.tenants:
        if not any("hr" in u.roles for u in tenant.users):
            continue
        tenant_id = loaded.tenant_ids[tenant.slug]
        async with db.session(tenant_id=tenant_id) as session:
            period = (await session.execute(
                sa.select(ReviewRequest.period_id, Period.cycle_id)
                .join(Period, Period.id == ReviewRequest.period_id)
                .where(ReviewRequest.status == "SUBMITTED").limit(1))).first()
            if period is None:
                continue
            units = dict((await session.execute(
                sa.select(Skp.id, Employee.unit_id).join(Employee, Employee.id == Skp.employee_id)
                .where(Skp.cycle_id == period.cycle_id))).all())
            repo = ReviewRepository(session)
            threshold = await repo.threshold(period.cycle_id)
            published = await published_for(repo, list(units), period.period_id, threshold)
        with_feedback = Counter(units[s] for s, p in published.items() if p.combined)
        settings, http = _client(db)
        async with http:
            hr = _user(tenant, "hr").username
            answer = await _ask(http, settings, loaded, tenant, hr, FEEDBACK,
                                {"p": to_global_id("Period", period.period_id)})
            report = answer["data"]["feedbackByUnit"]
            assert report["threshold"] == threshold
            shown = {u["unitId"]: u["people"] for u in report["units"]}
            expected = {to_global_id("OrgUnit", k): v for k, v in with_feedback.items()
                        if v >= threshold}
            total = sum(with_feedback.values())
            if total >= threshold:
                expected[None] = total
            assert shown == expected
            assert report["suppressedUnits"] == sum(1 for v in with_feedback.values()
                                                    if v < threshold)
            for unit in report["units"]:
                assert all(v["mean"] is None or 1 <= v["mean"] <= 5 for v in unit["values"])
            staff = await _ask(http, settings, loaded, tenant, _user(tenant, "staff").username,
                               FEEDBACK, {"p": to_global_id("Period", period.period_id)})
            assert staff["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        checked += 1
    assert checked >= 1


def test_unit_means_weigh_each_published_answer_once():
    from types import SimpleNamespace as NS

    from kinerja.analysis.feedback import UnitFeedback

    unit = UnitFeedback(None)
    unit.add(NS(response_count=3, values=[NS(value="BERORIENTASI_PELAYANAN", mean=4.0, count=3)]))
    unit.add(NS(response_count=6, values=[NS(value="BERORIENTASI_PELAYANAN", mean=1.0, count=6)]))
    means = unit.means()
    assert means["BERORIENTASI_PELAYANAN"] == 2.0 and unit.answers == 9 and unit.people == 2
    assert all(m is None for v, m in means.items() if v != "BERORIENTASI_PELAYANAN")


JP_UNITS = ("query($y:Int!){jpComplianceByUnit(year:$y){unitId unitName employees below "
            "complianceShare meanJp}}")
JP_LIST = ("query($y:Int!,$u:ID){jpCompliance(year:$y,unitId:$u,first:100){totalCount "
           "belowCount}}")


async def test_jp_compliance_per_unit_agrees_with_the_list(db, demo):
    data, loaded = demo
    tenant = _tenant(data)
    settings, http = _client(db)
    async with http:
        hr = _user(tenant, "hr").username
        units = (await _ask(http, settings, loaded, tenant, hr, JP_UNITS, {"y": 2026}))[
            "data"]["jpComplianceByUnit"]
        assert units[0]["unitId"] is None
        assert units[0]["employees"] == sum(u["employees"] for u in units[1:]) > 0
        for unit in units:
            listed = (await _ask(http, settings, loaded, tenant, hr, JP_LIST,
                                 {"y": 2026, "u": unit["unitId"]}))["data"]["jpCompliance"]
            assert (unit["employees"], unit["below"]) == (listed["totalCount"],
                                                          listed["belowCount"]), unit
            if unit["employees"]:
                assert unit["complianceShare"] == round(
                    (unit["employees"] - unit["below"]) / unit["employees"], 4)
        bad = await _ask(http, settings, loaded, tenant, hr, JP_UNITS, {"y": 1900})
        assert bad["errors"][0]["extensions"]["code"]


HEATMAP = ("{competencyGapHeatmap{unitId unitName competencyCode employees withGap gapShare "
           "meanGap}}")
MATRIX = ("query($u:ID){competencyGapMatrix(unitId:$u,first:100){rows{nodes{employee{id} "
          "cells{competencyCode requiredLevel actualLevel gap}}}}}")


async def test_gap_heatmap_per_unit_agrees_with_the_matrix(db, demo):
    data, loaded = demo
    tenant = _tenant(data)
    settings, http = _client(db)
    async with http:
        hr = _user(tenant, "hr").username
        cells = (await _ask(http, settings, loaded, tenant, hr, HEATMAP, {}))["data"][
            "competencyGapHeatmap"]
        assert cells and all(0 <= c["gapShare"] <= 1 and c["meanGap"] >= 0 for c in cells)
        unit = cells[0]["unitId"]
        matrix = (await _ask(http, settings, loaded, tenant, hr, MATRIX, {"u": unit}))
        assert "data" in matrix, matrix
        rows = matrix["data"]["competencyGapMatrix"]["rows"]["nodes"]
        for cell in (c for c in cells if c["unitId"] == unit):
            needed = [x for r in rows for x in r["cells"]
                      if x["competencyCode"] == cell["competencyCode"] and x["requiredLevel"] > 0]
            assert cell["employees"] == len(needed), cell
            assert cell["withGap"] == sum(1 for x in needed
                                          if x["actualLevel"] < x["requiredLevel"])
        staff = await _ask(http, settings, loaded, tenant, _user(tenant, "staff").username,
                           HEATMAP, {})
        own = staff.get("data", {}).get("competencyGapHeatmap") if "data" in staff else None
        assert own is None or all(c["employees"] == 1 for c in own)  # at most themselves


async def test_the_demo_has_a_lenient_and_a_severe_rater(db, demo):
    """With the default threshold (5 ratees), Puskesmas shows a lenient rater and the school
    a severe one (demo/results.py BIASED_RATERS)."""
    data, loaded = demo
    settings, http = _client(db)
    found = {}
    async with http:
        for slug in ("puskesmas-pauh", "sdn-pauh"):
            tenant = next(t for t in data.tenants if t.slug == slug)
            async with db.session(tenant_id=loaded.tenant_ids[slug]) as session:
                period = (await session.execute(sa.select(PerformanceResult.period_id).join(
                    Period, Period.id == PerformanceResult.period_id).where(
                        Period.number == 1).limit(1))).scalar()
            answer = await _ask(http, settings, loaded, tenant, _user(tenant, "hr").username,
                                FAIRNESS, {"p": to_global_id("Period", period)})
            raters = answer["data"]["raterFairness"]["raters"]
            found[slug] = [r["leniency"] for r in raters]
    assert any(v > 0.5 for v in found["puskesmas-pauh"]), found
    assert any(v < -0.5 for v in found["sdn-pauh"]), found


DISTRIBUTION = ("query($p:ID!,$u:ID!){resultDistribution(periodId:$p,unitId:$u){"
                "organisationResult{result} groups{predikat count} warnings{code}}}")


async def test_the_demo_has_a_unit_below_its_pattern(db, demo):
    """The Camat office's Sekretariat has the organisation result ISTIMEWA, yet Sangat
    Baik is not its largest group: the distribution check warns, and the per-unit analysis
    shows the unit without a single Sangat Baik (demo/results.py BELOW_PATTERN)."""
    from kinerja.demo.results import BELOW_PATTERN

    data, loaded = demo
    slug, code = next(iter(BELOW_PATTERN.items()))
    tenant = data.tenant(slug)
    unit = to_global_id("OrgUnit", loaded.unit_ids[(slug, code)])
    async with db.session(tenant_id=loaded.tenant_ids[slug]) as session:
        q1 = (await session.execute(sa.select(Period.id).join(
            PerformanceResult, PerformanceResult.period_id == Period.id).where(
                Period.number == 1).limit(1))).scalar()
    settings, http = _client(db)
    async with http:
        hr = _user(tenant, "hr").username
        checked = (await _ask(http, settings, loaded, tenant, hr, DISTRIBUTION,
                              {"p": to_global_id("Period", q1), "u": unit}))["data"][
            "resultDistribution"]
        by_unit = (await _ask(http, settings, loaded, tenant, hr, BY_UNIT,
                              {"p": to_global_id("Period", q1)}))["data"]["predikatByUnit"]
    assert checked["organisationResult"] == {"result": "ISTIMEWA"}
    assert checked["warnings"], checked
    counts = {g["predikat"]: g["count"] for g in checked["groups"]}
    assert sum(counts.values()) >= 3 and counts.get("SANGAT_BAIK", 0) == 0
    row = next(u for u in by_unit["units"] if u["unitId"] == unit)
    shown = {c["predikat"]: c["count"] for c in row["distribution"]["counts"]}
    assert shown["SANGAT_BAIK"] == 0 and row["distribution"]["total"] == sum(counts.values())
