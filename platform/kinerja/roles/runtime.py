"""Wiring between a request context and the role services, and change propagation.

A policy change must be effective on the next request in every server process:
- in this process: `ctx.services.policy_changed` runs after the commit (marks the store stale);
- in other processes: `pg_notify('kinerja_policy')` inside the transaction, which PostgreSQL
  delivers only if it commits; each process's PolicyListener then marks its store stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..authz.notify import notify_policy_change
from ..graphql.payloads import resolved
from .assignments import AssignmentService
from .catalog import RoleCatalog

if TYPE_CHECKING:
    from ..graphql.context import Context


def catalog_for(ctx) -> RoleCatalog:
    return RoleCatalog(ctx.session, ctx.services.policies, ctx.tenant_id)


def assignments_for(ctx) -> AssignmentService:
    return AssignmentService(catalog_for(ctx), ctx.actor)


async def publish_policy_change(ctx) -> None:
    """Call after a successful write to casbin_rule, inside the request's transaction."""
    await notify_policy_change(ctx.session)
    if ctx.services.policy_changed not in ctx.after_commit:
        ctx.after_commit.append(ctx.services.policy_changed)


async def published(ctx: Context, **fields: Any) -> dict[str, Any]:
    """Payload fields of a successful policy change, once the change is announced."""
    await publish_policy_change(ctx)
    return await resolved(**fields)
