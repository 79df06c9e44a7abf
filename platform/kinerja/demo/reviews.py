"""Demo self-assessments and 360 feedback in the running 2026 cycle (first period).

In every tenant a few employees with an approved plan get a submitted self-assessment and
peer feedback: three of them with enough answers to be published (the default threshold is
3), one with fewer (the summary shows "insufficient responses"). Rows are written directly
(reviewers are colleagues with the same rater and need no login); deterministic for a seed.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import sqlalchemy as sa

from ..models import Period, ReviewRequest, SelfAssessment, Skp
from ..models.base import utcnow
from ..skp.codes import BERAKHLAK
from ..skp.repository import PlanRepository

COMMENTS = (
    "Selalu siap membantu rekan saat antrean layanan panjang.",
    "Perlu lebih cepat menindaklanjuti surat masuk.",
    "Komunikasi dengan warga ramah dan jelas.",
    "Laporan disusun rapi dan tepat waktu.",
    "Aktif berbagi pengetahuan tentang aplikasi baru.",
    "Sebaiknya lebih terbuka menerima masukan.",
    "Disiplin hadir dan menjaga kerahasiaan data warga.",
)
SELF_RATINGS = ("DI_ATAS", "SESUAI", "SESUAI", "SESUAI", "DI_BAWAH")
PUBLISHED, BELOW = 3, 1  # employees with published feedback, with too few answers


async def seed_reviews(session, state, cycle_id: uuid.UUID, rng: random.Random) -> None:
    period_id = (await session.execute(
        sa.select(Period.id).where(Period.cycle_id == cycle_id, Period.kind != "YEAR")
        .order_by(Period.starts_on).limit(1))).scalar()
    statuses = dict((await session.execute(
        sa.select(Skp.id, Skp.status).where(Skp.cycle_id == cycle_id))).all())
    by_rater: dict[str, list[str]] = {}
    for emp in state.data.employees:
        if emp.rater_key and emp.key in state.skps:
            by_rater.setdefault(emp.rater_key, []).append(emp.key)
    chosen = [(key, [p for p in peers if p != key])
              for peers in by_rater.values() if len(peers) >= PUBLISHED + 1
              for key in peers if statuses[state.skps[key]] == "APPROVED"]
    rng.shuffle(chosen)
    ids = {e.key: state.employee_ids[e.key] for e in state.data.employees}
    start = utcnow() - timedelta(days=30)
    for index, (key, peers) in enumerate(chosen[:PUBLISHED + BELOW]):
        skp_id = state.skps[key]
        await _self_assessment(session, state.tenant_id, skp_id, period_id, rng)
        answers = PUBLISHED if index < PUBLISHED else PUBLISHED - 1
        for n, peer in enumerate(rng.sample(peers, min(len(peers), answers + 1))):
            answered = n < answers
            session.add(ReviewRequest(
                tenant_id=state.tenant_id, skp_id=skp_id, period_id=period_id,
                reviewer_id=ids[peer], relation="PEER", nominated_by=state.hr,
                status="SUBMITTED" if answered else "PENDING",
                ratings={v: rng.choice((2, 3, 3, 4, 4, 5)) for v in BERAKHLAK} if answered
                else {},
                comment=rng.choice(COMMENTS) if answered else None,
                submitted_at=start + timedelta(days=rng.randint(1, 20)) if answered else None))
    await session.flush()


async def _self_assessment(session, tenant_id, skp_id, period_id, rng) -> None:
    results = (await PlanRepository(session).work_results([skp_id]))[skp_id]
    session.add(SelfAssessment(
        tenant_id=tenant_id, skp_id=skp_id, period_id=period_id, status="SUBMITTED",
        submitted_at=utcnow(),
        work_results=[{"work_result_id": str(r.id), "rating": rng.choice(SELF_RATINGS),
                       "comment": None} for r in results],
        values=[{"value": v, "rating": rng.choice(SELF_RATINGS), "comment": None}
                for v in BERAKHLAK],
        overall_comment="Target triwulan tercapai; perlu meningkatkan kecepatan layanan."))
