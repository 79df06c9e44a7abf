"""Cases of tests/api/test_operations.py for the analysis operations (on `with_results`)."""

from __future__ import annotations

from tests.isolation.cases_results import q1, sec, with_results


async def period(api, world, db):
    await with_results(db, None, world)
    return {"periodId": q1(world, "alpha")}


async def unit(api, world, db):
    await with_results(db, None, world)
    return {"unitId": sec(world, "alpha")}


def check_by_unit(data, world):
    units = data["predikatByUnit"]["units"]
    assert units[0]["unitId"] is None and units[0]["distribution"]["total"] == 2, data


def check_trend(data, world):
    assert [p["distribution"]["total"] for p in data["predikatTrend"]] == [2], data


def check_fairness(data, world):
    report = data["raterFairness"]
    assert report["minRatees"] == 5 and report["raters"] == [], data  # 2 ratees: below 5


def check_progress(data, world):
    rows = data["progress"]
    assert rows[0]["unitId"] is None and rows[0]["skps"] >= 1, data


def check_feedback(data, world):
    report = data["feedbackByUnit"]
    assert report["threshold"] >= 1 and report["units"] == [], data  # no 360 answers here


async def none(api, world):
    return {}


def check_heatmap(data, world):
    cells = data["competencyGapHeatmap"]
    assert cells and all(c["employees"] >= c["withGap"] >= 0 for c in cells), data


async def year(api, world):
    return {"year": 2026}


def check_jp_units(data, world):
    rows = data["jpComplianceByUnit"]
    assert rows[0]["unitId"] is None and rows[0]["employees"] == 5, data


OPERATIONS = {
    "FeedbackByUnit": ("hr.alpha", period, check_feedback),
    "Progress": ("hr.alpha", period, check_progress),
    "PredikatByUnit": ("hr.alpha", period, check_by_unit),
    "PredikatTrend": ("hr.alpha", unit, check_trend),
    "RaterFairness": ("hr.alpha", period, check_fairness),
}
