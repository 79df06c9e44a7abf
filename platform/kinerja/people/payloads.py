"""Payloads and typed errors of the people mutations."""

from __future__ import annotations

import strawberry

from ..graphql.payloads import mutation_error_type
from .types import EmployeeNode, OrgUnitType, PositionNode, ReportingLineType

NIP_CODES = ("NIP_FORMAT", "NIP_BIRTH_DATE", "NIP_APPOINTMENT", "NIP_SEX", "NIP_SEQUENCE")
EMPLOYEE_CODES = (*NIP_CODES, "INVALID_RANK", "INACTIVE_REFERENCE", "NOT_A_MEMBER",
                  "SELF_LINK", "NO_PARENT_AGENCY", "NO_PLACE_HERE")

CreateOrgUnitError = mutation_error_type("CreateOrgUnit", ("CYCLE", "INACTIVE_REFERENCE"))
UpdateOrgUnitError = mutation_error_type("UpdateOrgUnit",
                                         ("CYCLE", "INACTIVE_REFERENCE", "UNIT_IN_USE"))
DeactivateOrgUnitError = mutation_error_type("DeactivateOrgUnit", ("UNIT_IN_USE",))
CreatePositionError = mutation_error_type("CreatePosition")
UpdatePositionError = mutation_error_type("UpdatePosition", ("POSITION_IN_USE",))
DeactivatePositionError = mutation_error_type("DeactivatePosition", ("POSITION_IN_USE",))
CreateEmployeeError = mutation_error_type("CreateEmployee", EMPLOYEE_CODES)
UpdateEmployeeError = mutation_error_type("UpdateEmployee", EMPLOYEE_CODES)
DeactivateEmployeeError = mutation_error_type("DeactivateEmployee")
SetReportingLineError = mutation_error_type(
    "SetReportingLine", ("SELF_REFERENCE", "RATER_IS_SUPERIOR", "INVALID_DATES",
                         "INACTIVE_REFERENCE", "PARENT_OFFICIAL"))
EndReportingLineError = mutation_error_type("EndReportingLine",
                                            ("NO_CURRENT_LINE", "INVALID_DATES"))
ImportEmployeesError = mutation_error_type(
    "ImportEmployees", (*EMPLOYEE_CODES, "INVALID_CSV", "TOO_MANY_ROWS", "COLUMN_COUNT",
                        "DUPLICATE_IN_FILE", "TOO_MANY_COLUMNS", "HEADER_TOO_LONG",
                        "LINE_TOO_LONG", "INVALID_TEXT"))
ImportEmployeesErrorCode = ImportEmployeesError.code_enum


@strawberry.type(description="Result of `createOrgUnit`.")
class CreateOrgUnitPayload:
    org_unit: OrgUnitType | None = None
    errors: list[CreateOrgUnitError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateOrgUnit`.")
class UpdateOrgUnitPayload:
    org_unit: OrgUnitType | None = None
    errors: list[UpdateOrgUnitError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `deactivateOrgUnit`.")
class DeactivateOrgUnitPayload:
    org_unit: OrgUnitType | None = None
    errors: list[DeactivateOrgUnitError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `createPosition`.")
class CreatePositionPayload:
    position: PositionNode | None = None
    errors: list[CreatePositionError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updatePosition`.")
class UpdatePositionPayload:
    position: PositionNode | None = None
    errors: list[UpdatePositionError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `deactivatePosition`.")
class DeactivatePositionPayload:
    position: PositionNode | None = None
    errors: list[DeactivatePositionError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `createEmployee`.")
class CreateEmployeePayload:
    employee: EmployeeNode | None = None
    errors: list[CreateEmployeeError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateEmployee`.")
class UpdateEmployeePayload:
    employee: EmployeeNode | None = None
    errors: list[UpdateEmployeeError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `deactivateEmployee`.")
class DeactivateEmployeePayload:
    employee: EmployeeNode | None = None
    errors: list[DeactivateEmployeeError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `setReportingLine`.")
class SetReportingLinePayload:
    reporting_line: ReportingLineType | None = None
    employee: EmployeeNode | None = strawberry.field(
        default=None, description="The employee, with the line now in force.")
    errors: list[SetReportingLineError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `endReportingLine`.")
class EndReportingLinePayload:
    reporting_line: ReportingLineType | None = None
    employee: EmployeeNode | None = None
    errors: list[EndReportingLineError] = strawberry.field(default_factory=list)


@strawberry.type(description="One refused value of the CSV import.")
class ImportRowError:
    row: int = strawberry.field(
        description="Data line number, 1-based (the header is not counted).")
    column: str | None = strawberry.field(description="Column name; null for the whole row.")
    code: ImportEmployeesErrorCode  # type: ignore[valid-type]
    message: str


@strawberry.type(description="Result of `importEmployees`: everything imported, or nothing.")
class ImportEmployeesPayload:
    imported_count: int = strawberry.field(
        default=0, description="Employees written (0 on a dry run or when any row is invalid).")
    row_count: int = strawberry.field(default=0, description="Data rows read from the file.")
    dry_run: bool = False
    row_errors: list[ImportRowError] = strawberry.field(default_factory=list)
    errors: list[ImportEmployeesError] = strawberry.field(
        default_factory=list, description="Problems with the file as a whole.")
