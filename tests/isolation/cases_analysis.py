"""Isolation cases of the analyses: predikatByUnit, predikatTrend, raterFairness (on the
results `with_results` gives both agencies; beta's period and unit IDs must find nothing)."""

from __future__ import annotations

from tests.isolation.cases_results import ALL, NOT_FOUND, q1, sec, with_results

DISTRIBUTION = "distribution{total counts{predikat count}}"

CASES = [
    {"field": "predikatByUnit",
     "operation": "query($p:ID!){predikatByUnit(periodId:$p){units{unitId unitName "
                  + DISTRIBUTION + "}}}",
     "variables": lambda w, s: {"p": q1(w, s)}, "allowed_roles": ALL,
     "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "predikatTrend",
     "operation": "query($u:ID){predikatTrend(unitId:$u){periodId year " + DISTRIBUTION + "}}",
     "variables": lambda w, s: {"u": sec(w, s)}, "allowed_roles": ALL,
     "foreign_ok_codes": ["OK"], "setup": with_results},
    {"field": "raterFairness",
     "operation": "query($p:ID!){raterFairness(periodId:$p){minRatees agency{meanScore} "
                  "raters{raterId raterName ratees leniency}}}",
     "variables": lambda w, s: {"p": q1(w, s)}, "allowed_roles": ALL - {"staff"},
     "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "progress",
     "operation": "query($p:ID!){progress(periodId:$p){unitId unitName employeeName skps "
                  "indicators indicatorsRealised achievement evidence}}",
     "variables": lambda w, s: {"p": q1(w, s)}, "allowed_roles": ALL,
     "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"name": "progress-unit", "field": "progress",
     "operation": "query($p:ID!,$u:ID!){progress(periodId:$p,unitId:$u){unitId employeeName "
                  "skps}}",
     "variables": lambda w, s: {"p": q1(w, s), "u": sec(w, s)}, "allowed_roles": ALL,
     "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "feedbackByUnit",
     "operation": "query($p:ID!){feedbackByUnit(periodId:$p){threshold suppressedUnits "
                  "units{unitId unitName people values{value mean}}}}",
     "variables": lambda w, s: {"p": q1(w, s)}, "allowed_roles": {"admin", "hr", "auditor"},
     "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "jpComplianceByUnit",
     "operation": "{jpComplianceByUnit(year:2026){unitId unitName employees below "
                  "complianceShare meanJp}}",
     "variables": lambda w, s: {}, "allowed_roles": ALL, "foreign_ok_codes": []},
    {"field": "competencyGapHeatmap",
     "operation": "{competencyGapHeatmap{unitId unitName competencyCode employees withGap "
                  "meanGap}}",
     "variables": lambda w, s: {}, "allowed_roles": {"admin", "hr", "rater", "staff", "auditor"},
     "foreign_ok_codes": []},
]
