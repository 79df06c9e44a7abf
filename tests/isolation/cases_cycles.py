"""Isolation cases of rule sets, cycles and SKPs. Only the keys documented in
tests/isolation/__init__.py are used.

`with_cycles` gives BOTH tenants a saved rule set, a launched cycle (PLANNING, version 1) with
one period and an SKP for the staff member (rated by "rater", superior "head"), all with
deterministic IDs, so `variables` can name them without a query. Cases without IDs
(ruleSet, ruleSetVersions, cycles, updateRuleSet, createCycle) accept "OK" or nothing with the
foreign tenant: they act in alpha, and the runner checks beta is unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date

from kinerja.cycles.rules import default_content
from kinerja.models import Cycle, Period, RuleSet, Skp
from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}
WRITE = {"admin", "hr"}
NAMESPACE = uuid.UUID("5d7f0c1e-2f8a-4b7e-9a53-0c4e1c2b7a10")


def _id(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{world.tenant_id(slug)}")


def cycle_gid(world, slug):
    return gid("Cycle", _id(world, slug, "cycle"))


def skp_gid(world, slug):
    return gid("Skp", _id(world, slug, "skp"))


def period_gid(world, slug):
    return gid("Period", _id(world, slug, "period"))


async def with_cycles(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        session = db.session(tenant_id=tenant_id)
        try:
            rule_set = RuleSet(id=_id(world, slug, "rule_set"), tenant_id=tenant_id, version=1,
                               content=default_content())
            session.add(rule_set)
            await session.flush()
            session.add(Cycle(id=_id(world, slug, "cycle"), tenant_id=tenant_id, year=2027,
                              name=f"Kinerja Dinas {slug.title()} 2027", state="PLANNING",
                              rule_set_id=rule_set.id))
            await session.flush()
            session.add(Period(id=_id(world, slug, "period"), tenant_id=tenant_id,
                               cycle_id=_id(world, slug, "cycle"), kind="YEAR", number=1,
                               starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)))
            session.add(Skp(id=_id(world, slug, "skp"), tenant_id=tenant_id,
                            cycle_id=_id(world, slug, "cycle"),
                            employee_id=world.employee_id(slug, "staff"),
                            rater_id=world.employee_id(slug, "rater"),
                            rater_superior_id=world.employee_id(slug, "head")))
            await session.commit()
        finally:
            await session.close()


RULE_SET = "id version objectionWindowDays matrix{hasilKerja perilaku predikat}"
CYCLE = "id year name state version ruleSetVersion periods{id kind startsOn}"
SKP = "id status employee{name} rater{name} raterSuperior{name} cycle{name}"


def _none(world, slug):
    return {}


CASES = [
    {"field": "ruleSet", "operation": "{ruleSet{" + RULE_SET + "}}", "variables": _none,
     "allowed_roles": ALL, "foreign_ok_codes": [], "setup": with_cycles},
    {"field": "ruleSetVersions", "operation": "{ruleSetVersions{" + RULE_SET + "}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": [], "setup": with_cycles},
    {"field": "cycles", "operation": "{cycles{" + CYCLE + "}}", "variables": _none,
     "allowed_roles": ALL, "foreign_ok_codes": [], "setup": with_cycles},
    {"field": "cycle", "operation": "query($id:ID!){cycle(id:$id){" + CYCLE + "}}",
     "variables": lambda world, slug: {"id": cycle_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"field": "skps",
     "operation": "query($c:ID!){skps(cycleId:$c,first:10){totalCount nodes{" + SKP + "}}}",
     "variables": lambda world, slug: {"c": cycle_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"field": "skp", "operation": "query($id:ID!){skp(id:$id){" + SKP + "}}",
     "variables": lambda world, slug: {"id": skp_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"name": "node-cycle", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Cycle{name state}}}",
     "variables": lambda world, slug: {"id": cycle_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"name": "node-period", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Period{kind startsOn}}}",
     "variables": lambda world, slug: {"id": period_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"name": "node-skp", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Skp{status employee{name}}}}",
     "variables": lambda world, slug: {"id": skp_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"field": "updateRuleSet",
     "operation": "mutation($i:UpdateRuleSetInput!){updateRuleSet(input:$i){ruleSet{"
                  + RULE_SET + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"version": 1, "objectionWindowDays": 10}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["OK"], "setup": with_cycles},
    {"field": "createCycle",
     "operation": "mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{" + CYCLE
                  + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"year": 2031, "name": "Kinerja 2031"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["OK"], "setup": with_cycles},
    {"field": "advanceCycle",
     "operation": "mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){cycle{" + CYCLE
                  + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"id": cycle_gid(world, slug), "to": "RUNNING",
                                             "version": 1}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
    {"name": "advanceCycle-launch", "field": "advanceCycle",
     "operation": "mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){cycle{" + CYCLE
                  + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"id": cycle_gid(world, slug), "to": "PLANNING"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_cycles},
]
