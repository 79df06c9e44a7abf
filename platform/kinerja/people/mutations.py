"""Mutations for org units, positions, employees, reporting lines and the CSV import.

Thin resolvers: decode IDs, call a service inside a SAVEPOINT (`in_savepoint`), and either
return the field errors or re-read the changed object as the queries would (plain rows,
nested fields hydrated by the client's selection). A target ID that is unknown or belongs to
another tenant is a top-level NOT_FOUND; a stale version a top-level CONFLICT.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from ..graphql.payloads import answer, in_savepoint, to_payload_errors
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..i18n import message
from ..kit.csv_rows import import_limits
from ..kit.selection import Selection, root_selection
from . import hydrate
from .checks import ref_id
from .csv_import import EmployeeImporter
from .inputs import (
    CreateEmployeeInput,
    CreateOrgUnitInput,
    CreatePositionInput,
    SetReportingLineInput,
    UpdateEmployeeInput,
    UpdateOrgUnitInput,
    UpdatePositionInput,
)
from .payloads import (
    CreateEmployeeError,
    CreateEmployeePayload,
    CreateOrgUnitError,
    CreateOrgUnitPayload,
    CreatePositionError,
    CreatePositionPayload,
    DeactivateEmployeeError,
    DeactivateEmployeePayload,
    DeactivateOrgUnitError,
    DeactivateOrgUnitPayload,
    DeactivatePositionError,
    DeactivatePositionPayload,
    EndReportingLineError,
    EndReportingLinePayload,
    ImportEmployeesError,
    ImportEmployeesErrorCode,
    ImportEmployeesPayload,
    ImportRowError,
    SetReportingLineError,
    SetReportingLinePayload,
    UpdateEmployeeError,
    UpdateEmployeePayload,
    UpdateOrgUnitError,
    UpdateOrgUnitPayload,
    UpdatePositionError,
    UpdatePositionPayload,
)
from .repository import EmployeeRepository, OrgUnitRepository, PositionRepository
from .service_employees import EmployeeInput, EmployeeService
from .service_lines import LineInput, ReportingLineService
from .service_positions import PositionInput, PositionService
from .service_units import OrgUnitService, UnitInput
from .types import EmployeeNode, OrgUnitType, PositionNode, ReportingLineType
from .write_repository import PeopleWriteRepository


# --- re-reading the changed object ---------------------------------------------------------
async def _unit(ctx: Any, unit_id: uuid.UUID, sel: Selection) -> OrgUnitType:
    ctx.loaders.clear()  # this operation changed data: drop what earlier fields cached
    node = OrgUnitType.from_row((await OrgUnitRepository(ctx.session).by_ids([unit_id]))[unit_id])
    await hydrate.hydrate_units(ctx, [node], sel)
    return node


async def _position(ctx: Any, position_id: uuid.UUID, sel: Selection) -> PositionNode:
    ctx.loaders.clear()
    rows = await PositionRepository(ctx.session).by_ids([position_id])
    return PositionNode.from_row(rows[position_id])


async def _employee(ctx: Any, employee_id: uuid.UUID, sel: Selection) -> EmployeeNode:
    ctx.loaders.clear()
    rows = await EmployeeRepository(ctx.session).by_ids([employee_id], ctx.today)
    node = EmployeeNode.from_row(rows[employee_id])
    await hydrate.hydrate_employees(ctx, [node], sel)
    return node


async def _line(ctx: Any, line_id: uuid.UUID, sel: Selection) -> ReportingLineType:
    ctx.loaders.clear()
    line = ReportingLineType.from_row(await PeopleWriteRepository(ctx.session).line_row(line_id))
    await hydrate.hydrate_lines(ctx, [line], sel)
    return line


def _target(global_id: strawberry.ID, type_name: str) -> uuid.UUID:
    return from_global_id(global_id, type_name)[1]


def _units(ctx: Any) -> OrgUnitService:
    return OrgUnitService(ctx.session, ctx.tenant_id, ctx.user_id)


def _positions(ctx: Any) -> PositionService:
    return PositionService(ctx.session, ctx.tenant_id, ctx.user_id)


def _employees(ctx: Any) -> EmployeeService:
    tenant_id, policies = ctx.tenant_id, ctx.services.policies
    return EmployeeService(ctx.session, tenant_id, ctx.user_id, ctx.today,
                           lambda user_id: tenant_id in policies.tenant_ids_of(user_id))


def _value(enum_member: Any) -> str | None:
    return enum_member.value if enum_member is not None else None


@strawberry.type
class PeopleMutations:
    # --- org units -------------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("org_unit", "write")],
                         description="Create an org unit, optionally under a parent unit.")
    async def create_org_unit(self, info: Info, input: CreateOrgUnitInput) -> CreateOrgUnitPayload:
        ctx, sel = info.context, root_selection(info)["orgUnit"]
        data = UnitInput(code=input.code, name=input.name,
                         parent_id=ref_id(input.parent_id, "OrgUnit"))
        return await answer(ctx, lambda: _units(ctx).create(data), CreateOrgUnitPayload,
                             CreateOrgUnitError, lambda i: _kw(org_unit=_unit(ctx, i, sel)))

    @strawberry.mutation(permission_classes=[Can("org_unit", "write")],
                         description="Change an org unit: code, name, parent (no cycles).")
    async def update_org_unit(self, info: Info, input: UpdateOrgUnitInput) -> UpdateOrgUnitPayload:
        ctx, sel = info.context, root_selection(info)["orgUnit"]
        unit_id = _target(input.id, "OrgUnit")
        data = UnitInput(code=input.code, name=input.name, clear_parent=input.clear_parent,
                         parent_id=ref_id(input.parent_id, "OrgUnit"), active=input.active)
        return await answer(ctx, lambda: _units(ctx).update(unit_id, data, input.version),
                             UpdateOrgUnitPayload, UpdateOrgUnitError,
                             lambda i: _kw(org_unit=_unit(ctx, i, sel)))

    @strawberry.mutation(permission_classes=[Can("org_unit", "write")],
                         description="Deactivate an org unit; refused (UNIT_IN_USE) while it has "
                                     "active employees or active sub-units.")
    async def deactivate_org_unit(self, info: Info, id: strawberry.ID,
                                  version: int | None = None) -> DeactivateOrgUnitPayload:
        ctx, sel = info.context, root_selection(info)["orgUnit"]
        unit_id = _target(id, "OrgUnit")
        return await answer(ctx, lambda: _units(ctx).deactivate(unit_id, version),
                             DeactivateOrgUnitPayload, DeactivateOrgUnitError,
                             lambda i: _kw(org_unit=_unit(ctx, i, sel)))

    # --- positions -------------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("position", "write")],
                         description="Create a position (jabatan); the type follows the level.")
    async def create_position(self, info: Info,
                              input: CreatePositionInput) -> CreatePositionPayload:
        ctx, sel = info.context, root_selection(info)["position"]
        data = PositionInput(code=input.code, name=input.name, level=_value(input.level))
        return await answer(ctx, lambda: _positions(ctx).create(data), CreatePositionPayload,
                             CreatePositionError, lambda i: _kw(position=_position(ctx, i, sel)))

    @strawberry.mutation(permission_classes=[Can("position", "write")],
                         description="Change a position's code, name or level.")
    async def update_position(self, info: Info,
                              input: UpdatePositionInput) -> UpdatePositionPayload:
        ctx, sel = info.context, root_selection(info)["position"]
        position_id = _target(input.id, "Position")
        data = PositionInput(code=input.code, name=input.name, level=_value(input.level),
                             active=input.active)
        return await answer(ctx, lambda: _positions(ctx).update(position_id, data, input.version),
                             UpdatePositionPayload, UpdatePositionError,
                             lambda i: _kw(position=_position(ctx, i, sel)))

    @strawberry.mutation(permission_classes=[Can("position", "write")],
                         description="Deactivate a position; refused (POSITION_IN_USE) while "
                                     "active employees hold it.")
    async def deactivate_position(self, info: Info, id: strawberry.ID,
                                  version: int | None = None) -> DeactivatePositionPayload:
        ctx, sel = info.context, root_selection(info)["position"]
        position_id = _target(id, "Position")
        return await answer(ctx, lambda: _positions(ctx).deactivate(position_id, version),
                             DeactivatePositionPayload, DeactivatePositionError,
                             lambda i: _kw(position=_position(ctx, i, sel)))

    # --- employees -------------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("employee", "write")],
                         description="Create an employee; every invalid field is reported at once.")
    async def create_employee(self, info: Info,
                              input: CreateEmployeeInput) -> CreateEmployeePayload:
        ctx, sel = info.context, root_selection(info)["employee"]
        data = EmployeeInput(
            nip=input.nip, employee_type=_value(input.employee_type), name=input.name,
            rank=_value(input.rank), position_id=ref_id(input.position_id, "Position"),
            unit_id=ref_id(input.unit_id, "OrgUnit"), user_id=ref_id(input.user_id, "User"))
        return await answer(ctx, lambda: _employees(ctx).create(data), CreateEmployeePayload,
                             CreateEmployeeError, lambda i: _kw(employee=_employee(ctx, i, sel)))

    @strawberry.mutation(permission_classes=[Can("employee", "write")],
                         description="Change an employee; omitted fields stay as they are.")
    async def update_employee(self, info: Info,
                              input: UpdateEmployeeInput) -> UpdateEmployeePayload:
        ctx, sel = info.context, root_selection(info)["employee"]
        employee_id = _target(input.id, "Employee")
        data = EmployeeInput(
            nip=input.nip, employee_type=_value(input.employee_type), name=input.name,
            rank=_value(input.rank), position_id=ref_id(input.position_id, "Position"),
            unit_id=ref_id(input.unit_id, "OrgUnit"), user_id=ref_id(input.user_id, "User"),
            clear_user=input.clear_user, active=input.active)
        return await answer(ctx, lambda: _employees(ctx).update(employee_id, data, input.version),
                             UpdateEmployeePayload, UpdateEmployeeError,
                             lambda i: _kw(employee=_employee(ctx, i, sel)))

    @strawberry.mutation(permission_classes=[Can("employee", "write")],
                         description="Deactivate an employee (history and lines are kept).")
    async def deactivate_employee(self, info: Info, id: strawberry.ID,
                                  version: int | None = None) -> DeactivateEmployeePayload:
        ctx, sel = info.context, root_selection(info)["employee"]
        employee_id = _target(id, "Employee")
        return await answer(ctx, lambda: _employees(ctx).deactivate(employee_id, version),
                             DeactivateEmployeePayload, DeactivateEmployeeError,
                             lambda i: _kw(employee=_employee(ctx, i, sel)))

    # --- reporting lines -------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("reporting_line", "write")],
                         description="Give an employee a new rater (and rater's superior) from "
                                     "a date; the previous line is closed, history is kept.")
    async def set_reporting_line(self, info: Info,
                                 input: SetReportingLineInput) -> SetReportingLinePayload:
        ctx, sel = info.context, root_selection(info)
        data = LineInput(
            employee_id=ref_id(input.employee_id, "Employee"),
            rater_id=ref_id(input.rater_id, "Employee"),
            rater_superior_id=ref_id(input.rater_superior_id, "Employee"),
            valid_from=input.valid_from, acting=input.acting.value)
        service = ReportingLineService(ctx.session, ctx.tenant_id, ctx.user_id)
        return await answer(ctx, lambda: service.set(data), SetReportingLinePayload,
                             SetReportingLineError,
                             lambda i: _line_result(ctx, i, data.employee_id, sel))

    @strawberry.mutation(permission_classes=[Can("reporting_line", "write")],
                         description="End the employee's open reporting line on `validTo`.")
    async def end_reporting_line(self, info: Info, employee_id: strawberry.ID,
                                 valid_to: date) -> EndReportingLinePayload:
        ctx, sel = info.context, root_selection(info)
        raw_id = _target(employee_id, "Employee")
        service = ReportingLineService(ctx.session, ctx.tenant_id, ctx.user_id)
        return await answer(ctx, lambda: service.end(raw_id, valid_to), EndReportingLinePayload,
                             EndReportingLineError, lambda i: _line_result(ctx, i, raw_id, sel))

    # --- bulk import -----------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("employee", "import")],
                         description="Import employees from CSV (header: nip, employee_type, "
                                     "name, rank, unit_code, position_code[, active]). Every row "
                                     "is checked; nothing is imported when any row is invalid.")
    async def import_employees(self, info: Info, csv: str,
                               dry_run: bool | None = False) -> ImportEmployeesPayload:
        ctx, dry_run = info.context, bool(dry_run)
        importer = EmployeeImporter(ctx.session, ctx.tenant_id, ctx.user_id, ctx.today,
                                    import_limits(ctx.settings.limits))
        result = await in_savepoint(ctx, lambda: importer.run(csv, dry_run))
        if isinstance(result, list):
            return ImportEmployeesPayload(
                dry_run=dry_run,
                errors=to_payload_errors(ImportEmployeesError, result, ctx.language))
        ctx.loaders.clear()
        codes = ImportEmployeesErrorCode.__members__
        row_errors = [
            ImportRowError(row=e.row, column=e.column,
                           message=message(e.code, ctx.language, **e.params),
                           code=codes[e.code] if e.code in codes else codes["INVALID_VALUE"])
            for e in result.row_errors
        ]
        return ImportEmployeesPayload(imported_count=result.imported, row_count=result.row_count,
                                      dry_run=dry_run, row_errors=row_errors)


async def _kw(**awaitables: Awaitable[Any]) -> dict[str, Any]:
    return {name: await value for name, value in awaitables.items()}


async def _line_result(ctx: Any, line_id: uuid.UUID, employee_id: uuid.UUID,
                       sel: Selection) -> dict[str, Any]:
    return {"reporting_line": await _line(ctx, line_id, sel["reportingLine"]),
            "employee": await _employee(ctx, employee_id, sel["employee"])}
