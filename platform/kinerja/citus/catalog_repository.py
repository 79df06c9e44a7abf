"""The Citus catalog and its functions, on a synchronous connection of the owner role (the
command runs them through `run_sync`, a migration on Alembic's own connection)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from .tenant_setting import FUNCTION_SQL

DISTRIBUTION_COLUMN = "tenant_id"
LOCAL_TABLES = ("alembic_version",)  # written by Alembic on the coordinator only


@dataclass(frozen=True, slots=True)
class ForeignKey:
    table: str
    name: str
    definition: str  # pg_get_constraintdef: "FOREIGN KEY (...) REFERENCES ...(...)"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class CitusCatalog:
    def __init__(self, conn: sa.Connection):
        self.conn = conn

    def has_citus(self) -> bool:
        """The extension is installed in this database (a coordinator or a worker)."""
        return bool(self.conn.scalar(sa.text(
            "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')")))

    def is_distributed(self) -> bool:
        """Citus is installed and at least one table is distributed already."""
        return self.has_citus() and bool(self.conn.scalar(sa.text(
            "SELECT EXISTS (SELECT FROM pg_dist_partition WHERE partmethod = 'h')")))

    def tables(self) -> dict[str, bool]:
        """Every table of the public schema but the local ones -> has a tenant_id column."""
        rows = self.conn.execute(sa.text(
            "SELECT c.relname, EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid"
            " AND a.attname = :column AND NOT a.attisdropped) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
            " AND NOT c.relname = ANY(:local) ORDER BY c.relname"),
            {"column": DISTRIBUTION_COLUMN, "local": list(LOCAL_TABLES)})
        return {name: bool(tenant) for name, tenant in rows}

    def kinds(self) -> dict[str, str]:
        """Citus tables of the public schema -> 'distributed', 'reference' or 'local'."""
        rows = self.conn.execute(sa.text(
            "SELECT c.relname, CASE WHEN p.partmethod = 'h' THEN 'distributed'"
            " WHEN p.repmodel = 't' THEN 'reference' ELSE 'local' END"
            " FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"))
        return {name: kind for name, kind in rows}

    def distribution_columns(self) -> dict[str, str]:
        rows = self.conn.execute(sa.text(
            "SELECT logicalrelid::regclass::text, column_to_column_name(logicalrelid, partkey)"
            " FROM pg_dist_partition WHERE partmethod = 'h'"))
        return {name.strip('"'): column for name, column in rows}

    def colocation_groups(self) -> dict[str, int]:
        rows = self.conn.execute(sa.text(
            "SELECT logicalrelid::regclass::text, colocationid FROM pg_dist_partition"
            " WHERE partmethod = 'h'"))
        return {name.strip('"'): int(group) for name, group in rows}

    def foreign_keys(self, tables: list[str]) -> list[ForeignKey]:
        """Foreign keys from or to any of `tables` (public schema), in a stable order."""
        rows = self.conn.execute(sa.text(
            "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
            " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f'"
            " AND n.nspname = 'public' AND (c.relname = ANY(:t) OR r.relname = ANY(:t))"
            " ORDER BY c.relname, k.conname"), {"t": tables})
        return [ForeignKey(*row) for row in rows]

    def drop_foreign_key(self, fk: ForeignKey) -> None:
        self.conn.exec_driver_sql(
            f"ALTER TABLE {_quote(fk.table)} DROP CONSTRAINT {_quote(fk.name)}")

    def add_foreign_key(self, fk: ForeignKey) -> None:
        self.conn.exec_driver_sql(
            f"ALTER TABLE {_quote(fk.table)} ADD CONSTRAINT {_quote(fk.name)} {fk.definition}")

    def sequential(self) -> None:
        """DDL of this transaction over one connection per node: distributing tables that
        later get foreign keys to reference tables in the same transaction needs it."""
        self.conn.exec_driver_sql("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'")

    def make_reference(self, table: str) -> None:
        filled = self._has_rows(table)
        self.conn.execute(sa.text("SELECT create_reference_table(CAST(:t AS regclass))"),
                          {"t": _quote(table)})
        if filled:
            self._drop_local_copy(table)

    def distribute(self, table: str, *, colocate_with: str | None, shard_count: int) -> None:
        """Hash-distributed on tenant_id, colocated with `colocate_with` (None: a new group
        of `shard_count` shards)."""
        filled = self._has_rows(table)
        if colocate_with is None:
            self.conn.execute(sa.text(
                "SELECT create_distributed_table(CAST(:t AS regclass), :column,"
                " colocate_with => 'none', shard_count => :n)"),
                {"t": _quote(table), "column": DISTRIBUTION_COLUMN, "n": shard_count})
        else:
            self.conn.execute(sa.text(
                "SELECT create_distributed_table(CAST(:t AS regclass), :column,"
                " colocate_with => :anchor)"),
                {"t": _quote(table), "column": DISTRIBUTION_COLUMN,
                 "anchor": _quote(colocate_with)})
        if filled:
            self._drop_local_copy(table)

    def _has_rows(self, table: str) -> bool:
        """Whether the (still local) table holds rows."""
        return bool(self.conn.scalar(sa.text(f"SELECT EXISTS (SELECT 1 FROM {_quote(table)})")))

    def _drop_local_copy(self, table: str) -> None:
        """Citus copied the rows into the shards and left them in the coordinator's shell
        table, where nothing reads them: free the space."""
        self.conn.execute(sa.text(
            "SELECT truncate_local_data_after_distributing_table(CAST(:t AS regclass))"),
            {"t": _quote(table)})

    def propagate_set_local(self) -> None:
        """New sessions of this database send their `SET LOCAL`s to the workers too."""
        self.conn.exec_driver_sql(
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands"
            " = local', current_database()); END $$")
        self.conn.exec_driver_sql("SET LOCAL citus.propagate_set_commands = 'local'")
        self.conn.exec_driver_sql(FUNCTION_SQL)

    def isolate_tenant(self, table: str, tenant_id: str) -> int:
        """The agency's rows of every colocated table onto shards of their own; the new
        shard id of `table` (writes to the agency wait meanwhile: block_writes)."""
        return int(self.conn.scalar(sa.text(
            "SELECT isolate_tenant_to_new_shard(CAST(:t AS regclass), CAST(:v AS uuid),"
            " 'CASCADE', shard_transfer_mode => 'block_writes')"),
            {"t": _quote(table), "v": tenant_id}))

    def shard_of(self, table: str, tenant_id: str) -> tuple[int, str, int]:
        """The shard holding the agency's rows of `table`, and its node (host, port)."""
        row = self.conn.execute(sa.text(
            "SELECT s.shardid, s.nodename, s.nodeport FROM citus_shards s"
            " WHERE s.shardid = get_shard_id_for_distribution_column(CAST(:t AS regclass),"
            " CAST(:v AS uuid))"), {"t": _quote(table), "v": tenant_id}).one()
        return int(row[0]), str(row[1]), int(row[2])

    def move_shard(self, shard_id: int, source: tuple[str, int],
                   target: tuple[str, int]) -> None:
        """The shard and its colocated shards to another worker (block_writes)."""
        self.conn.execute(sa.text(
            "SELECT citus_move_shard_placement(:s, :sh, :sp, :th, :tp,"
            " shard_transfer_mode => 'block_writes')"),
            {"s": shard_id, "sh": source[0], "sp": source[1], "th": target[0],
             "tp": target[1]})
