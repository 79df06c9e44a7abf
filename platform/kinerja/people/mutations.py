"""Mutations for org units, positions, employees, reporting lines and the CSV import.

Thin resolvers: decode IDs, call a service inside a SAVEPOINT (`in_savepoint`), and either
return the field errors or re-read the changed object as the queries would (plain rows,
nested fields hydrated by the client's selection). A target ID that is unknown or belongs to
another tenant is a top-level NOT_FOUND; a stale version a top-level CONFLICT.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import strawberry

from ..graphql.context import Context, Info
from ..graphql.enums import value_of
from ..graphql.payloads import (
    answer,
    answer_reloaded,
    in_savepoint,
    to_payload_errors,
    to_row_errors,
)
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, ref_id
from ..kit.csv_rows import import_limits
from ..kit.selection import Selection, root_selection
from . import hydrate
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
async def _unit(ctx: Context, unit_id: uuid.UUID, sel: Selection) -> OrgUnitType:
    ctx.loaders.clear()  # this operation changed data: drop what earlier fields cached
    node = OrgUnitType.from_row((await OrgUnitRepository(ctx.session).by_ids([unit_id]))[unit_id])
    await hydrate.hydrate_units(ctx, [node], sel)
    return node


async def _position(ctx: Context, position_id: uuid.UUID, sel: Selection) -> PositionNode:
    ctx.loaders.clear()
    rows = await PositionRepository(ctx.session).by_ids([position_id])
    return PositionNode.from_row(rows[position_id])


async def _employee(ctx: Context, employee_id: uuid.UUID, sel: Selection) -> EmployeeNode:
    ctx.loaders.clear()
    rows = await EmployeeRepository(ctx.session).by_ids([employee_id], ctx.today)
    node = EmployeeNode.from_row(rows[employee_id])
    await hydrate.hydrate_employees(ctx, [node], sel)
    return node


async def _line(ctx: Context, line_id: uuid.UUID, sel: Selection) -> ReportingLineType:
    ctx.loaders.clear()
    line = ReportingLineType.from_row(await PeopleWriteRepository(ctx.session).line_row(line_id))
    await hydrate.hydrate_lines(ctx, [line], sel)
    return line


def _target(global_id: strawberry.ID, type_name: str) -> uuid.UUID:
    return from_global_id(global_id, type_name)[1]


def _units(ctx: Context) -> OrgUnitService:
    return OrgUnitService(ctx.actor)


def _positions(ctx: Context) -> PositionService:
    return PositionService(ctx.actor)


def _employees(ctx: Context) -> EmployeeService:
    tenant_id, policies = ctx.tenant_id, ctx.services.policies
    return EmployeeService(ctx.actor, lambda user_id: tenant_id in policies.tenant_ids_of(user_id))


@strawberry.type
class PeopleMutations:
    # --- org units -------------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("org_unit", "write")],
                         description="Create an org unit, optionally under a parent unit.")
    async def create_org_unit(self, info: Info, input: CreateOrgUnitInput) -> CreateOrgUnitPayload:
        ctx = info.context
        data = UnitInput(code=input.code, name=input.name,
                         parent_id=ref_id(input.parent_id, "OrgUnit"))
        return await answer_reloaded(info, lambda: _units(ctx).create(data),
                                     CreateOrgUnitPayload, CreateOrgUnitError, "org_unit", _unit)

    @strawberry.mutation(permission_classes=[Can("org_unit", "write")],
                         description="Change an org unit: code, name, parent (no cycles).")
    async def update_org_unit(self, info: Info, input: UpdateOrgUnitInput) -> UpdateOrgUnitPayload:
        ctx = info.context
        unit_id = _target(input.id, "OrgUnit")
        data = UnitInput(code=input.code, name=input.name, clear_parent=input.clear_parent,
                         parent_id=ref_id(input.parent_id, "OrgUnit"), active=input.active)
        return await answer_reloaded(info, lambda: _units(ctx).update(unit_id, data, input.version),
                                     UpdateOrgUnitPayload, UpdateOrgUnitError, "org_unit", _unit)

    @strawberry.mutation(permission_classes=[Can("org_unit", "write")],
                         description="Deactivate an org unit; refused (UNIT_IN_USE) while it has "
                                     "active employees or active sub-units.")
    async def deactivate_org_unit(self, info: Info, id: strawberry.ID,
                                  version: int | None = None) -> DeactivateOrgUnitPayload:
        ctx = info.context
        unit_id = _target(id, "OrgUnit")
        return await answer_reloaded(
            info, lambda: _units(ctx).deactivate(unit_id, version),
            DeactivateOrgUnitPayload, DeactivateOrgUnitError, "org_unit", _unit)

    # --- positions -------------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("position", "write")],
                         description="Create a position (jabatan); the type follows the level.")
    async def create_position(self, info: Info,
                              input: CreatePositionInput) -> CreatePositionPayload:
        ctx = info.context
        data = PositionInput(code=input.code, name=input.name, level=value_of(input.level))
        return await answer_reloaded(
            info, lambda: _positions(ctx).create(data),
            CreatePositionPayload, CreatePositionError, "position", _position)

    @strawberry.mutation(permission_classes=[Can("position", "write")],
                         description="Change a position's code, name or level.")
    async def update_position(self, info: Info,
                              input: UpdatePositionInput) -> UpdatePositionPayload:
        ctx = info.context
        position_id = _target(input.id, "Position")
        data = PositionInput(code=input.code, name=input.name, level=value_of(input.level),
                             active=input.active)
        return await answer_reloaded(
            info, lambda: _positions(ctx).update(position_id, data, input.version),
            UpdatePositionPayload, UpdatePositionError, "position", _position)

    @strawberry.mutation(permission_classes=[Can("position", "write")],
                         description="Deactivate a position; refused (POSITION_IN_USE) while "
                                     "active employees hold it.")
    async def deactivate_position(self, info: Info, id: strawberry.ID,
                                  version: int | None = None) -> DeactivatePositionPayload:
        ctx = info.context
        position_id = _target(id, "Position")
        return await answer_reloaded(
            info, lambda: _positions(ctx).deactivate(position_id, version),
            DeactivatePositionPayload, DeactivatePositionError, "position", _position)

    # --- employees -------------------------------------------------------------------------
    @strawberry.mutation(permission_classes=[Can("employee", "write")],
                         description="Create an employee; every invalid field is reported at once.")
    async def create_employee(self, info: Info,
                              input: CreateEmployeeInput) -> CreateEmployeePayload:
        ctx = info.context
        data = EmployeeInput(
            nip=input.nip, employee_type=value_of(input.employee_type), name=input.name,
            rank=value_of(input.rank), position_id=ref_id(input.position_id, "Position"),
            unit_id=ref_id(input.unit_id, "OrgUnit"), user_id=ref_id(input.user_id, "User"),
            from_parent_agency=input.from_parent_agency)
        return await answer_reloaded(
            info, lambda: _employees(ctx).create(data),
            CreateEmployeePayload, CreateEmployeeError, "employee", _employee)

    @strawberry.mutation(permission_classes=[Can("employee", "write")],
                         description="Change an employee; omitted fields stay as they are.")
    async def update_employee(self, info: Info,
                              input: UpdateEmployeeInput) -> UpdateEmployeePayload:
        ctx = info.context
        employee_id = _target(input.id, "Employee")
        data = EmployeeInput(
            nip=input.nip, employee_type=value_of(input.employee_type), name=input.name,
            rank=value_of(input.rank), position_id=ref_id(input.position_id, "Position"),
            unit_id=ref_id(input.unit_id, "OrgUnit"), user_id=ref_id(input.user_id, "User"),
            clear_user=input.clear_user, active=input.active)
        return await answer_reloaded(
            info, lambda: _employees(ctx).update(employee_id, data, input.version),
            UpdateEmployeePayload, UpdateEmployeeError, "employee", _employee)

    @strawberry.mutation(permission_classes=[Can("employee", "write")],
                         description="Deactivate an employee (history and lines are kept).")
    async def deactivate_employee(self, info: Info, id: strawberry.ID,
                                  version: int | None = None) -> DeactivateEmployeePayload:
        ctx = info.context
        employee_id = _target(id, "Employee")
        return await answer_reloaded(
            info, lambda: _employees(ctx).deactivate(employee_id, version),
            DeactivateEmployeePayload, DeactivateEmployeeError, "employee", _employee)

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
        service = ReportingLineService(ctx.actor)
        return await answer(ctx, lambda: service.set(data), SetReportingLinePayload,
                             SetReportingLineError,
                             lambda i: _line_result(ctx, i, data.employee_id, sel))

    @strawberry.mutation(permission_classes=[Can("reporting_line", "write")],
                         description="End the employee's open reporting line on `validTo`.")
    async def end_reporting_line(self, info: Info, employee_id: strawberry.ID,
                                 valid_to: date) -> EndReportingLinePayload:
        ctx, sel = info.context, root_selection(info)
        raw_id = _target(employee_id, "Employee")
        service = ReportingLineService(ctx.actor)
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
        importer = EmployeeImporter(ctx.actor, import_limits(ctx.settings.limits))
        result = await in_savepoint(ctx, lambda: importer.run(csv, dry_run))
        if isinstance(result, list):
            return ImportEmployeesPayload(
                dry_run=dry_run,
                errors=to_payload_errors(ImportEmployeesError, result, ctx.language))
        ctx.loaders.clear()
        row_errors = to_row_errors(ImportRowError, ImportEmployeesErrorCode, result.row_errors,
                                   ctx.language)
        return ImportEmployeesPayload(imported_count=result.imported, row_count=result.row_count,
                                      dry_run=dry_run, row_errors=row_errors)


async def _line_result(ctx: Context, line_id: uuid.UUID, employee_id: uuid.UUID,
                       sel: Selection) -> dict[str, Any]:
    return {"reporting_line": await _line(ctx, line_id, sel["reportingLine"]),
            "employee": await _employee(ctx, employee_id, sel["employee"])}
