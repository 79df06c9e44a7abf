"""Gap matrix per unit or per agency (employees x competencies) and counts per JPM band, in SQL.

Requirements come from one subquery (national competencies: the position level's default unless
HR overrode it; technical ones: HR's overrides for codes of the current framework), actual levels
from the latest accepted assessments (window function); a page of employees costs one statement
for its cells and one for the band counts over ALL visible employees, whatever their number.
Only active employees count; a unit means its direct members (as in `employees(unitId:)`).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..competencies.national import NATIONAL
from ..competencies.standards import DEFAULT_LEVEL_BY_POSITION_LEVEL
from ..kit.repository import Repository
from ..models import Employee, Position, PositionStandard
from ..people.repository import ACTIVE_STAFF, EmployeeRepository
from .bands import band_case, text
from .repository import latest_accepted

NO_STANDARD = "NONE"  # the band bucket of employees whose position requires nothing


def requirements(technical_codes: list[str]) -> sa.Subquery:
    """(tenant_id, position_id, competency_code, required) of every position."""
    codes = sa.union_all(*[sa.select(text(c.code).label("code")) for c in NATIONAL]
                         ).subquery("national")
    default = sa.case(*[(Position.level == level, value)
                        for level, value in DEFAULT_LEVEL_BY_POSITION_LEVEL.items()], else_=0)
    national = (
        sa.select(Position.tenant_id, Position.id.label("position_id"),
                  codes.c.code.label("competency_code"),
                  sa.func.coalesce(PositionStandard.level, default).label("required"))
        .select_from(Position).join(codes, sa.true())
        .outerjoin(PositionStandard, sa.and_(PositionStandard.tenant_id == Position.tenant_id,
                                             PositionStandard.position_id == Position.id,
                                             PositionStandard.competency_code == codes.c.code)))
    parts: list[sa.Select] = [national]
    if technical_codes:
        parts.append(sa.select(PositionStandard.tenant_id, PositionStandard.position_id,
                               PositionStandard.competency_code,
                               PositionStandard.level.label("required"))
                     .where(PositionStandard.competency_code.in_(technical_codes)))
    return sa.union_all(*parts).subquery("req")


class MatrixRepository(Repository):
    def __init__(self, session, visible):
        super().__init__(session)
        self.visible = visible  # (stmt) -> stmt narrowed to the caller's read scope

    def _employees(self, stmt: sa.Select, unit_id: uuid.UUID | None) -> sa.Select:
        stmt = self.visible(stmt.where(ACTIVE_STAFF))
        return stmt.where(Employee.unit_id == unit_id) if unit_id else stmt

    async def page(self, unit_id: uuid.UUID | None, first: int,
                   after: list[Any] | None) -> list[sa.Row]:
        stmt = self._employees(sa.select(Employee.id, Employee.name), unit_id)
        if after is not None:
            name, last_id = after
            stmt = stmt.where(sa.or_(Employee.name > name,
                                     sa.and_(Employee.name == name, Employee.id > last_id)))
        return await self.all(stmt.order_by(Employee.name, Employee.id).limit(first + 1))

    async def cells(self, employee_ids: list[uuid.UUID], technical: list[str]) -> list[sa.Row]:
        """(employee_id, competency_code, required, actual) for a page of employees."""
        if not employee_ids:
            return []
        req, actual = requirements(technical), latest_accepted()
        stmt = (sa.select(Employee.id.label("employee_id"), req.c.competency_code,
                          req.c.required, sa.func.coalesce(actual.c.level, 0).label("actual"))
                .select_from(Employee)
                .join(req, sa.and_(req.c.tenant_id == Employee.tenant_id,
                                   req.c.position_id == Employee.position_id))
                .outerjoin(actual, sa.and_(actual.c.tenant_id == Employee.tenant_id,
                                           actual.c.employee_id == Employee.id,
                                           actual.c.competency_code == req.c.competency_code))
                .where(Employee.id.in_(employee_ids))
                .order_by(Employee.id, req.c.competency_code))
        return await self.all(stmt)

    async def heatmap(self, technical: list[str]) -> list[sa.Row]:
        """Per (unit, competency): active employees you may see whose position requires it,
        how many fall short, and the sum of the shortfalls (levels), one statement."""
        req, actual = requirements(technical), latest_accepted()
        level = sa.func.coalesce(actual.c.level, 0)
        short = sa.case((level < req.c.required, req.c.required - level), else_=0)
        stmt = self._employees(
            sa.select(Employee.unit_id, req.c.competency_code,
                      sa.func.count(Employee.id).label("employees"),
                      sa.func.sum(sa.case((short > 0, 1), else_=0)).label("with_gap"),
                      sa.func.sum(short).label("gap_sum"))
            .select_from(Employee)
            .join(req, sa.and_(req.c.tenant_id == Employee.tenant_id,
                               req.c.position_id == Employee.position_id))
            .outerjoin(actual, sa.and_(actual.c.tenant_id == Employee.tenant_id,
                                       actual.c.employee_id == Employee.id,
                                       actual.c.competency_code == req.c.competency_code))
            .where(req.c.required > 0), None)
        return await self.all(stmt.group_by(Employee.unit_id, req.c.competency_code)
                              .order_by(Employee.unit_id, req.c.competency_code))

    async def band_counts(self, unit_id: uuid.UUID | None, technical: list[str],
                          bands: list[dict[str, Any]]) -> dict[str, int]:
        """Employees per band code (NO_STANDARD for those without requirements)."""
        req, actual = requirements(technical), latest_accepted()
        level = sa.func.coalesce(actual.c.level, 0)
        capped = sa.case((level < req.c.required, level), else_=req.c.required)
        sums = self._employees(
            sa.select(Employee.id, sa.func.coalesce(sa.func.sum(capped), 0).label("a"),
                      sa.func.coalesce(sa.func.sum(req.c.required), 0).label("r"))
            .select_from(Employee)
            .outerjoin(req, sa.and_(req.c.tenant_id == Employee.tenant_id,
                                    req.c.position_id == Employee.position_id))
            .outerjoin(actual, sa.and_(actual.c.tenant_id == Employee.tenant_id,
                                       actual.c.employee_id == Employee.id,
                                       actual.c.competency_code == req.c.competency_code)),
            unit_id).group_by(Employee.id).subquery("sums")
        band = sa.case((sums.c.r <= 0, text(NO_STANDARD)),
                       else_=band_case(bands, sums.c.a, sums.c.r)).label("band")
        banded = sa.select(band).subquery("banded")
        rows = await self.all(sa.select(banded.c.band, sa.func.count().label("n"))
                              .group_by(banded.c.band))
        return {r.band: int(r.n) for r in rows}


def visible_filter(scope: Scope, user_id: uuid.UUID, today: date):
    repo = EmployeeRepository(None)  # only builds SQL
    return lambda stmt: repo.visible(stmt, scope, user_id, today)
