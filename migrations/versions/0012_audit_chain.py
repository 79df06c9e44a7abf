"""audit chain: hash-chained audit events, chain heads, the "who viewed" trail

Adds `seq`, `prev_hash` and `event_hash` to `audit_event` (one chain per agency) and
`platform_event` (the platform chain), backfills the chains of existing rows in (at, id)
order, then makes the columns NOT NULL with a unique sequence number per chain. Creates the
chain heads (`audit_chain_head` per agency, `platform_chain_head`) and `data_view`.

On PostgreSQL the owner lifts FORCE ROW LEVEL SECURITY on audit_event for the backfill (it
must see every agency's rows, like 0011), the new tenant tables get the tenant policy, and
UPDATE, DELETE and TRUNCATE on the append-only tables (audit_event, platform_event,
data_view) are revoked from every role but the owner: the application may only INSERT and
SELECT them (`kinerja create-app-role` keeps it so).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 07:26:19.918296
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from kinerja.audit.chain import event_hash
from kinerja.models.audit import GENESIS_HASH
from kinerja.rls import enable_tenant_rls

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ('audit_event', 'platform_event', 'data_view')
BATCH = 2000
CHAIN_COLUMNS = ('seq', 'prev_hash', 'event_hash')


def _event_table(name: str, tenant: bool) -> sa.TableClause:
    columns = [sa.column('id', sa.Uuid()), sa.column('at', sa.DateTime(timezone=True)),
               sa.column('actor_user_id', sa.Uuid()), sa.column('action', sa.String()),
               sa.column('object_type', sa.String()), sa.column('object_id', sa.String()),
               sa.column('before', sa.JSON()), sa.column('after', sa.JSON()),
               sa.column('seq', sa.BigInteger()), sa.column('prev_hash', sa.String()),
               sa.column('event_hash', sa.String())]
    if tenant:
        columns.append(sa.column('tenant_id', sa.Uuid()))
    return sa.table(name, *columns)


class _Row:
    """A stored event with the sequence number it is given (for chain.event_hash)."""

    def __init__(self, row, seq: int):
        self.__dict__.update(row._mapping)
        self.seq = seq


def _backfill_chain(conn, table, tenant_id) -> tuple[int, str, object]:
    """Chain one agency's (or the platform's) events in (at, id) order, batch by batch."""
    seq, prev, last = 0, GENESIS_HASH, None
    where = table.c.tenant_id == tenant_id if tenant_id is not None else sa.true()
    key = [table.c.id] + ([table.c.tenant_id] if tenant_id is not None else [])
    update = (sa.update(table).where(*[c == sa.bindparam(f'k_{c.name}') for c in key])
              .values(seq=sa.bindparam('n_seq'), prev_hash=sa.bindparam('n_prev'),
                      event_hash=sa.bindparam('n_hash')))
    while True:
        stmt = sa.select(table).where(where).order_by(table.c.at, table.c.id).limit(BATCH)
        if last is not None:
            stmt = stmt.where(sa.or_(table.c.at > last.at,
                                     sa.and_(table.c.at == last.at, table.c.id > last.id)))
        rows = conn.execute(stmt).all()
        if not rows:
            return seq, prev, last.at if last is not None else None
        params = []
        for row in rows:
            seq += 1
            digest = event_hash(tenant_id, _Row(row, seq), prev)
            params.append({'k_id': row.id, 'n_seq': seq, 'n_prev': prev, 'n_hash': digest,
                           **({'k_tenant_id': tenant_id} if tenant_id is not None else {})})
            prev, last = digest, row
        conn.execute(update, params)


def _backfill(conn) -> None:
    tenant_heads = sa.table('audit_chain_head', sa.column('tenant_id', sa.Uuid()),
                            sa.column('seq', sa.BigInteger()), sa.column('head_hash', sa.String()),
                            sa.column('head_at', sa.DateTime(timezone=True)))
    platform_head = sa.table('platform_chain_head', sa.column('id', sa.Integer()),
                             sa.column('seq', sa.BigInteger()), sa.column('head_hash', sa.String()),
                             sa.column('head_at', sa.DateTime(timezone=True)))
    events = _event_table('audit_event', tenant=True)
    tenant = sa.table('tenant', sa.column('id', sa.Uuid()))
    for tenant_id in conn.execute(sa.select(tenant.c.id).order_by(tenant.c.id)).scalars().all():
        seq, head, at = _backfill_chain(conn, events, tenant_id)
        conn.execute(sa.insert(tenant_heads).values(tenant_id=tenant_id, seq=seq, head_hash=head,
                                                     head_at=at))
    seq, head, at = _backfill_chain(conn, _event_table('platform_event', tenant=False), None)
    conn.execute(sa.insert(platform_head).values(id=1, seq=seq, head_hash=head, head_at=at))


def _create_tables() -> None:
    op.create_table('platform_chain_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('head_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('head_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_platform_chain_head'))
    )
    op.create_table('audit_chain_head',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('head_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('head_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_audit_chain_head_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_audit_chain_head'))
    )
    op.create_table('data_view',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('viewer_user_id', sa.Uuid(), nullable=False),
    sa.Column('subject_employee_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('skp_id', sa.Uuid(), nullable=False),
    sa.Column('period_id', sa.Uuid(), nullable=False),
    sa.Column('result_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_data_view_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_data_view')),
    sa.UniqueConstraint('tenant_id', 'viewer_user_id', 'kind', 'skp_id', 'period_id', 'window_start', name='uq_data_view_window')
    )
    with op.batch_alter_table('data_view', schema=None) as batch_op:
        batch_op.create_index('ix_data_view_subject', ['tenant_id', 'subject_employee_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_view_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_data_view_viewer', ['tenant_id', 'viewer_user_id', 'at'], unique=False)


def _chain_columns(table: str, nullable: bool) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        if nullable:
            batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
            batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column('event_hash', sa.String(length=64), nullable=True))
            return
        batch_op.alter_column('seq', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('event_hash', existing_type=sa.String(length=64), nullable=False)
        columns = ['tenant_id', 'seq'] if table == 'audit_event' else ['seq']
        batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_{'_'.join(columns)}"), columns)


def _revoke_changes(conn) -> None:
    """Only the owner may change or remove rows of the append-only tables."""
    names = ', '.join(APPEND_ONLY)
    op.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON {names} FROM PUBLIC')
    grantees = conn.execute(sa.text(
        "SELECT DISTINCT r.rolname FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
        "JOIN pg_roles r ON r.oid = a.grantee "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(:tables) "
        "AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND a.grantee <> c.relowner"),
        {'tables': list(APPEND_ONLY)}).scalars().all()
    for grantee in grantees:
        op.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON {names} FROM "{grantee}"')


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    _create_tables()
    enable_tenant_rls(op, ['data_view'])
    for table in ('audit_event', 'platform_event'):
        _chain_columns(table, nullable=True)
    if postgres:  # the owner must see every agency's events for the backfill
        op.execute('ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY')
    _backfill(op.get_bind())
    if postgres:
        op.execute('ALTER TABLE audit_event FORCE ROW LEVEL SECURITY')
    enable_tenant_rls(op, ['audit_chain_head'])
    for table in ('audit_event', 'platform_event'):
        _chain_columns(table, nullable=False)
    if postgres:
        _revoke_changes(op.get_bind())


def downgrade() -> None:
    for table in ('platform_event', 'audit_event'):
        columns = ['tenant_id', 'seq'] if table == 'audit_event' else ['seq']
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"uq_{table}_{'_'.join(columns)}"), type_='unique')
            for column in reversed(CHAIN_COLUMNS):
                batch_op.drop_column(column)
    with op.batch_alter_table('data_view', schema=None) as batch_op:
        batch_op.drop_index('ix_data_view_viewer')
        batch_op.drop_index(batch_op.f('ix_data_view_tenant_id'))
        batch_op.drop_index('ix_data_view_subject')
    op.drop_table('data_view')
    op.drop_table('audit_chain_head')
    op.drop_table('platform_chain_head')
