"""tenant statistics: extended statistics (dependencies) of tenant_id with the hot reads' keys

PostgreSQL multiplies the selectivities of `tenant_id = $1` and `cycle_id = $2` as if they were
independent, but a cycle belongs to one agency: at 5,000 employees an agency it estimated a
period's results at 312 rows instead of 5,000, sorted them all for a page of 50 (9.4 ms)
instead of walking the name index (0.46 ms). A functional-dependency statistic per
(tenant_id, key) lets ANALYZE learn that the key decides the agency. PostgreSQL only (SQLite
has no planner statistics of this kind); Citus propagates CREATE STATISTICS to the shards.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 05:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, key columns the hot reads filter by alongside tenant_id)
STATISTICS = (
    ("skp", ("cycle_id",)),
    ("performance_result", ("period_id",)),
    ("work_result", ("skp_id",)),
    ("indicator", ("work_result_id",)),
    ("realisation", ("skp_id", "period_id")),
)


def _name(table: str) -> str:
    return f"st_{table}_tenant_keys"


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table, keys in STATISTICS:
        op.execute(f"CREATE STATISTICS IF NOT EXISTS {_name(table)} (dependencies) "
                   f"ON tenant_id, {', '.join(keys)} FROM {table}")
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table, _keys in STATISTICS:
        op.execute(f"DROP STATISTICS IF EXISTS {_name(table)}")
