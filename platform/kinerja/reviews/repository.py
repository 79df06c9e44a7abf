"""Reads and writes of self-assessments and review requests as plain rows (all ORM statements
on tenant tables: tenant criteria + RLS). Reviewer identities leave this module only through
`requests_for` (identity read, reviewer's own view) and `nominations` (names, no status)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.repository import Repository, is_user
from ..models import Cycle, Employee, Period, ReviewRequest, RuleSet, SelfAssessment, Skp
from ..skp.repository import PlanRepository

SELF_COLUMNS = (SelfAssessment.id, SelfAssessment.skp_id, SelfAssessment.period_id,
                SelfAssessment.status, SelfAssessment.work_results, SelfAssessment.values,
                SelfAssessment.overall_comment, SelfAssessment.version,
                SelfAssessment.submitted_at, SelfAssessment.updated_at)
REQUEST_COLUMNS = (ReviewRequest.id, ReviewRequest.skp_id, ReviewRequest.period_id,
                   ReviewRequest.reviewer_id, ReviewRequest.relation, ReviewRequest.status,
                   ReviewRequest.ratings, ReviewRequest.comment, ReviewRequest.version,
                   ReviewRequest.submitted_at, ReviewRequest.created_at)


class ReviewRepository(Repository):
    async def skp(self, skp_id: uuid.UUID, scope: Scope | None,
                  user_id: uuid.UUID) -> sa.Row | None:
        """The SKP if visible under `scope` (owner, rater, cycle state), else None."""
        if scope is None:
            return None
        return await PlanRepository(self.session).access_row(skp_id, scope, user_id)

    async def period(self, period_id: uuid.UUID, cycle_id: uuid.UUID) -> sa.Row | None:
        stmt = sa.select(Period.id, Period.kind, Period.number).where(
            Period.id == period_id, Period.cycle_id == cycle_id)
        return await self.first(stmt)

    async def threshold(self, cycle_id: uuid.UUID) -> int:
        """The anonymity threshold of the rule-set version the cycle keeps."""
        stmt = (sa.select(RuleSet.content)
                .join(Cycle, sa.and_(Cycle.tenant_id == RuleSet.tenant_id,
                                     Cycle.rule_set_id == RuleSet.id))
                .where(Cycle.id == cycle_id))
        content = await self.scalar(stmt) or {}
        return max(1, int(content.get("peer_anonymity_threshold") or 3))

    async def thresholds(self, cycle_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        """`threshold` for many cycles in one statement (result explanations)."""
        if not cycle_ids:
            return {}
        stmt = (sa.select(Cycle.id, RuleSet.content)
                .join(RuleSet, sa.and_(RuleSet.tenant_id == Cycle.tenant_id,
                                       RuleSet.id == Cycle.rule_set_id))
                .where(Cycle.id.in_(cycle_ids)))
        found = {r.id: r.content or {} for r in await self.all(stmt)}
        return {c: max(1, int(found.get(c, {}).get("peer_anonymity_threshold") or 3))
                for c in cycle_ids}

    # --- self-assessment -------------------------------------------------------------------

    async def self_assessment(self, skp_id: uuid.UUID, period_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*SELF_COLUMNS).where(
            SelfAssessment.skp_id == skp_id, SelfAssessment.period_id == period_id))

    async def self_assessment_by_id(self, row_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*SELF_COLUMNS).where(SelfAssessment.id == row_id))

    # --- review requests -------------------------------------------------------------------

    async def requests_for(self, skp_ids: list[uuid.UUID], period_id: uuid.UUID,
                           statuses: tuple[str, ...] | None = None) -> list[sa.Row]:
        """Requests of these SKPs in a period, with the reviewer's name (identity!)."""
        stmt = (sa.select(*REQUEST_COLUMNS, Employee.name.label("reviewer_name"))
                .join(Employee, sa.and_(Employee.tenant_id == ReviewRequest.tenant_id,
                                        Employee.id == ReviewRequest.reviewer_id))
                .where(ReviewRequest.skp_id.in_(skp_ids), ReviewRequest.period_id == period_id)
                .order_by(Employee.name, ReviewRequest.id))
        if statuses:
            stmt = stmt.where(ReviewRequest.status.in_(statuses))
        return await self.all(stmt)

    async def submitted(self, skp_ids: list[uuid.UUID], period_id: uuid.UUID) -> list[sa.Row]:
        """Answers only (no reviewer), in submission order: what aggregates are built from."""
        stmt = (sa.select(ReviewRequest.skp_id, ReviewRequest.relation, ReviewRequest.ratings,
                          ReviewRequest.comment)
                .where(ReviewRequest.skp_id.in_(skp_ids), ReviewRequest.period_id == period_id,
                       ReviewRequest.status == "SUBMITTED")
                .order_by(ReviewRequest.skp_id, ReviewRequest.submitted_at, ReviewRequest.id))
        return await self.all(stmt)

    async def submitted_pairs(self, skp_ids: list[uuid.UUID],
                              period_ids: list[uuid.UUID]) -> list[sa.Row]:
        """Answers (no reviewer) of several SKPs and periods at once, in submission order;
        the caller keeps the (SKP, period) pairs it asked for."""
        stmt = (sa.select(ReviewRequest.skp_id, ReviewRequest.period_id, ReviewRequest.relation,
                          ReviewRequest.ratings, ReviewRequest.comment)
                .where(ReviewRequest.skp_id.in_(skp_ids), ReviewRequest.period_id.in_(period_ids),
                       ReviewRequest.status == "SUBMITTED")
                .order_by(ReviewRequest.skp_id, ReviewRequest.submitted_at, ReviewRequest.id))
        return await self.all(stmt)

    async def nominated_counts(self, skp_ids: list[uuid.UUID], period_ids: list[uuid.UUID]
                               ) -> dict[tuple[uuid.UUID, uuid.UUID], int]:
        stmt = (sa.select(ReviewRequest.skp_id, ReviewRequest.period_id,
                          sa.func.count(ReviewRequest.id).label("n"))
                .where(ReviewRequest.skp_id.in_(skp_ids), ReviewRequest.period_id.in_(period_ids),
                       ReviewRequest.status.in_(("PENDING", "SUBMITTED", "DECLINED")))
                .group_by(ReviewRequest.skp_id, ReviewRequest.period_id))
        return {(r.skp_id, r.period_id): int(r.n) for r in await self.all(stmt)}

    async def self_assessments(self, skp_ids: list[uuid.UUID],
                               period_ids: list[uuid.UUID]) -> list[sa.Row]:
        return await self.all(sa.select(*SELF_COLUMNS).where(
            SelfAssessment.skp_id.in_(skp_ids), SelfAssessment.period_id.in_(period_ids)))

    async def nominated_count(self, skp_id: uuid.UUID, period_id: uuid.UUID) -> int:
        stmt = sa.select(sa.func.count(ReviewRequest.id)).where(
            ReviewRequest.skp_id == skp_id, ReviewRequest.period_id == period_id,
            ReviewRequest.status.in_(("PENDING", "SUBMITTED", "DECLINED")))
        return int(await self.scalar(stmt) or 0)

    async def request_with_skp(self, request_id: uuid.UUID) -> sa.Row | None:
        stmt = (sa.select(*REQUEST_COLUMNS, Employee.user_id.label("reviewer_user_id"),
                          Cycle.state.label("cycle_state"))
                .join(Employee, sa.and_(Employee.tenant_id == ReviewRequest.tenant_id,
                                        Employee.id == ReviewRequest.reviewer_id))
                .join(Skp, sa.and_(Skp.tenant_id == ReviewRequest.tenant_id,
                                   Skp.id == ReviewRequest.skp_id))
                .join(Cycle, sa.and_(Cycle.tenant_id == Skp.tenant_id, Cycle.id == Skp.cycle_id))
                .where(ReviewRequest.id == request_id))
        return await self.first(stmt)

    async def my_requests(self, user_id: uuid.UUID, statuses: tuple[str, ...]) -> list[sa.Row]:
        """Requests addressed to the employee linked to this user, with who is reviewed."""
        Reviewee = sa.orm.aliased(Employee, name="reviewee")
        stmt = (sa.select(*REQUEST_COLUMNS, Reviewee.name.label("reviewee_name"),
                          Period.kind.label("period_kind"), Period.number.label("period_number"),
                          Cycle.year.label("cycle_year"))
                .join(Employee, sa.and_(Employee.tenant_id == ReviewRequest.tenant_id,
                                        Employee.id == ReviewRequest.reviewer_id))
                .join(Skp, sa.and_(Skp.tenant_id == ReviewRequest.tenant_id,
                                   Skp.id == ReviewRequest.skp_id))
                .join(Reviewee, sa.and_(Reviewee.tenant_id == Skp.tenant_id,
                                        Reviewee.id == Skp.employee_id))
                .join(Period, sa.and_(Period.tenant_id == ReviewRequest.tenant_id,
                                      Period.id == ReviewRequest.period_id))
                .join(Cycle, sa.and_(Cycle.tenant_id == Skp.tenant_id, Cycle.id == Skp.cycle_id))
                .where(is_user(Employee.user_id, user_id), ReviewRequest.status.in_(statuses))
                .order_by(Cycle.year.desc(), Period.starts_on, Reviewee.name, ReviewRequest.id))
        return await self.all(stmt)

    async def active_employees(self, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        if not ids:
            return set()
        stmt = sa.select(Employee.id).where(Employee.id.in_(ids), Employee.active.is_(True))
        return set((await self.session.execute(stmt)).scalars())

    async def update_request(self, request_id: uuid.UUID, expected: int | None,
                             values: dict[str, Any]) -> bool:
        return await self.bump_version(ReviewRequest, request_id, expected, values) == 1

    async def update_self(self, row_id: uuid.UUID, expected: int | None,
                          values: dict[str, Any]) -> bool:
        return await self.bump_version(SelfAssessment, row_id, expected, values) == 1
