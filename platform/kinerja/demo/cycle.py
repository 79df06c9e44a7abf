"""A living 2026 performance cycle for the Pauh demo tenants (opt-in: `load_demo(with_cycle=True)`).

For each newly created tenant: the default rule set is saved (version 1), the cycle "Siklus
Kinerja 2026" is created, launched (SKP drafts) and moved to RUNNING; then most employees get an
SKP plan (top-down, so staff RHKs cascade to an RHK of their rater's SKP), a few get the rater's
BerAKHLAK expectations, and the SKPs end in a mix of states (APPROVED, SUBMITTED, RETURNED,
DRAFT) so every demo role has something to do. Everything goes through the real services with
a sensible actor (the owner, the rater, or HR on their behalf), so rules, history rows and
audit events are the same as through the API. Deterministic for a seed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..authz.actor import Actor
from ..authz.permissions import PermissionSet
from ..authz.store import PolicyStore
from ..authz.vocabulary import Scope
from ..cycles.service_cycles import CycleInput, CycleService
from ..cycles.service_rules import RuleSetService
from ..db import Database
from ..models import Skp
from ..skp.codes import BERAKHLAK
from ..skp.repository import PlanRepository
from ..skp.service_plan import IndicatorData, SkpPlanService, WorkResultData
from ..skp.service_workflow import SkpWorkflow
from . import skp_texts as texts
from .monitoring import seed_monitoring
from .pauh import DemoData, DemoEmployee, DemoTenant
from .results import seed_results
from .reviews import seed_reviews

CYCLE_YEAR = 2026
CYCLE_NAME = "Siklus Kinerja 2026"
# Final states; EMPTY is a DRAFT nobody has started writing yet.
APPROVED, SUBMITTED, RETURNED, DRAFT, EMPTY = "APPROVED", "SUBMITTED", "RETURNED", "DRAFT", "EMPTY"


@dataclass
class _Tenant:
    """One tenant's actors and SKPs while seeding."""

    data: DemoTenant
    tenant_id: uuid.UUID
    store: PolicyStore
    users: dict[str, uuid.UUID]  # employee key -> user id
    hr: uuid.UUID
    admin: uuid.UUID | None
    skps: dict[str, uuid.UUID]  # employee key -> SKP id
    utama: dict[str, list[uuid.UUID]]  # employee key -> ids of their UTAMA RHKs
    today: date
    employee_ids: dict[str, uuid.UUID] | None = None  # employee key -> employee id

    def permissions(self, user_id: uuid.UUID) -> PermissionSet:
        return self.store.permissions_for(user_id, self.tenant_id)

    def actor(self, session, user_id: uuid.UUID, today: date | None = None) -> Actor:
        """`user_id` acting in this tenant with their permissions here."""
        return Actor(session, self.tenant_id, user_id, self.permissions(user_id),
                     today or self.today)

    def writer(self, emp: DemoEmployee) -> uuid.UUID:
        """The employee themselves when they have a login, otherwise HR on their behalf."""
        own = self.users.get(emp.key)
        if own is not None and self.permissions(own).scope("skp", "write") is not None:
            return own
        return self.hr

    def approver(self, emp: DemoEmployee) -> uuid.UUID:
        """The rater when they have a login, otherwise HR (or the admin for HR's own SKP)."""
        rater = self.users.get(self.data.rater_key_of(emp) or "")
        owner = self.users.get(emp.key)
        for candidate in (rater, self.hr, self.admin):
            if candidate is None or candidate == owner:
                continue
            scope = self.permissions(candidate).scope("skp", "approve")
            if scope == Scope.TENANT or (scope is not None and candidate == rater):
                return candidate
        raise ValueError(f"{self.data.slug}: nobody may approve the SKP of {emp.key}")


async def seed_cycle(db: Database, data: DemoData, loaded, today: date,
                     seed: int = 2026) -> None:
    """Seed the cycle in every tenant the loader has just created (`loaded.created_tenants`)."""
    if not loaded.created_tenants:
        return
    store = PolicyStore()
    async with db.unit_of_work(platform=True) as session:
        await store.reload(session)
    for tenant in data.tenants:
        if tenant.slug in loaded.created_tenants:
            await _seed_tenant(db, store, tenant, loaded, today,
                               random.Random(f"{seed}-{tenant.slug}"))


async def _seed_tenant(db: Database, store: PolicyStore, tenant: DemoTenant, loaded,
                       today: date, rng: random.Random) -> None:
    tenant_id = loaded.tenant_ids[tenant.slug]
    role_user = {role: loaded.user_ids[u.username] for u in tenant.users for role in u.roles}
    state = _Tenant(data=tenant, tenant_id=tenant_id, store=store,
                    users={u.employee_key: loaded.user_ids[u.username]
                           for u in tenant.users if u.employee_key},
                    hr=role_user["hr"], admin=role_user.get("admin"), skps={}, utama={},
                    today=today)
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        await RuleSetService(state.actor(session, state.hr)).pinned()
        cycles = CycleService(state.actor(session, state.hr))
        cycle_id = await cycles.create(CycleInput(CYCLE_YEAR, CYCLE_NAME))
        await cycles.advance(cycle_id, "PLANNING", None)
        await cycles.advance(cycle_id, "RUNNING", None)
        key_of = {loaded.employee_ids[(tenant.slug, e.key)]: e.key for e in tenant.employees}
        rows = await session.execute(sa.select(Skp.id, Skp.employee_id)
                                     .where(Skp.cycle_id == cycle_id))
        state.skps = {key_of[employee_id]: skp_id for skp_id, employee_id in rows.all()}
        outcomes = _outcomes(tenant, rng)
        for emp in _top_down(tenant.employees):
            if emp.key in state.skps:
                await _play(session, state, emp, outcomes[emp.key], rng)
        state.employee_ids = {v: k for k, v in key_of.items()}
        await seed_reviews(session, state, cycle_id, rng)
        await seed_monitoring(session, state, cycle_id, rng)
        approved = {k for k, v in outcomes.items() if v == APPROVED and k in state.skps}
        await seed_results(session, state, loaded, cycle_id, approved, rng)


def _top_down(employees: list[DemoEmployee]) -> list[DemoEmployee]:
    """Raters before the people they rate (so cascade targets exist), else in data order."""
    by_key = {e.key: e for e in employees}

    def depth(emp: DemoEmployee) -> int:
        seen, level = set(), 0
        while emp.rater_key in by_key and emp.key not in seen:
            seen.add(emp.key)
            emp, level = by_key[emp.rater_key], level + 1
        return level

    return sorted(employees, key=depth)


def _outcomes(tenant: DemoTenant, rng: random.Random) -> dict[str, str]:
    """The final state of each SKP. Heads are APPROVED (their staff cascade to them); every
    rater login gets one SKP to approve, the first staff logins one RETURNED and one DRAFT."""
    heads = [e.key for e in tenant.employees if e.rater_key is None]
    others = [e for e in tenant.employees if e.rater_key is not None]
    chosen: dict[str, str] = dict.fromkeys(heads, APPROVED)
    logins = {role: [u.employee_key for u in tenant.users if role in u.roles and u.employee_key]
              for role in ("rater", "staff")}
    for rater in logins["rater"]:
        rated = [e.key for e in others if e.rater_key == rater and e.key not in chosen]
        if rated:
            chosen[rng.choice(rated)] = SUBMITTED
    for key, outcome in zip(logins["staff"], (RETURNED, DRAFT), strict=False):
        if key not in chosen:
            chosen[key] = outcome
    wanted = {SUBMITTED: max(2, len(others) // 5), RETURNED: max(1, len(others) // 10),
              DRAFT: 1, EMPTY: max(1, len(others) // 10)}
    pool: list[str] = []
    for outcome, count in wanted.items():
        pool += [outcome] * max(0, count - list(chosen.values()).count(outcome))
    rest = [e.key for e in others if e.key not in chosen]
    pool = (pool + [APPROVED] * len(rest))[:len(rest)]
    rng.shuffle(pool)
    chosen.update(zip(rest, pool, strict=True))
    return chosen


async def _play(session, state: _Tenant, emp: DemoEmployee, outcome: str,
                rng: random.Random) -> None:
    """Write the plan and walk the workflow up to `outcome`, as its actors would."""
    if outcome == EMPTY:
        return
    skp_id = state.skps[emp.key]
    writer = state.actor(session, state.writer(emp))
    await SkpPlanService(writer).save_plan(skp_id, None, _plan(state, emp, rng))
    saved = (await PlanRepository(session).work_results([skp_id]))[skp_id]
    state.utama[emp.key] = [r.id for r in saved if r.kind == "UTAMA"]
    if outcome == DRAFT:
        return
    approver_id = state.approver(emp)
    approver = state.actor(session, approver_id)
    if state.users.get(state.data.rater_key_of(emp) or "") == approver_id and rng.random() < 0.4:
        values = rng.sample(BERAKHLAK, rng.randint(2, 3))
        await SkpPlanService(approver).set_expectations(
            skp_id, None, [(v, texts.EXPECTATIONS[v]) for v in values])
    await SkpWorkflow(writer).submit(skp_id, None)
    if outcome == APPROVED:
        await SkpWorkflow(approver).approve(skp_id, None)
    elif outcome == RETURNED:
        await SkpWorkflow(approver).return_(skp_id, None, rng.choice(texts.RETURN_COMMENTS))


def _plan(state: _Tenant, emp: DemoEmployee, rng: random.Random) -> list[WorkResultData]:
    """1-3 UTAMA RHKs of the employee's unit (cascading to the rater's UTAMA RHKs when the
    rater has a plan), sometimes one TAMBAHAN; 1-2 indicators each."""
    pool = texts.rhk_pool(state.data.kind, emp.unit_code, emp.position_code)
    count = rng.randint(2, 3) if emp.rater_key is None else rng.randint(1, min(3, len(pool)))
    targets = state.utama.get(emp.rater_key or "", [])
    plan = [WorkResultData(id=None, kind="UTAMA", text=text,
                           parent_id=rng.choice(targets) if targets else None,
                           indicators=_indicators(indicators, rng))
            for text, indicators in rng.sample(pool, min(count, len(pool)))]
    if rng.random() < 0.35:
        text, indicators = rng.choice(texts.EXTRA_RHKS)
        plan.append(WorkResultData(id=None, kind="TAMBAHAN", text=text,
                                   indicators=_indicators(indicators, rng)))
    return plan


def _indicators(items: tuple[texts.IndicatorText, ...],
                rng: random.Random) -> list[IndicatorData]:
    chosen = items if len(items) == 1 or rng.random() < 0.7 else items[:1]
    out = []
    for aspect, text, target in chosen:
        if isinstance(target, str):
            out.append(IndicatorData(id=None, aspect=aspect, text=text, target_text=target))
        else:
            out.append(IndicatorData(id=None, aspect=aspect, text=text,
                                     target_value=float(target[0]), target_unit=target[1]))
    return out
