"""Technical competency frameworks and position standards for the Pauh demo (issue 4 §1).

Each kind of agency gets a small technical framework (teknis, five levels each) written for this
project, and a few of its positions require those competencies on top of the managerial and
socio-cultural defaults per position type. Saved through `CompetencyService`, so validation and
audit events are the same as through the API. Invented content, not an official dictionary.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..authz.actor import Actor
from ..competencies.service import CompetencyService, TechnicalCompetencyData
from ..db import Database
from ..models import Position
from .pauh import DemoData

LEVELS = (
    "Memahami dasar-dasar {topic} dan menerapkannya dengan bimbingan.",
    "Menerapkan {topic} secara mandiri pada tugas rutin.",
    "Menerapkan {topic} pada kasus yang kompleks dan membimbing rekan kerja.",
    "Mengembangkan metode {topic} di tingkat organisasi.",
    "Menjadi rujukan {topic} di tingkat daerah atau nasional.",
)

# agency kind -> [(code, name, topic)]
FRAMEWORKS: dict[str, list[tuple[str, str, str]]] = {
    "KECAMATAN": [
        ("T.PATEN", "Pelayanan Administrasi Terpadu Kecamatan", "pelayanan PATEN"),
        ("T.ARSIP", "Pengelolaan Arsip Dinamis", "pengelolaan arsip"),
        ("T.TRANTIB", "Penegakan Ketenteraman dan Ketertiban Umum", "penegakan perda"),
    ],
    "KELURAHAN": [
        ("T.ADMINDUK", "Pelayanan Administrasi Kependudukan", "pelayanan administrasi"),
        ("T.PEMBERDAYAAN", "Pemberdayaan Masyarakat", "pemberdayaan masyarakat"),
    ],
    "PUSKESMAS": [
        ("T.UKP", "Pelayanan Kesehatan Perseorangan", "pelayanan klinis"),
        ("T.UKM", "Upaya Kesehatan Masyarakat", "kesehatan masyarakat"),
        ("T.SURVEILANS", "Surveilans Penyakit", "surveilans"),
    ],
    "SEKOLAH": [
        ("T.PEMBELAJARAN", "Pengelolaan Pembelajaran", "pengelolaan pembelajaran"),
        ("T.ASESMEN", "Asesmen Hasil Belajar", "asesmen"),
        ("T.KEMITRAAN", "Kemitraan dengan Orang Tua", "kemitraan sekolah dan orang tua"),
    ],
}

# position code -> [(competency code, required level)]
STANDARDS: dict[str, list[tuple[str, int]]] = {
    "KASI_PELUM": [("T.PATEN", 3)], "PENATA_LAYANAN": [("T.PATEN", 2), ("M.05", 2)],
    "OPERATOR_LAYANAN": [("T.PATEN", 2), ("M.05", 2)], "PENGELOLA_UMUM": [("T.ARSIP", 2)],
    "KASI_TRANTIB": [("T.TRANTIB", 3)], "LURAH": [("T.PEMBERDAYAAN", 3)],
    "KASI_PMB": [("T.PEMBERDAYAAN", 3)],
    "DOKTER_MUDA": [("T.UKP", 4)], "DOKTER_PERTAMA": [("T.UKP", 3)],
    "PERAWAT_PERTAMA": [("T.UKP", 3)], "PROMKES": [("T.UKM", 3)],
    "SANITARIAN": [("T.UKM", 2), ("T.SURVEILANS", 2)],
    "GURU_KELAS_MADYA": [("T.PEMBELAJARAN", 4), ("T.ASESMEN", 3)],
    "GURU_KELAS_MUDA": [("T.PEMBELAJARAN", 3), ("T.ASESMEN", 3), ("T.KEMITRAAN", 2)],
    "GURU_KELAS_PERTAMA": [("T.PEMBELAJARAN", 2), ("T.ASESMEN", 2), ("T.KEMITRAAN", 2)],
}


async def seed_frameworks(db: Database, data: DemoData, loaded) -> None:
    for tenant in data.tenants:
        items = FRAMEWORKS.get(tenant.kind)
        if tenant.slug not in loaded.created_tenants or not items:
            continue
        tenant_id = loaded.tenant_ids[tenant.slug]
        hr = next((loaded.user_ids[u.username] for u in tenant.users if "hr" in u.roles), None)
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            service = CompetencyService(Actor(session, tenant_id, hr))
            await service.save_framework([
                TechnicalCompetencyData(code, name, f"Kompetensi teknis {name.lower()}.",
                                        [text.format(topic=topic) for text in LEVELS])
                for code, name, topic in items], expected=None)
            known = {code for code, _, _ in items}
            rows = await session.execute(sa.select(Position.id, Position.code))
            for position_id, code in rows.all():
                wanted = [(c, level) for c, level in STANDARDS.get(code or "", [])
                          if c in known or c.startswith("M.")]
                if wanted:
                    await service.set_standard(position_id, wanted)
