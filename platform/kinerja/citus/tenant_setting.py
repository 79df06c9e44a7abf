"""How the agency setting reaches the workers.

`set_config('app.tenant_id', ..., true)` changes only the coordinator's session: the workers'
connections of the transaction never see it, and row-level security on the shards then shows
no agency at all (fail closed, but no data). Citus forwards `SET LOCAL` to every worker
connection of the transaction when `citus.propagate_set_commands = 'local'` (which
`kinerja distribute` makes the database's default), also when the `SET LOCAL` runs inside a
function. So on Citus the identity statement calls FUNCTION instead of set_config: it reads
reference tables only, which the coordinator executes locally, so the function runs on the
coordinator and the request keeps its single identity round trip (auth/identity_repository.py).
"""

from __future__ import annotations

import uuid

FUNCTION = "kinerja_set_tenant"
FUNCTION_SQL = f"""CREATE OR REPLACE FUNCTION {FUNCTION}(value text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  EXECUTE pg_catalog.format('SET LOCAL app.tenant_id = %L', coalesce(value, ''));
  RETURN value;
END $$"""


def set_local_statement(tenant_id: uuid.UUID | None) -> str:
    """`SET LOCAL app.tenant_id` for one agency (or none); a UUID needs no quoting beyond
    the literal's quotes, and SET takes no bound parameters."""
    value = str(uuid.UUID(str(tenant_id))) if tenant_id is not None else ""
    return f"SET LOCAL app.tenant_id = '{value}'"
