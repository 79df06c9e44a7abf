"""Competency evidence for the Pauh demo (issue 4 §2-§3), after the cycle is seeded.

In every newly created tenant: each employee with a login and a rater self-assesses three
national competencies (the rater accepts two, one stays pending), their rater scores them after
coaching (form B.1.9, with a reason), HR imports assessment-centre results for the first
employees (CSV, as through the API), and the first such employee aims for their rater's
position (target position chosen by HR). Everything goes through the real services, so rules
and audit events are the same as through the API. Deterministic.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import sqlalchemy as sa

from ..authz.actor import Actor
from ..authz.store import PolicyStore
from ..authz.vocabulary import Scope
from ..competency_assessments.access import AssessmentAccess
from ..competency_assessments.csv_import import AssessmentImporter
from ..competency_assessments.service import AssessmentData, AssessmentService
from ..competency_assessments.targets import set_target
from ..db import Database
from ..kit.csv_rows import CsvLimits
from ..models import Employee
from .pauh import DemoData, DemoTenant

SELF_CODES = ("M.01", "M.04", "M.05")
RATER_CODES = ("M.01", "M.02", "M.03", "M.04", "M.05", "SK.01")
CENTRE_CODES = ("M.06", "M.07", "M.08")
CENTRE = "UPT Penilaian Kompetensi BKPSDM Kota Padang"


async def seed_competencies(db: Database, data: DemoData, loaded, today: date) -> None:
    if not loaded.created_tenants:
        return
    store = PolicyStore()
    async with db.unit_of_work(platform=True) as session:
        await store.reload(session)
    for tenant in data.tenants:
        if tenant.slug in loaded.created_tenants:
            await _seed_tenant(db, store, tenant, loaded, today)


async def _seed_tenant(db: Database, store: PolicyStore, tenant: DemoTenant, loaded,
                       today: date) -> None:
    tenant_id = loaded.tenant_ids[tenant.slug]
    user_of = {u.employee_key: loaded.user_ids[u.username] for u in tenant.users
               if u.employee_key}
    hr = next(loaded.user_ids[u.username] for u in tenant.users if "hr" in u.roles)

    def may(key: str | None, scope: Scope) -> bool:
        user = user_of.get(key or "")
        held = store.permissions_for(user, tenant_id).scope("competency_assessment", "write") \
            if user else None
        return held is not None and held >= scope

    rated = [e for e in tenant.employees
             if may(e.key, Scope.OWN) and may(e.rater_key, Scope.SUBORDINATES)]

    def actor(session, user_id: uuid.UUID) -> Actor:
        return Actor(session, tenant_id, user_id, store.permissions_for(user_id, tenant_id), today)

    async with db.unit_of_work(tenant_id=tenant_id) as session:
        for index, emp in enumerate(rated):
            employee_id = loaded.employee_ids[(tenant.slug, emp.key)]
            own = AssessmentService(actor(session, user_of[emp.key]))
            rater = AssessmentService(actor(session, user_of[emp.rater_key]))
            for offset, code in enumerate(SELF_CODES):
                created = await own.record(AssessmentData(
                    employee_id, code, 2 + (index + offset) % 3, "SELF",
                    today - timedelta(days=40 - offset), note="Penilaian diri awal tahun"))
                if offset < 2:
                    await rater.decide(created, accept=True, version=None)
            for offset, code in enumerate(RATER_CODES):
                await rater.record(AssessmentData(
                    employee_id, code, 1 + (index + offset) % 4, "RATER",
                    today - timedelta(days=20), reason=_reason(code, index + offset)))
        centre = [e for e in rated if user_of.get(e.key) != hr][:3]  # never HR's own record
        nips = await _nips(session, [loaded.employee_ids[(tenant.slug, e.key)] for e in centre])
        lines = ["nip,competency_code,level,assessed_on,assessor,note"]
        lines += [f"{nip},{code},{2 + (i + j) % 3},{today - timedelta(days=60)},{CENTRE},"
                  for i, nip in enumerate(nips) for j, code in enumerate(CENTRE_CODES)]
        result = await AssessmentImporter(actor(session, hr), CsvLimits(max_rows=1000)).run(
            "\n".join(lines), dry_run=False)
        assert not result.row_errors, result.row_errors
        if centre:
            first = centre[0]
            rater_position = next(e.position_code for e in tenant.employees
                                  if e.key == first.rater_key)
            await set_target(AssessmentAccess(actor(session, hr)),
                             loaded.employee_ids[(tenant.slug, first.key)],
                             loaded.position_ids[(tenant.slug, rater_position)], None)


def _reason(code: str, n: int) -> str:
    reasons = ("Setelah coaching: sudah konsisten, perlu menjadi contoh bagi tim.",
               "Setelah coaching: perlu pendampingan pada tugas lintas bagian.",
               "Setelah coaching: sudah baik, lanjutkan dengan mentoring rekan baru.",
               "Setelah coaching: perlu pelatihan dan penugasan bertahap.")
    return f"{code}: {reasons[n % len(reasons)]}"


async def _nips(session, employee_ids: list[uuid.UUID]) -> list[str]:
    rows = (await session.execute(sa.select(Employee.id, Employee.nip)
                                  .where(Employee.id.in_(employee_ids)))).all()
    by_id = dict(rows)
    return [by_id[i] for i in employee_ids]
