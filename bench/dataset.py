"""Bulk-load the benchmark data: N tenants x M employees, units, positions, reporting lines.

Plain asyncpg `executemany` per table, one transaction per tenant with `app.tenant_id` set,
so it works for a superuser and for a table owner under FORCE ROW LEVEL SECURITY alike.
Every NIP is valid (kinerja.people.nip.generate_nip) and unique within its tenant.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import asyncpg

from kinerja.auth.passwords import hash_password
from kinerja.models.base import uuid7
from kinerja.people.nip import generate_nip

FIRST = ("Adi", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika",
         "Lestari", "Made", "Nur", "Oka", "Putri", "Rahmat", "Sari", "Taufik", "Wulan", "Yudi")
LAST = ("Saputra", "Wijaya", "Pratama", "Siregar", "Nasution", "Lubis", "Harahap", "Hasibuan",
        "Putra", "Utami", "Rahayu", "Kurniawan", "Hidayat", "Syahputra", "Chaniago", "Tanjung")
POSITIONS = (("KEPALA", "Kepala", "ADMINISTRATOR", "ADMINISTRASI"),
             ("KABAG", "Kepala Bagian", "PENGAWAS", "ADMINISTRASI"),
             ("ANALIS", "Analis", "AHLI_PERTAMA", "FUNGSIONAL_KEAHLIAN"),
             ("PRANATA", "Pranata Komputer", "TERAMPIL", "FUNGSIONAL_KETERAMPILAN"),
             ("PELAKSANA", "Pelaksana", "PELAKSANA", "ADMINISTRASI"))
SECTIONS = 9
PASSWORD = "bench-password-1"
VALID_FROM = date(2025, 1, 1)


@dataclass
class Loaded:
    tenants: list[tuple[str, uuid.UUID]] = field(default_factory=list)  # (slug, id)
    hr_users: dict[str, uuid.UUID] = field(default_factory=dict)  # slug -> user id


def _employee_rows(tenant_id: uuid.UUID, count: int, units: list[uuid.UUID],
                   positions: list[uuid.UUID], seed: int, now: datetime) -> list[tuple]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        kind = "PPPK" if i % 7 == 6 else "PNS"
        birth = date(1965 + i % 35, 1 + i % 12, 1 + i % 28)
        appointment = date(birth.year + 22, 1 + (i * 5) % 12, 1)
        nip = generate_nip(rng, kind, birth, appointment, 1 + i % 2, 1 + i % 999)
        rank = f"PPPK_{('V', 'VII', 'IX')[i % 3]}" if kind == "PPPK" else \
            ("II_C", "III_A", "III_B", "III_C", "IV_A")[i % 5]
        if i == 0:
            unit, position = units[0], positions[0]
        elif i <= SECTIONS:
            unit, position = units[i], positions[1]
        else:
            unit, position = units[1 + i % SECTIONS], positions[2 + i % 3]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i:03d}"
        rows.append((tenant_id, uuid7(), nip, kind, name, rank, position, unit, None, True, 1,
                     now, now))
    return rows


def _line_rows(tenant_id: uuid.UUID, employees: list[tuple], now: datetime) -> list[tuple]:
    """Head rates section heads; section heads rate their staff, with the head as superior."""
    ids = [row[1] for row in employees]
    rows = []
    for i, employee_id in enumerate(ids[1:], start=1):
        if i <= SECTIONS:
            rater, superior = ids[0], None
        else:
            rater, superior = ids[1 + i % SECTIONS], ids[0]
        acting = "PLT" if i % 50 == 0 else "NONE"
        rows.append((tenant_id, uuid7(), employee_id, rater, superior, VALID_FROM, None, acting,
                     now))
    return rows


async def _load_tenant(conn: asyncpg.Connection, index: int, employees: int, now: datetime,
                       hr_id: uuid.UUID) -> tuple[str, uuid.UUID]:
    slug, tenant_id = f"bench-{index:02d}", uuid7()
    async with conn.transaction():
        await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
        await conn.execute(
            "INSERT INTO tenant (id, slug, name, kind, parent_id, active, version, created_at, "
            "updated_at) VALUES ($1, $2, $3, 'DINAS', NULL, true, 1, $4, $4)",
            tenant_id, slug, f"Dinas Benchmark {index:02d}", now)
        units = [uuid7() for _ in range(SECTIONS + 1)]
        await conn.executemany(
            "INSERT INTO org_unit (tenant_id, id, code, name, parent_id, active, version, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, true, 1, $6, $6)",
            [(tenant_id, u, "ROOT" if k == 0 else f"BAG{k}",
              "Kantor" if k == 0 else f"Bagian {k}", None if k == 0 else units[0], now)
             for k, u in enumerate(units)])
        positions = [uuid7() for _ in POSITIONS]
        await conn.executemany(
            "INSERT INTO position (tenant_id, id, code, name, position_type, level, active, "
            "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, true, 1, $7, $7)",
            [(tenant_id, p, code, name, ptype, level, now)
             for p, (code, name, level, ptype) in zip(positions, POSITIONS, strict=True)])
        rows = _employee_rows(tenant_id, employees, units, positions, index, now)
        await conn.executemany(
            "INSERT INTO employee (tenant_id, id, nip, employee_type, name, rank, position_id, "
            "unit_id, user_id, active, version, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)", rows)
        await conn.executemany(
            "INSERT INTO reporting_line (tenant_id, id, employee_id, rater_id, rater_superior_id, "
            "valid_from, valid_to, acting, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            _line_rows(tenant_id, rows, now))
        await conn.execute(
            "INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4, v5) "
            "VALUES ('g', $1, 'hr', $2, '', '', '')", str(hr_id), str(tenant_id))
    return slug, tenant_id


async def load(dsn: str, tenants: int, employees: int) -> Loaded:
    now = datetime.now(UTC)
    password_hash = hash_password(PASSWORD)
    loaded = Loaded()
    conn = await asyncpg.connect(dsn)
    try:
        for index in range(tenants):
            hr_id = uuid7()
            await conn.execute(
                "INSERT INTO app_user (id, username, email, display_name, password_hash, disabled, "
                "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, false, 1, $6, $6)",
                hr_id, f"hr.bench{index:02d}", f"hr.bench{index:02d}@kinerja.example",
                f"HR Bench {index:02d}", password_hash, now)
            slug, tenant_id = await _load_tenant(conn, index, employees, now, hr_id)
            loaded.tenants.append((slug, tenant_id))
            loaded.hr_users[slug] = hr_id
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return loaded
