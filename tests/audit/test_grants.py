"""The application role may only INSERT and SELECT the append-only trails (PostgreSQL grants).

An attacker holding the application's database credentials can neither rewrite nor remove an
audit event, a platform event or a data view; only the owner can (and the chain shows it).
"""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from kinerja.models import AuditEvent, DataView, PlatformEvent
from kinerja.models.base import utcnow
from kinerja.ops.app_role import APPEND_ONLY_TABLES
from tests.conftest import APP_ROLE

pytestmark = pytest.mark.postgres_only
RAW = {"skip_tenant_filter": True}
CHANGES = {
    "update": "UPDATE {table} SET {column} = {column}",
    "delete": "DELETE FROM {table}",
    "truncate": "TRUNCATE {table}",
}
COLUMN = {"audit_event": "actor_user_id", "platform_event": "actor_user_id",
          "data_view": "viewer_user_id"}


async def _rows(db, world) -> None:
    alpha = world.tenant_id("alpha")
    async with db.unit_of_work(tenant_id=alpha) as session:
        session.add(AuditEvent(tenant_id=alpha, action="test.event", object_type="Test",
                               object_id="1"))
        session.add(DataView(tenant_id=alpha, window_start=utcnow(), viewer_user_id=uuid.uuid4(),
                             subject_employee_id=uuid.uuid4(), kind="RESULT",
                             skp_id=uuid.uuid4(), period_id=uuid.uuid4()))
    async with db.unit_of_work(platform=True) as session:
        session.add(PlatformEvent(action="test.event", object_type="Test", object_id="1"))


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize("change", sorted(CHANGES))
async def test_the_app_role_cannot_change_or_remove_trail_rows(db, world, table, change):
    await _rows(db, world)
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        assert (await session.execute(sa.text("SELECT current_user"))).scalar() == APP_ROLE
        statement = CHANGES[change].format(table=table, column=COLUMN[table])
        with pytest.raises(sa.exc.DBAPIError, match="permission denied"):
            await session.execute(sa.text(statement), execution_options=RAW)
        await session.rollback()
    finally:
        await session.close()
    async with db.unit_of_work(tenant_id=world.tenant_id("alpha")) as session:
        remaining = (await session.execute(sa.text(f"SELECT count(*) FROM {table}"))).scalar()
    assert remaining >= 1


async def test_the_app_role_holds_only_insert_and_select_on_the_trails(backend):
    async with backend.engine.connect() as conn:
        granted = (await conn.execute(sa.text(
            "SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) "
            "FROM information_schema.role_table_grants WHERE grantee = :r "
            "AND table_name = ANY(:t) GROUP BY table_name"),
            {"r": APP_ROLE, "t": list(APPEND_ONLY_TABLES)})).all()
        heads = (await conn.execute(sa.text(
            "SELECT has_table_privilege(:r, 'audit_chain_head', 'UPDATE')"),
            {"r": APP_ROLE})).scalar()
    assert dict(granted) == {t: "INSERT,SELECT" for t in APPEND_ONLY_TABLES}
    assert heads is True  # appending advances the head
