"""Employee home agency: an official of the parent agency who rates the head of this one
(e.g. the Camat rating a Lurah) has a record here with `home_tenant_id` set.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 16:19:31.318534
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_tenant_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_employee_home_tenant_id_tenant'), 'tenant', ['home_tenant_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_employee_home_tenant_id_tenant'), type_='foreignkey')
        batch_op.drop_column('home_tenant_id')
