"""Isolation cases of the core read fields: me, tenants, orgUnits, positions, employees,
employee, node. (login is public and covered in tests/api/test_auth.py.)"""

from __future__ import annotations

from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}
EMPLOYEE_FIELDS = ("id name nip unit{id name} position{id name} rater{id name}"
                   " raterSuperior{id name}")


def _none(world, slug):
    return {}


def _staff(world, slug):
    """The staff employee: visible to every role (own record, rated by rater, tenant-wide)."""
    return {"id": gid("Employee", world.employee_id(slug, "staff"))}


CASES = [
    {"field": "me", "operation": "{me{user{username} tenants{id slug name} tenant{id slug}"
                                 " roles permissions{resource action scope} employeeId}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": []},
    {"field": "tenants", "operation": "{tenants(includeInactive:true){id slug name parentId}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": []},
    {"field": "orgUnits", "operation": "{orgUnits{id name parent{id name}}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": []},
    {"field": "positions", "operation": "{positions{id name positionType level}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": []},
    {"name": "employees", "field": "employees",
     "operation": "{employees(first:50){totalCount nodes{" + EMPLOYEE_FIELDS + "}}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": []},
    {"name": "employees-by-unit", "field": "employees",
     "operation": "query($u:ID){employees(unitId:$u){totalCount edges{cursor node{"
                  + EMPLOYEE_FIELDS + " reportingLines{rater{name} raterSuperior{name}}}}}}",
     "variables": lambda world, slug: {"u": gid("OrgUnit", world.unit_id(slug, "SEC"))},
     "allowed_roles": ALL, "foreign_ok_codes": ["OK"]},
    {"field": "employee", "operation": "query($id:ID!){employee(id:$id){" + EMPLOYEE_FIELDS
                                       + " reportingLines{validFrom rater{name nip}}}}",
     "variables": _staff, "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "node-employee", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Employee{name nip rater{name}}}}",
     "variables": _staff, "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "node-org-unit", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on OrgUnit{name parent{name}}}}",
     "variables": lambda world, slug: {"id": gid("OrgUnit", world.unit_id(slug, "SEC"))},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "node-position", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Position{name level}}}",
     "variables": lambda world, slug: {"id": gid("Position", world.position_id(slug, "STAFF"))},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "node-tenant", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Tenant{slug name}}}",
     "variables": lambda world, slug: {"id": gid("Tenant", world.tenant_id(slug))},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"]},
]
