"""Isolation matrix: every root field x every role x own tenant and foreign tenant.

Each `cases_*.py` module in this package exports `CASES: list[dict]`, one dict per call:

- `field`: the root field the operation calls (the completeness test counts these);
- `operation`: the GraphQL document;
- `variables`: `(world, tenant_slug) -> dict`; called with "alpha" (own IDs) and "beta"
  (foreign IDs: the caller acts in alpha);
- `allowed_roles`: the roles among admin, hr, rater, staff, auditor that may call it; with own
  IDs they must succeed (no top-level error, no payload error), the others get FORBIDDEN;
- `foreign_ok_codes`: what an allowed role may get back with beta's IDs. Every error code
  (top-level `extensions.code` or payload `errors[].code`) must be listed. A call without any
  error is acceptable only when the list is empty or contains "OK" (list queries whose foreign
  filter simply matches nothing). Beta's data must never appear in the answer and beta's rows
  must never change, whatever the outcome;
- `name` (optional): a label for failure messages (default: module, field and index);
- `setup` (optional): `async (db, services, world) -> None`, awaited once before beta's
  baseline snapshot (inside the test's rolled-back transaction), e.g. to add custom roles;
- `nullable` (optional): the root field may legitimately answer null for allowed roles;
- `denied_codes` (optional): the single top-level code other roles of the own tenant may get
  (default ["FORBIDDEN"]; e.g. ["FORBIDDEN", "NOT_FOUND"] where existence must not leak).

Anonymous callers always get UNAUTHENTICATED.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import uuid
from typing import Any

import sqlalchemy as sa

from kinerja.models import TENANT_TABLES, CasbinRule, Tenant, User, metadata

ROLES = ("admin", "hr", "rater", "staff", "auditor")
REQUIRED_KEYS = {"field", "operation", "variables", "allowed_roles", "foreign_ok_codes"}


def load_cases() -> list[dict[str, Any]]:
    """Every case of every `cases_*` module present (modules still being written are skipped)."""
    cases: list[dict[str, Any]] = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module_info.name.startswith("cases_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for index, case in enumerate(getattr(module, "CASES", [])):
            missing = REQUIRED_KEYS - case.keys()
            if missing:
                raise AssertionError(f"{module_info.name}[{index}] lacks {sorted(missing)}")
            unknown = set(case["allowed_roles"]) - set(ROLES)
            if unknown:
                raise AssertionError(f"{module_info.name}[{index}]: unknown roles {unknown}")
            label = case.get("name") or f"{case['field']}#{index}"
            cases.append({**case, "id": f"{module_info.name.removeprefix('cases_')}:{label}"})
    return cases


# --- database snapshots (read through the app role: tenant rows need a tenant-scoped session) ---

def _plain(row: Any) -> tuple:
    return tuple(str(v) if isinstance(v, uuid.UUID) else v for v in row)


def _sorted(rows: list[Any]) -> list[tuple]:
    return sorted((_plain(r) for r in rows), key=repr)


async def snapshot_tenant(db: Any, tenant_id: uuid.UUID) -> dict[str, Any]:
    """Every row a tenant owns: its tenant tables, its tenant row, its policies, its members."""
    out: dict[str, Any] = {}
    session = db.session(tenant_id=tenant_id)
    try:
        for name in TENANT_TABLES:
            table = metadata.tables[name]
            rows = (await session.execute(
                sa.select(table).where(table.c.tenant_id == tenant_id))).all()
            out[name] = _sorted(rows)
        tid = str(tenant_id)
        rules = (await session.execute(sa.select(CasbinRule.__table__).where(
            sa.or_(CasbinRule.v1 == tid, CasbinRule.v2 == tid)))).all()
        out["casbin_rule"] = _sorted(rules)
        members = [r.v0 for r in rules if r.ptype == "g" and r.v2 == tid
                   and not r.v0.startswith("app:")]  # apps' roles: subject app:<id>
        users = (await session.execute(sa.select(User.__table__).where(
            User.id.in_([uuid.UUID(m) for m in members])))).all()
        out["app_user"] = _sorted(users)
        out["tenant"] = _sorted((await session.execute(
            sa.select(Tenant.__table__).where(Tenant.id == tenant_id))).all())
    finally:
        await session.close()
    return out


async def snapshot_all(db: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every row of every table (tenant tables read tenant by tenant, as RLS demands)."""
    out: dict[str, Any] = {}
    session = db.session(platform=True)
    try:
        tenant_ids = list((await session.execute(sa.select(Tenant.id))).scalars())
        # Tables the models define but the database lacks are test_migrations' business.
        present = set(await session.run_sync(
            lambda sync: sa.inspect(sync.connection()).get_table_names()))
        for table in metadata.sorted_tables:
            if table.name in skip or "tenant_id" in table.c or table.name not in present:
                continue
            out[table.name] = _sorted((await session.execute(sa.select(table))).all())
    finally:
        await session.close()
    for tenant_id in sorted(tenant_ids):
        session = db.session(tenant_id=tenant_id)
        try:
            for name in TENANT_TABLES:
                if name in skip:
                    continue
                table = metadata.tables[name]
                out[f"{name}@{tenant_id}"] = _sorted((await session.execute(
                    sa.select(table).where(table.c.tenant_id == tenant_id))).all())
        finally:
            await session.close()
    return out


# --- did a call write? (a call that wrote nothing cannot have changed beta) ---

# Only SELECTs (a WITH query included) without a single writing word, transaction control and
# the agency setting (Citus: SET LOCAL app.tenant_id) count as reads: a write in a CTE
# (WITH x AS (UPDATE ...)), INSERT ... ON CONFLICT, SELECT ... FOR UPDATE or SELECT ... INTO
# all contain such a word. Anything else counts as a write.
_READ_START = re.compile(
    r"\s*(?:(?:SELECT|WITH|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT)\b|SET LOCAL app\.tenant_id = )",
    re.I)
_WRITE_WORD = re.compile(
    r"\b(INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|TRUNCATE|CREATE|DROP|ALTER|GRANT|REVOKE|"
    r"COPY|CALL|DO|LOCK|INTO|NEXTVAL|SETVAL|VACUUM|REINDEX|ATTACH|DETACH|PRAGMA)\b", re.I)


def may_write(statement: str) -> bool:
    return _READ_START.match(statement) is None or _WRITE_WORD.search(statement) is not None


# Rows inserted, updated or deleted so far: on PostgreSQL by this transaction, its rolled-back
# subtransactions included (every table, catalogs too, whatever row-level security lets the
# role see); on SQLite by this connection since it opened, triggers and upserts included.
_CHANGES = {
    "sqlite": "SELECT total_changes()",
    "postgresql": "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                  "FROM pg_stat_xact_all_tables",
}


class WriteWatch:
    """Whether a call may have written, by two independent signals, either of which suffices:
    a statement that is not a plain read on any connection of the test's engine (`may_write`),
    or the database's own count of changed rows on the test's connection having moved.
    `close()` removes the statement listener."""

    def __init__(self, db: Any):
        self.db = db
        self.suspects = 0
        self._mark: tuple[int, int] = (0, 0)
        sa.event.listen(db.engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if may_write(statement):
            self.suspects += 1

    async def changed_rows(self) -> int:
        return int((await self.db.bind.execute(sa.text(_CHANGES[self.db.dialect]))).scalar())

    async def start(self) -> None:
        self._mark = (self.suspects, await self.changed_rows())

    async def wrote(self) -> bool:
        """Since `start()`; asked before anything else runs on the connection."""
        suspects, changes = self._mark
        return self.suspects != suspects or await self.changed_rows() != changes

    def close(self) -> None:
        sa.event.remove(self.db.engine.sync_engine, "before_cursor_execute", self._seen)


class Unchanged:
    """The whole database compared around each of many calls, but read again only after a call
    that may have written (`WriteWatch`): one that did not left it as it was.

        unchanged = await Unchanged.start(db, skip=...)
        try:
            for ...:
                await unchanged.mark()
                ... one call ...
                changed = await unchanged.changes()  # diff_snapshots(before, after)
        finally:
            unchanged.close()
    """

    def __init__(self, db: Any, skip: tuple[str, ...]):
        self.db, self.skip = db, skip
        self.watch = WriteWatch(db)
        self.current: dict[str, Any] = {}

    @classmethod
    async def start(cls, db: Any, skip: tuple[str, ...] = ()) -> Unchanged:
        self = cls(db, skip)
        self.current = await snapshot_all(db, skip)
        return self

    async def mark(self) -> None:
        """Before the call."""
        await self.watch.start()

    async def changes(self) -> list[str]:
        """Right after the call: what it changed (compared with the state before it)."""
        if not await self.watch.wrote():
            return []
        before, self.current = self.current, await snapshot_all(self.db, self.skip)
        return diff_snapshots(before, self.current)

    def close(self) -> None:
        self.watch.close()


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Readable differences: table, counts, and the first changed rows."""
    out = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, []), after.get(key, [])
        if old != new:
            gone = [r for r in old if r not in new][:2]
            added = [r for r in new if r not in old][:2]
            out.append(f"{key}: {len(old)} -> {len(new)} rows; removed {gone}; added {added}")
    return out
