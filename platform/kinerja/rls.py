"""Row-level security for tenant tables, as the migrations create it (PostgreSQL only).

Every tenant table gets ENABLE + FORCE ROW LEVEL SECURITY and one policy comparing `tenant_id`
with the transaction's `app.tenant_id` (set by `db.py`); with no tenant set nothing is visible.
Kept in one place so that every migration creates exactly the same policy.
"""

from __future__ import annotations

from collections.abc import Iterable

TENANT_PREDICATE = "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid"


def enable_tenant_rls(op, tables: Iterable[str]) -> None:
    """Call from a migration's upgrade() after creating `tables`; a no-op on SQLite."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY tenant_isolation ON {table} "
                   f"USING ({TENANT_PREDICATE}) WITH CHECK ({TENANT_PREDICATE})")
