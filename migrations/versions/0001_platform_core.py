"""platform core

Revision ID: 0001
Revises: None
Create Date: 2026-11-27

All platform-core tables; on PostgreSQL, FORCE ROW LEVEL SECURITY with a tenant policy on
every tenant table (the policy reads the transaction-local setting app.tenant_id).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from kinerja.rls import enable_tenant_rls

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TENANT_TABLES = ('audit_event', 'org_unit', 'position', 'role', 'employee', 'reporting_line')


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('email', name=op.f('uq_app_user_email')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('casbin_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ptype', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('v0', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('v1', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('v2', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('v3', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('v4', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('v5', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casbin_rule'))
    )
    op.create_table('login_throttle',
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_login_throttle'))
    )
    op.create_table('platform_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('object_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('object_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_platform_event'))
    )
    with op.batch_alter_table('platform_event', schema=None) as batch_op:
        batch_op.create_index('ix_platform_event_object', ['object_type', 'object_id'], unique=False)

    op.create_table('tenant',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=63), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['tenant.id'], name=op.f('fk_tenant_parent_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenant')),
    sa.UniqueConstraint('slug', name=op.f('uq_tenant_slug'))
    )
    op.create_table('audit_event',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('object_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('object_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_audit_event_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_actor', ['tenant_id', 'actor_user_id', 'at'], unique=False)
        batch_op.create_index('ix_audit_event_object', ['tenant_id', 'object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('org_unit',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'parent_id'], ['org_unit.tenant_id', 'org_unit.id'], name=op.f('fk_org_unit_tenant_id_parent_id_org_unit')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_org_unit_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_org_unit')),
    sa.UniqueConstraint('tenant_id', 'code', name=op.f('uq_org_unit_tenant_id_code'))
    )
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_org_unit_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('position',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('position_type', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_position_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_position')),
    sa.UniqueConstraint('tenant_id', 'code', name=op.f('uq_position_tenant_id_code'))
    )
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('role',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_role_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_role')),
    sa.UniqueConstraint('tenant_id', 'name', name=op.f('uq_role_tenant_id_name'))
    )
    with op.batch_alter_table('role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('employee',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('nip', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('employee_type', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('rank', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('position_id', sa.Uuid(), nullable=True),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'position_id'], ['position.tenant_id', 'position.id'], name=op.f('fk_employee_tenant_id_position_id_position')),
    sa.ForeignKeyConstraint(['tenant_id', 'unit_id'], ['org_unit.tenant_id', 'org_unit.id'], name=op.f('fk_employee_tenant_id_unit_id_org_unit')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_employee_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_employee_user_id_app_user')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_employee')),
    sa.UniqueConstraint('tenant_id', 'nip', name=op.f('uq_employee_tenant_id_nip')),
    sa.UniqueConstraint('tenant_id', 'user_id', name=op.f('uq_employee_tenant_id_user_id'))
    )
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employee_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_employee_tenant_name', ['tenant_id', 'name', 'id'], unique=False)
        batch_op.create_index('ix_employee_tenant_unit', ['tenant_id', 'unit_id'], unique=False)

    op.create_table('reporting_line',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('employee_id', sa.Uuid(), nullable=False),
    sa.Column('rater_id', sa.Uuid(), nullable=True),
    sa.Column('rater_superior_id', sa.Uuid(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('acting', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id', 'employee_id'], ['employee.tenant_id', 'employee.id'], name=op.f('fk_reporting_line_tenant_id_employee_id_employee')),
    sa.ForeignKeyConstraint(['tenant_id', 'rater_id'], ['employee.tenant_id', 'employee.id'], name=op.f('fk_reporting_line_tenant_id_rater_id_employee')),
    sa.ForeignKeyConstraint(['tenant_id', 'rater_superior_id'], ['employee.tenant_id', 'employee.id'], name=op.f('fk_reporting_line_tenant_id_rater_superior_id_employee')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_reporting_line_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('tenant_id', 'id', name=op.f('pk_reporting_line'))
    )
    with op.batch_alter_table('reporting_line', schema=None) as batch_op:
        batch_op.create_index('ix_reporting_line_employee', ['tenant_id', 'employee_id', 'valid_from'], unique=False)
        batch_op.create_index('ix_reporting_line_rater', ['tenant_id', 'rater_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reporting_line_tenant_id'), ['tenant_id'], unique=False)
    enable_tenant_rls(op, TENANT_TABLES)


def downgrade() -> None:
    with op.batch_alter_table('reporting_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reporting_line_tenant_id'))
        batch_op.drop_index('ix_reporting_line_rater')
        batch_op.drop_index('ix_reporting_line_employee')

    op.drop_table('reporting_line')
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_index('ix_employee_tenant_unit')
        batch_op.drop_index('ix_employee_tenant_name')
        batch_op.drop_index(batch_op.f('ix_employee_tenant_id'))

    op.drop_table('employee')
    with op.batch_alter_table('role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_role_tenant_id'))

    op.drop_table('role')
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_tenant_id'))

    op.drop_table('position')
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_org_unit_tenant_id'))

    op.drop_table('org_unit')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_tenant_id'))
        batch_op.drop_index('ix_audit_event_object')
        batch_op.drop_index('ix_audit_event_actor')

    op.drop_table('audit_event')
    op.drop_table('tenant')
    with op.batch_alter_table('platform_event', schema=None) as batch_op:
        batch_op.drop_index('ix_platform_event_object')

    op.drop_table('platform_event')
    op.drop_table('login_throttle')
    op.drop_table('casbin_rule')
    op.drop_table('app_user')
