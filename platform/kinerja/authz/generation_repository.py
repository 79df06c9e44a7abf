"""The policy generation (table `policy_state`, one row): how the processes agree on policies.

- `advance()` is the first statement of every role or assignment change (API and command line
  alike), inside the change's own transaction. On PostgreSQL the row lock it takes makes the
  changes take turns: whatever a change reads afterwards (a role's version, its permissions, a
  member's roles) includes every change committed before it, so its guards and its audit
  "before"/"after" are true. On SQLite writers take turns anyway (BEGIN IMMEDIATE).
- `current()` is a scalar subquery that the request's identity statement carries, so checking
  that this process's policies are current costs no extra round trip.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from ..kit.repository import Repository
from ..models import PolicyState

ROW = 1


def current() -> Any:
    """The committed generation as a column expression (0 if the row were ever missing)."""
    return sa.func.coalesce(
        sa.select(col(PolicyState.generation)).where(col(PolicyState.id) == ROW)
        .scalar_subquery(), 0)


class PolicyGenerationRepository(Repository):
    async def advance(self) -> None:
        """generation + 1 (an upsert, so a database without the seeded row still works)."""
        insert = (postgresql.insert if self.session.get_bind().dialect.name == "postgresql"
                  else sqlite.insert)
        stmt = insert(PolicyState).values(id=ROW, generation=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=[col(PolicyState.id)],
            set_={"generation": col(PolicyState.generation) + 1})
        await self.session.execute(stmt)

    async def read(self) -> int:
        return int(await self.scalar(sa.select(current())))
