"""Isolation cases of the people mutations (org units, positions, employees, reporting lines,
CSV import). Only the keys documented in tests/isolation/__init__.py are used.

Some cases mix tenants on purpose: the target is always alpha's and only the references come
from `tenant_slug`, to prove that a foreign reference is refused (UNKNOWN_REFERENCE) even when
the object being changed is one's own. Cases without any ID (createPosition, importEmployees)
accept "OK" with the foreign tenant: they act in alpha, and the runner checks beta is unchanged.
"""

from __future__ import annotations

from datetime import date

from tests.support.api import gid

WRITE = {"admin", "hr"}
NEW_NIP = "198505172010032007"  # valid, unused in the test world; each call is rolled back


def _unit(world, slug, code):
    return gid("OrgUnit", world.unit_id(slug, code))


def _position(world, slug, code):
    return gid("Position", world.position_id(slug, code))


def _employee(world, slug, key):
    return gid("Employee", world.employee_id(slug, key))


def _op(field: str, args: str, params: str, selection: str) -> str:
    return f"mutation({params}){{{field}({args}){{{selection} errors{{field code message}}}}}}"


UNIT = "orgUnit{id code name active version parent{name}}"
POSITION = "position{id code name level positionType active version}"
EMPLOYEE = "employee{id nip name active version unit{name} position{name} rater{name}}"
LINE = "reportingLine{id validFrom validTo rater{name}} employee{name rater{name}}"

CASES = [
    {"field": "createOrgUnit",
     "operation": _op("createOrgUnit", "input:$i", "$i:CreateOrgUnitInput!", UNIT),
     "variables": lambda world, slug: {"i": {"code": "ISO", "name": "Isolation Unit",
                                             "parentId": _unit(world, slug, "ROOT")}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["UNKNOWN_REFERENCE"]},
    {"field": "updateOrgUnit",
     "operation": _op("updateOrgUnit", "input:$i", "$i:UpdateOrgUnitInput!", UNIT),
     "variables": lambda world, slug: {"i": {"id": _unit(world, slug, "SEC"), "version": 1,
                                             "name": "Renamed Section", "code": "SEC2"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "updateOrgUnit-foreign-parent", "field": "updateOrgUnit",
     "operation": _op("updateOrgUnit", "input:$i", "$i:UpdateOrgUnitInput!", UNIT),
     "variables": lambda world, slug: {"i": {"id": _unit(world, "alpha", "SEC"),
                                             "parentId": _unit(world, slug, "SPARE")}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["UNKNOWN_REFERENCE"]},
    {"field": "deactivateOrgUnit",
     "operation": _op("deactivateOrgUnit", "id:$id,version:$v", "$id:ID!,$v:Int", UNIT),
     "variables": lambda world, slug: {"id": _unit(world, slug, "SPARE"), "v": 1},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "createPosition",
     "operation": _op("createPosition", "input:$i", "$i:CreatePositionInput!", POSITION),
     "variables": lambda world, slug: {"i": {"code": "ISO", "name": "Isolation Post",
                                             "level": "AHLI_PERTAMA"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["OK"]},
    {"field": "updatePosition",
     "operation": _op("updatePosition", "input:$i", "$i:UpdatePositionInput!", POSITION),
     "variables": lambda world, slug: {"i": {"id": _position(world, slug, "STAFF"),
                                             "name": "Pelaksana", "level": "TERAMPIL"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "deactivatePosition",
     "operation": _op("deactivatePosition", "id:$id", "$id:ID!", POSITION),
     "variables": lambda world, slug: {"id": _position(world, slug, "SPARE")},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "createEmployee",
     "operation": _op("createEmployee", "input:$i", "$i:CreateEmployeeInput!", EMPLOYEE),
     "variables": lambda world, slug: {"i": {
         "nip": NEW_NIP, "employeeType": "PNS", "name": "Isolation Person", "rank": "II_C",
         "unitId": _unit(world, slug, "SEC"), "positionId": _position(world, slug, "STAFF"),
         "userId": gid("User", world.user_id(f"auditor.{slug}"))}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["UNKNOWN_REFERENCE", "NOT_A_MEMBER"]},
    {"field": "updateEmployee",
     "operation": _op("updateEmployee", "input:$i", "$i:UpdateEmployeeInput!", EMPLOYEE),
     "variables": lambda world, slug: {"i": {"id": _employee(world, slug, "other"), "version": 1,
                                             "name": "Renamed Person", "rank": "III_D"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "updateEmployee-foreign-references", "field": "updateEmployee",
     "operation": _op("updateEmployee", "input:$i", "$i:UpdateEmployeeInput!", EMPLOYEE),
     "variables": lambda world, slug: {"i": {
         "id": _employee(world, "alpha", "other"), "unitId": _unit(world, slug, "SPARE"),
         "positionId": _position(world, slug, "SPARE"),
         "userId": gid("User", world.user_id(f"auditor.{slug}"))}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["UNKNOWN_REFERENCE", "NOT_A_MEMBER"]},
    {"field": "deactivateEmployee",
     "operation": _op("deactivateEmployee", "id:$id", "$id:ID!", EMPLOYEE),
     "variables": lambda world, slug: {"id": _employee(world, slug, "other")},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "setReportingLine",
     "operation": _op("setReportingLine", "input:$i", "$i:SetReportingLineInput!", LINE),
     "variables": lambda world, slug: {"i": {
         "employeeId": _employee(world, slug, "staff"), "raterId": _employee(world, slug, "other"),
         "raterSuperiorId": _employee(world, slug, "head"), "validFrom": date.today().isoformat(),
         "acting": "PLH"}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["UNKNOWN_REFERENCE"]},
    {"name": "setReportingLine-foreign-rater", "field": "setReportingLine",
     "operation": _op("setReportingLine", "input:$i", "$i:SetReportingLineInput!", LINE),
     "variables": lambda world, slug: {"i": {
         "employeeId": _employee(world, "alpha", "staff2"),
         "raterId": _employee(world, slug, "head"), "validFrom": date.today().isoformat()}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["UNKNOWN_REFERENCE"]},
    {"field": "endReportingLine",
     "operation": _op("endReportingLine", "employeeId:$e,validTo:$to", "$e:ID!,$to:Date!", LINE),
     "variables": lambda world, slug: {"e": _employee(world, slug, "staff"),
                                       "to": date.today().isoformat()},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "importEmployees",
     "operation": ("mutation($csv:String!,$dry:Boolean){importEmployees(csv:$csv,dryRun:$dry){"
                   "importedCount rowCount rowErrors{row column code} errors{field code}}}"),
     "variables": lambda world, slug: {
         "csv": "nip,employee_type,name,rank,unit_code,position_code\n"
                f"{NEW_NIP},PNS,Imported Person,III_A,SEC,STAFF\n"},
     "allowed_roles": {"admin", "hr"}, "foreign_ok_codes": ["OK"]},
]
