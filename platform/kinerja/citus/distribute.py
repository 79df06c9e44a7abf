"""`kinerja distribute`: put a migrated database on Citus, idempotently.

Citus refuses to distribute a table while foreign keys tie it to local tables, so in one
transaction: drop the foreign keys touching the tables still to convert, make the global
tables reference tables, distribute the agency tables by tenant_id into one colocation group,
add the same foreign keys back (every foreign key between agency tables includes tenant_id,
so Citus accepts all of them), make `SET LOCAL` reach the workers. Run again after a
migration it distributes whatever is still local (migration.py normally already did) and
changes nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from .catalog_repository import DISTRIBUTION_COLUMN, CitusCatalog

DEFAULT_SHARD_COUNT = 32  # Citus's own default: room to rebalance onto 32 workers


class NotCitus(RuntimeError):
    """The database has no Citus extension (not a coordinator)."""


class WrongDistribution(RuntimeError):
    """A table is a Citus table of another kind than its columns call for."""


@dataclass
class Plan:
    reference: list[str] = field(default_factory=list)  # global tables still local
    distributed: list[str] = field(default_factory=list)  # agency tables still local
    anchor: str | None = None  # an agency table already distributed (the colocation group)

    @property
    def pending(self) -> list[str]:
        return self.reference + self.distributed


def plan(tables: dict[str, bool], kinds: dict[str, str], columns: dict[str, str]) -> Plan:
    """What is left to do, from each table's tenant_id column and its current Citus kind;
    a table already of the wrong kind (or distributed by another column) is refused."""
    result = Plan()
    for name, tenant in sorted(tables.items()):
        wanted = "distributed" if tenant else "reference"
        kind = kinds.get(name, "local")
        if kind == "local":
            (result.distributed if tenant else result.reference).append(name)
        elif kind != wanted or (tenant and columns.get(name) != DISTRIBUTION_COLUMN):
            raise WrongDistribution(f"{name} is {kind}, expected {wanted} on "
                                    f"{DISTRIBUTION_COLUMN if tenant else 'every node'}")
        elif tenant and result.anchor is None:
            result.anchor = name
    return result


@dataclass(frozen=True)
class Report:
    reference: int
    distributed: int
    foreign_keys: int  # dropped and added back


def distribute_sync(conn: sa.Connection, shard_count: int = DEFAULT_SHARD_COUNT) -> Report:
    """Convert what is still local, inside the caller's transaction."""
    catalog = CitusCatalog(conn)
    if not catalog.has_citus():
        raise NotCitus("the citus extension is not installed in this database")
    todo = plan(catalog.tables(), catalog.kinds(), catalog.distribution_columns())
    catalog.propagate_set_local()
    if not todo.pending:
        return Report(0, 0, 0)
    catalog.sequential()
    keys = catalog.foreign_keys(todo.pending)
    for fk in keys:
        catalog.drop_foreign_key(fk)
    for table in todo.reference:
        catalog.make_reference(table)
    convert_agency_tables(catalog, todo.distributed, todo.anchor, shard_count)
    for fk in keys:
        catalog.add_foreign_key(fk)
    return Report(len(todo.reference), len(todo.distributed), len(keys))


def convert_agency_tables(catalog: CitusCatalog, tables: list[str], anchor: str | None,
                          shard_count: int) -> None:
    """Distribute `tables` colocated with `anchor` (or with the first of them)."""
    for table in tables:
        catalog.distribute(table, colocate_with=anchor, shard_count=shard_count)
        anchor = anchor or table


async def distribute(owner_url: str, shard_count: int = DEFAULT_SHARD_COUNT,
                     *, only_if_distributed: bool = False) -> Report | None:
    """`distribute_sync` in one transaction of the owner role. `only_if_distributed`: do
    nothing (None) unless the database is distributed already (`kinerja migrate`)."""
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    # not kinerja.db.create_engine: db uses this package (the agency setting)
    engine = create_async_engine(owner_url, poolclass=NullPool, hide_parameters=True)
    try:
        async with engine.begin() as conn:
            if only_if_distributed and not await conn.run_sync(
                    lambda sync: CitusCatalog(sync).is_distributed()):
                return None
            return await conn.run_sync(distribute_sync, shard_count)
    finally:
        await engine.dispose()
