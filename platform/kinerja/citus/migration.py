"""Later migrations on a distributed database.

A migration's `op.create_table` would make a local table, and a local table cannot hold a
foreign key to a distributed one. So on a database that is distributed already, the table is
created without its foreign keys, distributed at once (an agency table by tenant_id in the
agency tables' colocation group, a global table as a reference table) and then gets its
foreign keys. Everything else a migration does works on distributed tables as it is:
`add_column`, indexes, `create_foreign_key` between agency tables (they include tenant_id) or
to a global table, row-level security and its policy (Citus forwards them to the shards).
Elsewhere (SQLite, plain PostgreSQL, a Citus database not distributed yet) nothing changes.
"""

from __future__ import annotations

from typing import Any

from alembic.operations import Operations, ops, toimpl

from .catalog_repository import DISTRIBUTION_COLUMN, CitusCatalog
from .distribute import DEFAULT_SHARD_COUNT, convert_agency_tables, plan


def _create_table(operations: Operations, operation: ops.CreateTableOp) -> Any:
    bind = operations.get_bind()
    if bind.dialect.name != "postgresql" or not CitusCatalog(bind).is_distributed():
        return toimpl.create_table(operations, operation)
    catalog = CitusCatalog(bind)
    table = operation.to_table(operations.migration_context)
    keys = list(table.foreign_key_constraints)
    # keyword passed on to sqlalchemy's CreateTable (alembic's stub does not declare it)
    operations.impl.create_table(table, include_foreign_key_constraints=[])  # type: ignore[call-arg]
    catalog.sequential()
    if DISTRIBUTION_COLUMN in table.c:
        anchor = plan(catalog.tables(), catalog.kinds(), catalog.distribution_columns()).anchor
        convert_agency_tables(catalog, [table.name], anchor, DEFAULT_SHARD_COUNT)
    else:
        catalog.make_reference(table.name)
    for key in keys:
        operations.impl.add_constraint(key)
    return table


def install() -> None:
    """Route `op.create_table` through `_create_table` (env.py calls it once)."""
    Operations.implementation_for(ops.CreateTableOp, replace=True)(_create_table)
