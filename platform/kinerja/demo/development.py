"""Development demo data for the Pauh tenants (with the 2026 cycle, `load_demo(with_cycle=True)`).

For each newly created tenant: a catalog of ten realistic activities (JP computed by the real
service from the default rules), and 2026 development plans for the first employees that have
a rater, walked through the real workflow by HR to a mix of states: some COMPLETED with a
certificate link (so the 20 JP compliance list shows employees on both sides), some IN_PROGRESS,
APPROVED, PROPOSED or CANCELLED. Audit events are written as through the API.
"""

from __future__ import annotations

import uuid
from datetime import date

from ..authz.actor import Actor
from ..authz.store import PolicyStore
from ..db import Database
from ..development.service import DevelopmentService, ItemData
from ..training.service import ActivityData, TrainingService
from ..training.settings import Duration
from .pauh import DemoData

YEAR = 2026
# title, form, kind, competencies, duration, provider, international
CATALOG = (
    ("Pelatihan Pelayanan Prima bagi Petugas Front Office", "KLASIKAL", "PELATIHAN_TEKNIS",
     ["M.05", "M.03"], Duration(jp=24), "BPSDM Provinsi Sumatera Barat", False),
    ("Seminar Nasional Reformasi Birokrasi dan Zona Integritas", "KLASIKAL", "SEMINAR",
     ["M.01"], Duration(days=1), "KemenPANRB", False),
    ("Workshop Penyusunan SKP dan Manajemen Kinerja", "KLASIKAL", "WORKSHOP", ["M.04"],
     Duration(days=2), "BKPSDM Kota Padang", False),
    ("Pelatihan Kepemimpinan Pengawas (PKP)", "KLASIKAL", "PELATIHAN_KEPEMIMPINAN",
     ["M.04", "M.06", "M.08"], Duration(jp=60), "BPSDM Provinsi Sumatera Barat", False),
    ("Kursus Komunikasi Publik Berbahasa Inggris", "KLASIKAL", "KURSUS", ["M.03"],
     Duration(jp=32), "ASEAN Civil Service Academy", True),
    ("E-Learning Literasi Digital ASN (SPBE)", "NONKLASIKAL", "E_LEARNING", ["M.07"],
     Duration(hours=12), "LAN RI (ASN Unggul)", False),
    ("Coaching Penanganan Pengaduan Masyarakat", "NONKLASIKAL", "COACHING", ["M.05", "M.02"],
     Duration(hours=6), "Kantor Camat Pauh", False),
    ("Mentoring Pengembangan Diri dan Orang Lain", "NONKLASIKAL", "MENTORING", ["M.06"],
     Duration(hours=9), "Kantor Camat Pauh", False),
    ("Benchmarking Mal Pelayanan Publik Kota Payakumbuh", "NONKLASIKAL", "BENCHMARKING",
     ["M.05", "M.07"], Duration(jp=16), "Pemerintah Kota Payakumbuh", False),
    ("Komunitas Belajar Wawasan Kebangsaan dan Moderasi", "NONKLASIKAL", "KOMUNITAS_BELAJAR",
     ["SK.01", "M.02"], Duration(hours=4.5), "Kesbangpol Kota Padang", False),
)
# Per planned employee: (catalog index, final status) for each item, in order.
SCRIPTS = (
    ((0, "COMPLETED"), (2, "COMPLETED")),  # 24 + 10 JP: above 20
    ((1, "COMPLETED"), (6, "IN_PROGRESS")),  # 4 JP: below
    ((4, "COMPLETED"), (9, "PROPOSED")),  # 38.4 JP: above
    ((3, "APPROVED"), (5, "COMPLETED")),  # 16 JP: below by 4
    ((7, "PROPOSED"), (8, "CANCELLED")),
    ((6, "COMPLETED"), (1, "APPROVED")),  # 8 JP: below
)
STEPS = {"PROPOSED": (), "APPROVED": ("APPROVED",), "IN_PROGRESS": ("APPROVED", "IN_PROGRESS"),
         "COMPLETED": ("APPROVED", "IN_PROGRESS", "COMPLETED"), "CANCELLED": ("CANCELLED",)}


async def seed_development(db: Database, data: DemoData, loaded, today: date) -> None:
    if not loaded.created_tenants:
        return
    store = PolicyStore()
    async with db.unit_of_work(platform=True) as session:
        await store.reload(session)
    for tenant in data.tenants:
        if tenant.slug not in loaded.created_tenants:
            continue
        tenant_id = loaded.tenant_ids[tenant.slug]
        hr_user = next(u for u in tenant.users if "hr" in u.roles)
        hr = loaded.user_ids[hr_user.username]
        planned = [loaded.employee_ids[(tenant.slug, e.key)] for e in tenant.employees
                   if e.rater_key and e.key != hr_user.employee_key][: len(SCRIPTS)]
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            actor = Actor(session, tenant_id, hr, store.permissions_for(hr, tenant_id), today)
            catalog = await _catalog(actor)
            service = DevelopmentService(actor)
            for employee_id, script in zip(planned, SCRIPTS, strict=False):
                for index, status in script:
                    await _item(service, employee_id, catalog[index], status, tenant.slug)


async def _catalog(actor: Actor) -> list[uuid.UUID]:
    training = TrainingService(actor)
    return [await training.create(ActivityData(title, form, kind, duration, codes, provider,
                                               international))
            for title, form, kind, codes, duration, provider, international in CATALOG]


async def _item(service: DevelopmentService, employee_id: uuid.UUID, activity_id: uuid.UUID,
                status: str, slug: str) -> None:
    changed = await service.propose(employee_id, YEAR, ItemData(activity_id=activity_id))
    for step in STEPS[status]:
        evidence = (f"https://sertifikat.{slug}.example/{changed.item_id}"
                    if step == "COMPLETED" else None)
        await service.move(changed.item_id, step, None, evidence_url=evidence,
                           approving=step == "APPROVED")
