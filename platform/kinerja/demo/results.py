"""Demo results for the running 2026 cycle: organisation results for every unit with people
(Q1 and Q2; one unit rated below its pattern), office heads named as their unit's head, Q1
and Q2 ratings for every APPROVED SKP (by the rater's login, else HR), Q1 released, one staff
login acknowledging and another objecting (the objection waits for its decision). The cycle
stays RUNNING: periodic results are rated and released while it runs.

Rating needs the quarter to have ended, so results are dated on the later of today and
2026-07-01; the Q1 objection window therefore runs from the day the demo is loaded.
"""

from __future__ import annotations

import random
import uuid
from datetime import date

from ..authz.vocabulary import Scope
from ..cycles.repository import CycleRepository
from ..cycles.rules import ORGANISATION_RESULTS
from ..objections.service import ObjectionService
from ..results.repository import ResultRepository
from ..results.service_rating import Rating, RatingService
from ..results.service_release import ReleaseService
from ..results.service_units import UnitResultService

RESULTS_FROM = date(2026, 7, 1)
ORG_WEIGHTS = (3, 6, 1, 0, 0)  # ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG
RATING_WEIGHTS = {"DI_ATAS": 2, "SESUAI": 7, "DI_BAWAH": 1}
# So that the fairness analysis shows something real: in these agencies the rater with the
# most ratees rates leniently (Puskesmas) or severely (the school's head teacher).
BIASED_RATERS = {
    "puskesmas-pauh": {"DI_ATAS": 8, "SESUAI": 2, "DI_BAWAH": 0},
    "sdn-pauh": {"DI_ATAS": 0, "SESUAI": 3, "DI_BAWAH": 7},
}
# So that the distribution check and the per-unit analysis show a unit below its pattern: the
# Sekretariat of the Camat's office has the organisation result ISTIMEWA (Sangat Baik should be
# the largest group), but its raters rate it as an average unit.
BELOW_PATTERN = {"camat-pauh": "SEKRET"}
BELOW_PATTERN_RESULT = "ISTIMEWA"
BELOW_PATTERN_WEIGHTS = {"DI_ATAS": 0, "SESUAI": 8, "DI_BAWAH": 2}
JUSTIFICATIONS = {
    "DI_ATAS": "Seluruh RHK utama melampaui target dengan bukti dukung lengkap.",
    "DI_BAWAH": "Sebagian besar RHK utama belum mencapai target triwulan.",
}
BEHAVIOUR = {
    "DI_ATAS": "Menjadi teladan pelayanan dan kolaborasi di unit.",
    "DI_BAWAH": "Beberapa kali terlambat menyelesaikan layanan tanpa pemberitahuan.",
}


def results_day() -> date:
    return max(date.today(), RESULTS_FROM)


def _rating(rng: random.Random, weights: dict[str, int] = RATING_WEIGHTS) -> str:
    """One draw per rating whatever the weights, so a biased rater changes no other rating."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _biased_rater(tenant) -> tuple[str | None, dict[str, int]]:
    """(the rater key with the most ratees, its weights) where the agency has a bias."""
    weights = BIASED_RATERS.get(tenant.slug)
    if weights is None:
        return None, RATING_WEIGHTS
    counts: dict[str, int] = {}
    for emp in tenant.employees:
        if emp.rater_key:
            counts[emp.rater_key] = counts.get(emp.rater_key, 0) + 1
    if not counts:
        return None, RATING_WEIGHTS
    return max(sorted(counts), key=lambda key: counts[key]), weights


async def seed_results(session, state, loaded, cycle_id: uuid.UUID, approved: set[str],
                       rng: random.Random) -> None:
    """`state` is demo.cycle._Tenant after its SKPs were played; `approved` the employee keys
    whose SKP ended APPROVED."""
    day = results_day()
    tenant = state.data
    repo = ResultRepository(session)
    periods = (await CycleRepository(session).periods_for([cycle_id]))[cycle_id]
    by_kind = {(p.kind, p.number): p.id for p in periods}
    quarters = [by_kind[("QUARTER", 1)], by_kind[("QUARTER", 2)]]
    units = {e.unit_code: loaded.unit_ids[(tenant.slug, e.unit_code)]
             for e in tenant.employees if (tenant.slug, e.unit_code) in loaded.unit_ids}
    employee_ids = {e.key: loaded.employee_ids[(tenant.slug, e.key)] for e in tenant.employees}
    org = UnitResultService(state.actor(session, state.hr))
    below = BELOW_PATTERN.get(tenant.slug)
    for code, unit_id in units.items():
        for period_id in quarters:
            result = rng.choices(ORGANISATION_RESULTS, weights=ORG_WEIGHTS)[0]
            result = BELOW_PATTERN_RESULT if code == below else result  # same draws either way
            await org.set_org_result(unit_id, period_id, result, None, None)
    for emp in tenant.employees:
        if emp.rater_key is None and emp.unit_code in units:
            await org.set_head(units[emp.unit_code], employee_ids[emp.key], None)
    heads = {employee_ids[e.key] for e in tenant.employees if e.rater_key is None}
    biased, bias = _biased_rater(tenant)
    for emp in tenant.employees:
        if emp.key not in approved:
            continue
        rater = state.actor(session, _rater(state, emp), day)
        weights = (BELOW_PATTERN_WEIGHTS if emp.unit_code == below
                   else bias if emp.rater_key == biased else RATING_WEIGHTS)
        for period_id in quarters:
            hasil = None if employee_ids[emp.key] in heads else _rating(rng, weights)
            perilaku = _rating(rng, weights)
            await RatingService(rater).rate(Rating(
                skp_id=state.skps[emp.key], period_id=period_id, rating_hasil=hasil,
                rating_perilaku=perilaku, justification_hasil=JUSTIFICATIONS.get(hasil or ""),
                justification_perilaku=BEHAVIOUR.get(perilaku)), None)
    hr = state.actor(session, state.hr, day)
    await ReleaseService(hr).release(cycle_id, quarters[0], None)
    await _respond(session, state, repo, quarters[0], day, approved)


async def _respond(session, state, repo, period_id, day, approved) -> None:
    """The first staff (else rater) login with a released result acknowledges it; the next
    login with a released result whose SKP names a rater's superior who can sign in objects,
    so the demo's objection has somebody to decide it (PP 30/2019 Pasal 59)."""
    superiors = {e.key: e.rater_superior_key for e in state.data.employees}
    released = []
    for key in dict.fromkeys(u.employee_key for role in ("staff", "rater", "admin", "hr")
                             for u in state.data.users
                             if role in u.roles and u.employee_key in approved):
        user = state.users[key]
        if state.permissions(user).scope("result", "object") is None:
            continue
        found = await repo.by_skp_period(state.skps[key], period_id)
        if found is not None and found.status == "RELEASED":
            released.append((key, user, found.id))
    if not released:
        return
    key, user, result_id = released[0]
    await ReleaseService(state.actor(session, user, day)).acknowledge(result_id, None)
    decidable = [(k, u, r) for k, u, r in released[1:]
                 if state.users.get(superiors.get(k) or "") not in (None, u)]
    for _key, user, result_id in (decidable or released[1:])[:1]:
        await ObjectionService(state.actor(session, user, day)).file(
            result_id, "Realisasi kegiatan posyandu bulan Maret belum dihitung; bukti "
                       "dukung terlampir di laporan bulanan.", None)


def _rater(state, emp) -> uuid.UUID:
    """The rater's login when it may rate, else HR (or the admin for HR's own SKP)."""
    rater = state.users.get(state.data.rater_key_of(emp) or "")
    owner = state.users.get(emp.key)
    for candidate in (rater, state.hr, state.admin):
        if candidate is None or candidate == owner:
            continue
        scope = state.permissions(candidate).scope("result", "rate")
        if scope == Scope.TENANT or (scope is not None and candidate == rater):
            return candidate
    raise ValueError(f"{state.data.slug}: nobody may rate {emp.key}")
