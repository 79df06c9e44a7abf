"""Doing and monitoring in the Pauh demo's RUNNING 2026 cycle (called by demo/cycle.py).

Up to three APPROVED SKPs per agency (logins' first) get realisations for Q1-Q3 on each
indicator (cumulative progress towards numeric targets, narratives for qualitative ones), each
with link evidence (demo files on disk are not needed). One SKP per tenant whose rater has a
login carries the service-innovation example (public satisfaction raised, with its survey and
news links) and a feedback thread about it with the employee's reply; a few more SKPs get
feedback on a BerAKHLAK value or in general. Everything goes through the real services with
the right actor, so rules, versions and audit events are as through the API. Deterministic for
a seed.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

import sqlalchemy as sa

from ..models import Period, Skp
from ..skp.monitoring.repository import MonitoringRepository
from ..skp.monitoring.service_feedback import FeedbackService
from ..skp.monitoring.service_realisations import EvidenceData, RealisationData, RealisationService
from ..skp.repository import PlanRepository

INNOVATION = ("Inovasi layanan \"Pauh Cepat\": antrean daring lewat WhatsApp dan layanan jemput "
              "bola bagi warga lansia. Indeks kepuasan masyarakat (IKM) naik dari 78,4 "
              "menjadi 86,1 dan waktu tunggu rata-rata turun dari 45 menjadi 15 menit.")
INNOVATION_LINKS = (("Laporan survei IKM triwulan II", "survei-ikm-tw2.pdf"),
                    ("Berita kegiatan inovasi Pauh Cepat", "berita/inovasi-pauh-cepat"))
QUALITATIVE = ("Berjalan sesuai rencana; tidak ada keluhan dari pengguna layanan.",
               "Hasil diperiksa atasan dan diterima tanpa revisi.",
               "Ada perbaikan kecil atas masukan warga; sudah ditindaklanjuti.")
PRAISE = ("Inovasi yang sangat baik. Mohon dokumentasikan langkah-langkahnya agar dapat "
          "direplikasi kelurahan lain.")
REPLY = "Terima kasih, Pak/Bu. SOP dan dokumentasinya akan saya unggah bulan ini."
VALUE_FEEDBACK = {
    "BERORIENTASI_PELAYANAN": "Respons terhadap pengaduan warga sudah cepat, pertahankan.",
    "KOLABORATIF": "Libatkan rekan di seksi lain saat menyusun laporan berikutnya.",
    "KOMPETEN": "Ikuti pelatihan pengelolaan data agar laporan lebih rapi.",
}
MAX_SKPS = 3  # per agency: enough to show every view, keeps the demo load (and its tests) quick
GENERAL = "Capaian triwulan berjalan baik; perhatikan ketepatan waktu unggah bukti dukung."


async def seed_monitoring(session, state: Any, cycle_id: uuid.UUID, rng: random.Random) -> None:
    """`state` is demo.cycle._Tenant (actors, permissions, SKP ids by employee key)."""
    periods = (await session.execute(
        sa.select(Period.id).where(Period.cycle_id == cycle_id, Period.kind == "QUARTER",
                                   Period.number <= 3).order_by(Period.number))).scalars().all()
    approved = set((await session.execute(sa.select(Skp.id).where(
        Skp.cycle_id == cycle_id, Skp.status == "APPROVED"))).scalars())
    people = [e for e in state.data.employees if state.skps.get(e.key) in approved]
    if not people or not periods:
        return
    featured = next((e for e in people if state.users.get(e.rater_key or "")), people[0])
    people.sort(key=lambda e: (e is not featured, state.users.get(e.key) is None))
    people = people[:MAX_SKPS]
    for emp in people:
        await _realise(session, state, emp, periods, emp is featured, rng)
    await _feedback(session, state, featured, people, rng)


async def _realise(session, state, emp, periods, featured: bool, rng: random.Random) -> None:
    skp_id = state.skps[emp.key]
    repo = PlanRepository(session)
    results = (await repo.work_results([skp_id]))[skp_id]
    found = await repo.indicators([r.id for r in results])
    indicators = [i for r in results for i in found[r.id]]
    service = RealisationService(state.actor(session, state.writer(emp)))
    base = f"https://bukti.{state.data.slug}.example/2026/{emp.key}"
    for quarter, period_id in enumerate(periods, 1):
        for n, ind in enumerate(indicators):
            link = EvidenceData(url=f"{base}/tw{quarter}/indikator-{n + 1}",
                                title=f"Laporan capaian triwulan {quarter}")
            data = RealisationData(indicator_id=ind.id, period_id=period_id, evidence=[link])
            if ind.target_value is not None:
                share = quarter / 4 * rng.uniform(0.85, 1.1)
                data.value = round(ind.target_value * share, 0 if ind.target_value >= 10 else 1)
                data.narrative = f"Capaian kumulatif s.d. triwulan {quarter}."
            else:
                data.narrative = rng.choice(QUALITATIVE)
            if featured and quarter == 2 and n == 0:
                data.narrative = INNOVATION
                data.evidence = [EvidenceData(url=f"https://bukti.{state.data.slug}.example/"
                                                  f"2026/{path}", title=title)
                                 for title, path in INNOVATION_LINKS]
            await service.save(data)


def _giver(state, emp) -> uuid.UUID | None:
    """The rater when they have a login, else HR (or the admin for HR's own SKP)."""
    owner = state.users.get(emp.key)
    for candidate in (state.users.get(emp.rater_key or ""), state.hr, state.admin):
        if candidate is not None and candidate != owner and state.permissions(
                candidate).scope("skp", "feedback") is not None:
            return candidate
    return None


async def _feedback(session, state, featured, people, rng: random.Random) -> None:
    skp_id = state.skps[featured.key]
    rows = await MonitoringRepository(session).realisations(skp_ids=[skp_id])
    innovation = next(r for r in rows if r.narrative == INNOVATION)
    giver = FeedbackService(state.actor(session, _giver(state, featured)))
    thread = await giver.give(skp_id, innovation.id, None, PRAISE)
    owner = state.users.get(featured.key)
    if owner is not None:
        await FeedbackService(state.actor(session, owner)).reply(thread, REPLY)
    others = [e for e in people if e is not featured and _giver(state, e) is not None]
    for emp in rng.sample(others, min(3, len(others))):
        service = FeedbackService(state.actor(session, _giver(state, emp)))
        value = rng.choice(sorted(VALUE_FEEDBACK))
        await service.give(state.skps[emp.key], None, value, VALUE_FEEDBACK[value])
        await service.give(state.skps[emp.key], None, None, GENERAL)
