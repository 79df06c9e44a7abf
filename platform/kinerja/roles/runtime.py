"""Wiring between a request context and the role services.

A policy change needs no announcement: its transaction bumps the policy generation
(roles/repository.py `begin_change`), and every request in every server process compares
that committed generation with its in-memory policies (authz/store.py).
"""

from __future__ import annotations

from .assignments import AssignmentService
from .catalog import RoleCatalog


def catalog_for(ctx) -> RoleCatalog:
    return RoleCatalog(ctx.session, ctx.services.policies, ctx.tenant_id)


def assignments_for(ctx) -> AssignmentService:
    return AssignmentService(catalog_for(ctx), ctx.actor)
