"""GraphQL inputs of the people mutations. Omitted fields of an update stay as they are."""

from __future__ import annotations

from datetime import date

import strawberry

from ..graphql.enums import Acting, EmployeeType, PositionLevel, Rank

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="A new org unit.")
class CreateOrgUnitInput:
    name: str
    code: str | None = strawberry.field(
        default=None, description="Short code, unique in the agency (A-Z 0-9 . _ -); "
                                  "used by the CSV import.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the parent unit (same agency).")


@strawberry.input(description="Changes to an org unit.")
class UpdateOrgUnitInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)
    code: str | None = None
    name: str | None = None
    parent_id: strawberry.ID | None = None
    clear_parent: bool = strawberry.field(default=False, description="Make it a root unit.")
    active: bool | None = strawberry.field(
        default=None, description="Reactivate (true) or deactivate (false, same checks as "
                                  "`deactivateOrgUnit`).")


@strawberry.input(description="A new position (jabatan); its type follows from the level.")
class CreatePositionInput:
    name: str
    level: PositionLevel
    code: str | None = strawberry.field(
        default=None, description="Short code, unique in the agency; used by the CSV import.")


@strawberry.input(description="Changes to a position.")
class UpdatePositionInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)
    code: str | None = None
    name: str | None = None
    level: PositionLevel | None = None
    active: bool | None = strawberry.field(
        default=None, description="Reactivate (true) or deactivate (false).")


@strawberry.input(description="A new employee.")
class CreateEmployeeInput:
    nip: str = strawberry.field(description="NIP (PNS) or NI PPPK, 18 digits; spaces allowed.")
    employee_type: EmployeeType
    name: str
    rank: Rank = strawberry.field(description="Must fit the employee type.")
    position_id: strawberry.ID | None = strawberry.field(
        default=None, description="Required, unless `fromParentAgency`.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Required, unless `fromParentAgency`.")
    user_id: strawberry.ID | None = strawberry.field(
        default=None, description="A login of this agency to link (at most one employee each).")
    from_parent_agency: bool = strawberry.field(
        default=False, description="An official of the parent agency who will rate the head of "
                                   "this one (e.g. the Camat rating a Lurah): no unit or position "
                                   "here, and no staff of this agency. Link their login (given "
                                   "the `parent_rater` role here) and make the record the head's "
                                   "rater with `setReportingLine`.")


@strawberry.input(description="Changes to an employee.")
class UpdateEmployeeInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)
    nip: str | None = None
    employee_type: EmployeeType | None = None
    name: str | None = None
    rank: Rank | None = None
    position_id: strawberry.ID | None = None
    unit_id: strawberry.ID | None = None
    user_id: strawberry.ID | None = None
    clear_user: bool = strawberry.field(default=False, description="Unlink the login.")
    active: bool | None = strawberry.field(
        default=None, description="Reactivate (true) or deactivate (false).")


@strawberry.input(description="A new reporting line for an employee, from `validFrom` on.")
class SetReportingLineInput:
    employee_id: strawberry.ID
    rater_id: strawberry.ID = strawberry.field(description="The rater (pejabat penilai).")
    valid_from: date = strawberry.field(
        description="First day; the open line ends the day before (same day: replaces it).")
    rater_superior_id: strawberry.ID | None = strawberry.field(
        default=None, description="The rater's superior (atasan pejabat penilai).")
    acting: Acting = strawberry.field(  # type: ignore[valid-type]
        default=Acting.NONE,  # type: ignore[attr-defined]
        description="Whether the rater acts as Plt/Plh.")
