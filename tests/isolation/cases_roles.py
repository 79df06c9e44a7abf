"""Isolation cases of role administration and the audit trail: roles, role, permissionVocabulary,
createRole, updateRole, deleteRole, assignRole, revokeRole, auditEvents.

Extra key (see tests/isolation/__init__.py for the others):
- `setup` (optional): `async (db, services, world) -> None`, to be awaited by the runner once
  before it takes beta's baseline snapshot (inside the test's rolled-back transaction). Here it
  gives BOTH tenants a custom role named `reviewer` (same name, different rows; beta's
  description contains the beta marker "Dinas Beta"), so updateRole/deleteRole/role have an
  object to act on, and the foreign variant proves that a same-named role of another tenant is
  neither read nor changed.

Role administration takes no IDs of roles: a role is named within the selected tenant, so the
"foreign" variant of createRole/updateRole/deleteRole acts on alpha's own role ("OK" accepted)
and the snapshot proves beta's `reviewer` rows are untouched.
"""

from __future__ import annotations

import uuid

from kinerja.models import Role
from kinerja.roles.catalog import builtin_role_id
from kinerja.roles.repository import Grant, PolicyRepository
from tests.support.api import gid

ROLE_READERS = {"admin", "hr", "auditor"}
ADMIN = {"admin"}
ROLE_FIELDS = "id name description builtin memberCount version permissions{resource action scope}"
NAMESPACE = uuid.UUID("0b7f3a52-6a0e-4bd4-9a39-3c1f0f0e2b11")


def reviewer_id(world, slug: str) -> uuid.UUID:
    """Deterministic, so `variables` can name the role's global ID without a query."""
    return uuid.uuid5(NAMESPACE, str(world.tenant_id(slug)))


async def with_reviewer_roles(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        session = db.session(tenant_id=tenant_id)
        try:
            session.add(Role(id=reviewer_id(world, slug), tenant_id=tenant_id, name="reviewer",
                             description=f"Reviewers of Dinas {slug.title()}"))
            await session.flush()
            policies = PolicyRepository(session)
            await policies.begin_change()
            await policies.replace_grants(
                "reviewer", tenant_id, [Grant("employee", "read", "unit")])
            await session.commit()
        finally:
            await session.close()
    services.policies.invalidate()


def _none(world, slug):
    return {}


def _staff(world, slug):
    return {"u": gid("User", world.user_id(f"staff.{slug}"))}


CASES = [
    {"field": "roles", "operation": "{roles{" + ROLE_FIELDS + "}}", "variables": _none,
     "allowed_roles": ROLE_READERS, "foreign_ok_codes": [], "setup": with_reviewer_roles},
    {"field": "role", "operation": "query($n:String!){role(name:$n){" + ROLE_FIELDS + "}}",
     "variables": lambda world, slug: {"n": "reviewer"}, "allowed_roles": ROLE_READERS,
     "foreign_ok_codes": ["OK"], "setup": with_reviewer_roles},
    {"name": "node-role-custom", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Role{name description}}}",
     "variables": lambda world, slug: {"id": gid("Role", reviewer_id(world, slug))},
     "allowed_roles": ROLE_READERS, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_reviewer_roles},
    {"name": "node-role-builtin", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Role{name memberCount}}}",
     "variables": lambda world, slug: {"id": gid("Role", builtin_role_id("staff"))},
     "allowed_roles": ROLE_READERS, "foreign_ok_codes": []},
    {"field": "permissionVocabulary",
     "operation": "{permissionVocabulary{resource action scope grantable}}",
     "variables": _none, "allowed_roles": ROLE_READERS, "foreign_ok_codes": []},
    {"field": "createRole",
     "operation": "mutation($n:String!){createRole(input:{name:$n,description:\"d\",permissions:"
                  "[{resource:\"employee\",action:\"read\",scope:UNIT}]}){role{" + ROLE_FIELDS
                  + "} errors{field code}}}",
     "variables": lambda world, slug: {"n": "inspector"}, "allowed_roles": ADMIN,
     "foreign_ok_codes": ["OK"]},
    {"field": "updateRole",
     "operation": "mutation($n:String!){updateRole(input:{name:$n,description:\"changed\","
                  "permissions:[{resource:\"user\",action:\"read\",scope:TENANT}]}){role{"
                  + ROLE_FIELDS + "} errors{field code}}}",
     "variables": lambda world, slug: {"n": "reviewer"}, "allowed_roles": ADMIN,
     "foreign_ok_codes": ["OK"], "setup": with_reviewer_roles},
    {"field": "deleteRole",
     "operation": "mutation($n:String!){deleteRole(name:$n){role{name} errors{field code}}}",
     "variables": lambda world, slug: {"n": "reviewer"}, "allowed_roles": ADMIN,
     "foreign_ok_codes": ["OK"], "setup": with_reviewer_roles},
    {"field": "assignRole",
     "operation": "mutation($u:ID!){assignRole(userId:$u,role:\"auditor\"){user{id username roles}"
                  " errors{field code}}}",
     "variables": _staff, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "assignRole-custom", "field": "assignRole",
     "operation": "mutation($u:ID!){assignRole(userId:$u,role:\"reviewer\"){user{id username roles}"
                  " errors{field code}}}",
     "variables": _staff, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_reviewer_roles},
    {"field": "revokeRole",
     "operation": "mutation($u:ID!){revokeRole(userId:$u,role:\"staff\"){user{id username roles}"
                  " errors{field code}}}",
     "variables": _staff, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "auditEvents",
     "operation": "{auditEvents(first:50){totalCount nodes{id at actorUserId actorUsername action "
                  "objectType objectId before after}}}",
     "variables": _none, "allowed_roles": {"admin", "auditor"}, "foreign_ok_codes": []},
    {"name": "auditEvents-by-object", "field": "auditEvents",
     "operation": "query($o:String){auditEvents(objectId:$o){nodes{id action objectId}}}",
     "variables": lambda world, slug: {"o": gid("User", world.user_id(f"staff.{slug}"))},
     "allowed_roles": {"admin", "auditor"}, "foreign_ok_codes": ["OK"]},
]
