"""Bulk-load the benchmark data: N tenants x M employees, units, positions, reporting lines,
and (unless `skps=False`) the 2026 cycle with one SKP per employee (bench/dataset_skp.py).

One transaction per tenant with `app.tenant_id` set. Rows go in with COPY when the loading
account bypasses row-level security (a superuser: COPY FROM refuses tables under RLS
otherwise), else with `executemany`, so a table owner under FORCE ROW LEVEL SECURITY works
too, only slower. Every NIP is valid (kinerja.people.nip.generate_nip) and unique per tenant.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import asyncpg
import dataset_skp

from kinerja.auth.passwords import hash_password
from kinerja.cycles.rules import default_content
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

EMPLOYEE_COLUMNS = ("tenant_id", "id", "nip", "employee_type", "name", "rank", "position_id",
                    "unit_id", "user_id", "active", "version", "created_at", "updated_at")
LINE_COLUMNS = ("tenant_id", "id", "employee_id", "rater_id", "rater_superior_id", "valid_from",
                "valid_to", "acting", "created_at")


@dataclass
class Loaded:
    tenants: list[tuple[str, uuid.UUID]] = field(default_factory=list)  # (slug, id)
    hr_users: dict[str, uuid.UUID] = field(default_factory=dict)  # slug -> user id
    cycles: dict[str, uuid.UUID] = field(default_factory=dict)  # slug -> 2026 cycle id
    quarters: dict[str, uuid.UUID] = field(default_factory=dict)  # slug -> its Q1 period id


class Writer:
    """Inserts rows with COPY or, when the account is subject to RLS, executemany."""

    def __init__(self, conn: asyncpg.Connection, copy: bool):
        self.conn, self.copy = conn, copy

    async def put(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        if self.copy:
            await self.conn.copy_records_to_table(table, records=rows, columns=list(columns))
            return
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        await self.conn.executemany(
            f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', rows)


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


async def _load_tenant(out: Writer, index: int, employees: int, now: datetime,
                       hr_id: uuid.UUID, skps: bool, loaded: Loaded) -> None:
    conn = out.conn
    slug, tenant_id = f"bench-{index:02d}", uuid7()
    async with conn.transaction():
        await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
        await conn.execute(
            "INSERT INTO tenant (id, slug, name, kind, parent_id, active, version, created_at, "
            "updated_at) VALUES ($1, $2, $3, 'DINAS', NULL, true, 1, $4, $4)",
            tenant_id, slug, f"Dinas Benchmark {index:02d}", now)
        units = [uuid7() for _ in range(SECTIONS + 1)]
        await out.put("org_unit", ("tenant_id", "id", "code", "name", "parent_id", "active",
                                   "version", "created_at", "updated_at"),
                      [(tenant_id, u, "ROOT" if k == 0 else f"BAG{k}",
                        "Kantor" if k == 0 else f"Bagian {k}", None if k == 0 else units[0],
                        True, 1, now, now) for k, u in enumerate(units)])
        positions = [uuid7() for _ in POSITIONS]
        await out.put("position", ("tenant_id", "id", "code", "name", "position_type", "level",
                                   "active", "version", "created_at", "updated_at"),
                      [(tenant_id, p, code, name, ptype, level, True, 1, now, now)
                       for p, (code, name, level, ptype) in zip(positions, POSITIONS, strict=True)])
        rows = _employee_rows(tenant_id, employees, units, positions, index, now)
        await out.put("employee", EMPLOYEE_COLUMNS, rows)
        lines = _line_rows(tenant_id, rows, now)
        await out.put("reporting_line", LINE_COLUMNS, lines)
        await conn.execute(
            "INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4, v5) "
            "VALUES ('g', $1, 'hr', $2, '', '', '')", str(hr_id), str(tenant_id))
        if skps:
            plan = dataset_skp.plan(tenant_id, [r[1] for r in rows], lines, now, index)
            await conn.execute(
                "INSERT INTO rule_set (tenant_id, id, version, content, created_by, created_at) "
                "VALUES ($1, $2, 1, $3::json, NULL, $4)",
                tenant_id, plan.rule_set_id, json.dumps(default_content()), now)
            for table, columns, table_rows in plan.tables():
                await out.put(table, columns, table_rows)
            loaded.cycles[slug], loaded.quarters[slug] = plan.cycle_id, plan.quarter_id
    loaded.tenants.append((slug, tenant_id))
    loaded.hr_users[slug] = hr_id


async def load(dsn: str, tenants: int, employees: int, skps: bool = True) -> Loaded:
    now = datetime.now(UTC)
    password_hash = hash_password(PASSWORD)
    loaded = Loaded()
    conn = await asyncpg.connect(dsn)
    try:
        copy = bool(await conn.fetchval(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"))
        out = Writer(conn, copy)
        for index in range(tenants):
            hr_id = uuid7()
            await conn.execute(
                "INSERT INTO app_user (id, username, email, display_name, password_hash, disabled, "
                "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, false, 1, $6, $6)",
                hr_id, f"hr.bench{index:02d}", f"hr.bench{index:02d}@kinerja.example",
                f"HR Bench {index:02d}", password_hash, now)
            await _load_tenant(out, index, employees, now, hr_id, skps, loaded)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return loaded
