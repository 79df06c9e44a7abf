"""Custom views of the Pauh demo (views/): seven read-only views in every demo agency that has
the 2026 cycle, defined by the agency's admin login through the real ViewService (so the keys,
titles, roles, defaults and table paths pass the rules of `createView`, and `view.create` is
audited as through the API).

Each view's defaults point at the demo data: the cycle's global ID and the quarter where the
view has something to show (demo.monitoring records realisations for Q1-Q3, demo.results rates
Q1 and Q2 and releases Q1, where the objections and the 360 feedback of demo.reviews are).
Idempotent per key: a view whose key exists is left as it is, so demo agencies loaded before
the views existed get them on the next `serve --demo`, and nothing is doubled.

The document gate (edge/) cannot be imported from here (tests/unit/test_architecture.py), so
the service gets a `prepare` that only parses; tests/test_demo_views.py checks every document
against the real gate and runs it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from graphql import OperationDefinitionNode, parse

from ..authz.actor import Actor
from ..authz.store import PolicyStore
from ..db import Database
from ..graphql.relay import to_global_id
from ..models import Cycle, Period
from ..roles.catalog import RoleCatalog
from ..views.definition import ViewData, operation_of, variables_of
from ..views.repository import ViewRepository
from ..views.service import ViewService
from .cycle import CYCLE_NAME, CYCLE_YEAR
from .pauh import DemoData

MANAGERS = ["admin", "auditor", "hr"]  # agency-wide readers
PAGE = "$first: Int = 50, $after: String"
PAGE_INFO = "pageInfo { hasNextPage endCursor }"


@dataclass(frozen=True)
class DemoView:
    key: str
    title_id: str
    title_en: str
    description_id: str
    description_en: str
    document: str
    roles: list[str]
    quarter: int | None  # the default `periodId`: this quarter of the demo cycle; None: none
    rows_path: str
    columns: list[tuple[str, str, str]]  # path, Indonesian label, English label


def _employee(below: str = "") -> list[tuple[str, str, str]]:
    """The employee's name, NIP and unit as columns (of the row, or of `below` in it)."""
    return [(f"{below}employee.name", "Pegawai", "Employee"),
            (f"{below}employee.nip", "NIP", "NIP"),
            (f"{below}employee.unit.name", "Unit kerja", "Unit")]


EMPLOYEE = _employee()

VIEWS: tuple[DemoView, ...] = (
    DemoView(
        key="progres-realisasi",
        title_id="Progres realisasi SKP per periode",
        title_en="SKP realisation progress per period",
        description_id=("SKP siklus berjalan dengan pegawai, unit kerja, status SKP, pejabat "
                        "penilai, rencana hasil kerja (RHK) dan realisasi yang dicatat untuk "
                        "periode terpilih (kosong: belum ada realisasi). Bawaan: triwulan III. "
                        "Staf dan penilai melihat SKP yang boleh mereka baca."),
        description_en=("The cycle's SKPs with employee, unit, SKP status, rater, work results "
                        "(RHK) and the realisations recorded for the chosen period (empty: none "
                        "yet). Default: Q3. Staff and raters see the SKPs they may read."),
        document=("query ProgresRealisasi($cycleId: ID!, $periodId: ID!, " + PAGE + ") {\n"
                  "  skps(cycleId: $cycleId, first: $first, after: $after) {\n"
                  "    nodes {\n"
                  "      status\n"
                  "      employee { name nip unit { name } }\n"
                  "      rater { name }\n"
                  "      workResults { text }\n"
                  "      realisations(periodId: $periodId) { value narrative }\n"
                  "    }\n"
                  "    " + PAGE_INFO + "\n"
                  "  }\n"
                  "}\n"),
        roles=[*MANAGERS, "rater", "staff"], quarter=3, rows_path="skps.nodes",
        columns=[*EMPLOYEE, ("status", "Status SKP", "SKP status"),
                 ("rater.name", "Pejabat penilai", "Rater"),
                 ("workResults.text", "Rencana hasil kerja (RHK)", "Work results (RHK)"),
                 ("realisations.value", "Nilai realisasi", "Realised values"),
                 ("realisations.narrative", "Uraian realisasi", "Realisation notes")]),
    DemoView(
        key="sebaran-predikat",
        title_id="Sebaran predikat kinerja per unit",
        title_en="Performance predikat per unit",
        description_id=("Hasil kinerja periode terpilih per pegawai dengan unit kerja, rating "
                        "hasil kerja, rating perilaku, predikat dan status; isi `unitId` untuk "
                        "satu unit. Bawaan: triwulan II (sudah dinilai, belum dirilis)."),
        description_en=("Results of the chosen period per employee with unit, work and "
                        "behaviour ratings, predikat and status; set `unitId` for one unit. "
                        "Default: Q2 (rated, not yet released)."),
        document=("query SebaranPredikat($cycleId: ID!, $periodId: ID!, $unitId: ID, "
                  + PAGE + ") {\n"
                  "  results(cycleId: $cycleId, periodId: $periodId, unitId: $unitId, "
                  "first: $first, after: $after) {\n"
                  "    nodes {\n"
                  "      employee { name nip unit { name } position { name } }\n"
                  "      ratingHasil ratingPerilaku predikat status\n"
                  "    }\n"
                  "    " + PAGE_INFO + "\n"
                  "  }\n"
                  "}\n"),
        roles=MANAGERS, quarter=2, rows_path="results.nodes",
        columns=[("employee.unit.name", "Unit kerja", "Unit"),
                 ("employee.name", "Pegawai", "Employee"), ("employee.nip", "NIP", "NIP"),
                 ("employee.position.name", "Jabatan", "Position"),
                 ("ratingHasil", "Rating hasil kerja", "Work rating"),
                 ("ratingPerilaku", "Rating perilaku", "Behaviour rating"),
                 ("predikat", "Predikat", "Predikat"), ("status", "Status", "Status")]),
    DemoView(
        key="jp-di-bawah-20",
        title_id="Pegawai di bawah 20 JP",
        title_en="Employees below 20 JP",
        description_id=("Pegawai aktif yang JP pengembangan kompetensinya pada tahun terpilih "
                        "masih di bawah minimum (20 JP), dengan kekurangannya; isi `unitId` "
                        "untuk satu unit."),
        description_en=("Active employees whose completed development hours (JP) for the year "
                        "are below the minimum (20 JP), with the shortfall; set `unitId` for "
                        "one unit."),
        document=("query JpDiBawah20($year: Int!, $unitId: ID, " + PAGE + ") {\n"
                  "  jpCompliance(year: $year, unitId: $unitId, belowOnly: true, "
                  "first: $first, after: $after) {\n"
                  "    nodes {\n"
                  "      employee { name nip employeeType unit { name } }\n"
                  "      completedJp minimumJp shortfallJp\n"
                  "    }\n"
                  "    " + PAGE_INFO + "\n"
                  "  }\n"
                  "}\n"),
        roles=MANAGERS, quarter=None, rows_path="jpCompliance.nodes",
        columns=[*EMPLOYEE, ("employee.employeeType", "Jenis pegawai", "Employee type"),
                 ("completedJp", "JP selesai", "Completed JP"),
                 ("minimumJp", "JP minimum", "Minimum JP"),
                 ("shortfallJp", "Kekurangan JP", "Shortfall JP")]),
    DemoView(
        key="keberatan-dan-tenggat",
        title_id="Keberatan dan batas waktunya",
        title_en="Objections and their deadlines",
        description_id=("Hasil kinerja periode terpilih dengan status (OBJECTED: ada keberatan "
                        "terbuka), tanggal rilis, batas akhir keberatan, serta tanggal, status "
                        "dan keputusan keberatan. Bawaan: triwulan I (sudah dirilis)."),
        description_en=("Results of the chosen period with their status (OBJECTED: an open "
                        "objection), release date, objection deadline, and each objection's "
                        "filing date, status and decision. Default: Q1 (released)."),
        document=("query KeberatanDanTenggat($cycleId: ID!, $periodId: ID!, $unitId: ID, "
                  + PAGE + ") {\n"
                  "  results(cycleId: $cycleId, periodId: $periodId, unitId: $unitId, "
                  "first: $first, after: $after) {\n"
                  "    nodes {\n"
                  "      employee { name nip unit { name } }\n"
                  "      predikat status releasedOn objectionDeadline\n"
                  "      explanation { objections { filedAt status decision decidedAt } }\n"
                  "    }\n"
                  "    " + PAGE_INFO + "\n"
                  "  }\n"
                  "}\n"),
        roles=MANAGERS, quarter=1, rows_path="results.nodes",
        columns=[*EMPLOYEE, ("predikat", "Predikat", "Predikat"),
                 ("status", "Status hasil", "Result status"),
                 ("releasedOn", "Dirilis", "Released on"),
                 ("objectionDeadline", "Batas keberatan", "Objection deadline"),
                 ("explanation.objections.filedAt", "Keberatan diajukan", "Objection filed"),
                 ("explanation.objections.status", "Status keberatan", "Objection status"),
                 ("explanation.objections.decision", "Keputusan", "Decision"),
                 ("explanation.objections.decidedAt", "Diputus", "Decided at")]),
    DemoView(
        key="keberatan-untuk-diputus",
        title_id="Keberatan yang menunggu keputusan Anda",
        title_en="Objections waiting for your decision",
        description_id=("Keberatan terbuka atas hasil yang SKP-nya mencatat Anda sebagai atasan "
                        "pejabat penilai, dengan pegawai, periode, predikat dan batas akhir "
                        "keberatan; yang terlama lebih dulu."),
        description_en=("Open objections to results whose SKP records you as the rater's "
                        "superior, with employee, period, predikat and objection deadline; "
                        "oldest first."),
        document=("query KeberatanUntukDiputus($cycleId: ID) {\n"
                  "  objectionsToDecide(cycleId: $cycleId) {\n"
                  "    filedAt status reasons\n"
                  "    result {\n"
                  "      predikat status objectionDeadline\n"
                  "      employee { name nip unit { name } }\n"
                  "      period { kind number }\n"
                  "    }\n"
                  "  }\n"
                  "}\n"),
        roles=["admin", "hr", "rater"], quarter=None, rows_path="objectionsToDecide",
        columns=[*_employee("result."),
                 ("result.period.kind", "Jenis periode", "Period kind"),
                 ("result.period.number", "Periode ke", "Period number"),
                 ("result.predikat", "Predikat", "Predikat"),
                 ("filedAt", "Diajukan", "Filed at"),
                 ("result.objectionDeadline", "Batas keberatan", "Objection deadline"),
                 ("reasons", "Alasan", "Reasons")]),
    DemoView(
        key="kesenjangan-kompetensi",
        title_id="Kesenjangan kompetensi per unit",
        title_en="Competency gaps per unit",
        description_id=("Matriks kesenjangan kompetensi pegawai aktif (seluruh instansi, atau "
                        "satu unit dengan `unitId`): JPM, kategori, dan per kompetensi yang "
                        "dipersyaratkan level standar, level aktual dan selisihnya."),
        description_en=("The competency gap matrix of active employees (the whole agency, or "
                        "one unit with `unitId`): JPM, band, and per required competency the "
                        "required level, the actual level and the gap."),
        document=("query KesenjanganKompetensi($unitId: ID, " + PAGE + ") {\n"
                  "  competencyGapMatrix(unitId: $unitId, first: $first, after: $after) {\n"
                  "    rows {\n"
                  "      nodes {\n"
                  "        employee { name nip unit { name } position { name } }\n"
                  "        jpm band { label }\n"
                  "        cells { competencyCode requiredLevel actualLevel gap }\n"
                  "      }\n"
                  "      " + PAGE_INFO + "\n"
                  "    }\n"
                  "  }\n"
                  "}\n"),
        roles=MANAGERS, quarter=None, rows_path="competencyGapMatrix.rows.nodes",
        columns=[*EMPLOYEE, ("employee.position.name", "Jabatan", "Position"),
                 ("jpm", "JPM (%)", "JPM (%)"), ("band.label", "Kategori", "Band"),
                 ("cells.competencyCode", "Kompetensi", "Competencies"),
                 ("cells.requiredLevel", "Level standar", "Required levels"),
                 ("cells.actualLevel", "Level aktual", "Actual levels"),
                 ("cells.gap", "Selisih", "Gaps")]),
    DemoView(
        key="partisipasi-360",
        title_id="Partisipasi penilaian diri dan umpan balik 360",
        title_en="Self-assessment and 360 feedback participation",
        description_id=("Per hasil kinerja periode terpilih: status penilaian diri, jumlah "
                        "reviewer 360 yang dinominasikan, jawaban yang dipublikasikan, ambang "
                        "anonimitas dan status ringkasan. Bawaan: triwulan I."),
        description_en=("Per result of the chosen period: self-assessment status, 360 "
                        "reviewers nominated, answers published, the anonymity threshold and "
                        "the summary status. Default: Q1."),
        document=("query Partisipasi360($cycleId: ID!, $periodId: ID!, $unitId: ID, "
                  + PAGE + ") {\n"
                  "  results(cycleId: $cycleId, periodId: $periodId, unitId: $unitId, "
                  "first: $first, after: $after) {\n"
                  "    nodes {\n"
                  "      employee { name nip unit { name } }\n"
                  "      explanation {\n"
                  "        selfAssessment { status submittedAt }\n"
                  "        feedback360 { nominatedCount publishedCount threshold status }\n"
                  "      }\n"
                  "    }\n"
                  "    " + PAGE_INFO + "\n"
                  "  }\n"
                  "}\n"),
        roles=MANAGERS, quarter=1, rows_path="results.nodes",
        columns=[*EMPLOYEE,
                 ("explanation.selfAssessment.status", "Penilaian diri", "Self-assessment"),
                 ("explanation.selfAssessment.submittedAt", "Dikirim", "Submitted at"),
                 ("explanation.feedback360.nominatedCount", "Reviewer dinominasikan",
                  "Reviewers nominated"),
                 ("explanation.feedback360.publishedCount", "Jawaban dipublikasikan",
                  "Answers published"),
                 ("explanation.feedback360.threshold", "Ambang anonimitas",
                  "Anonymity threshold"),
                 ("explanation.feedback360.status", "Status ringkasan 360",
                  "360 summary status")]),
)


class ParsedOnly:
    """What ViewService reads of a prepared document: its operations by name and kind."""

    def __init__(self, text: str):
        self.operations = {(d.name.value if d.name else None): d.operation.value
                           for d in parse(text).definitions
                           if isinstance(d, OperationDefinitionNode)}


def defaults_of(view: DemoView, cycle_id: uuid.UUID,
                quarters: dict[int, uuid.UUID]) -> dict[str, Any]:
    """The view's defaults on the demo data, as global IDs (as the API takes them)."""
    declared = {v.name for v in variables_of(operation_of(parse(view.document)), {})}
    out: dict[str, Any] = {}
    if "cycleId" in declared:
        out["cycleId"] = to_global_id("Cycle", cycle_id)
    if view.quarter is not None:
        out["periodId"] = to_global_id("Period", quarters[view.quarter])
    if "year" in declared:
        out["year"] = CYCLE_YEAR
    return out


def data_of(view: DemoView, cycle_id: uuid.UUID, quarters: dict[int, uuid.UUID]) -> ViewData:
    return ViewData(
        title_id=view.title_id, title_en=view.title_en, description_id=view.description_id,
        description_en=view.description_en, document=view.document,
        defaults=defaults_of(view, cycle_id, quarters), roles=list(view.roles),
        rows_path=view.rows_path,
        columns=[{"path": p, "label_id": i, "label_en": e} for p, i, e in view.columns])


async def seed_views(db: Database, data: DemoData, loaded) -> None:
    """Define the demo views in every demo agency whose 2026 cycle exists (missing keys only)."""
    store = PolicyStore()
    async with db.unit_of_work(platform=True) as session:
        await store.reload(session)
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids.get(tenant.slug)
        admin = next((loaded.user_ids.get(u.username) for u in tenant.users
                      if "admin" in u.roles), None)
        if tenant_id is None or admin is None:
            continue
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            cycle_id = (await session.execute(sa.select(Cycle.id).where(
                Cycle.year == CYCLE_YEAR, Cycle.name == CYCLE_NAME))).scalar()
            if cycle_id is None:
                continue
            quarters = dict((await session.execute(
                sa.select(Period.number, Period.id)
                .where(Period.cycle_id == cycle_id, Period.kind == "QUARTER"))).all())
            actor = Actor(session, tenant_id, admin, store.permissions_for(admin, tenant_id))
            service = ViewService(actor, RoleCatalog(session, store, tenant_id), ParsedOnly)
            repo = ViewRepository(session)
            for view in VIEWS:
                if view.quarter is not None and view.quarter not in quarters:
                    continue  # a rule set without quarters: no sensible default period
                if await repo.view(view.key) is None:
                    await service.create(view.key, data_of(view, cycle_id, quarters))
