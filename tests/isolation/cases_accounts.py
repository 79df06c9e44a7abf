"""Isolation cases of user administration: users, user, node(User), createUser, updateUser,
removeUserFromTenant, setUserDisabled, platformSetUserDisabled.

Users are global accounts; a tenant sees only its members (users holding a role there), so
another tenant's user IDs are NOT_FOUND, exactly like another tenant's objects.
createUser takes no foreign ID (it creates a member of the selected tenant): its "foreign"
variant succeeds in alpha ("OK") and the snapshot proves beta unchanged.
platformSetUserDisabled is platform-only: every tenant role is FORBIDDEN (allowed_roles empty).
"""

from __future__ import annotations

from tests.support.api import gid

USER_READERS = {"admin", "hr", "auditor"}
ADMIN = {"admin"}
USER_FIELDS = "id username displayName email disabled version roles"


def _none(world, slug):
    return {}


def _staff(world, slug):
    return {"id": gid("User", world.user_id(f"staff.{slug}"))}


CASES = [
    {"field": "users",
     "operation": "{users(first:50){totalCount edges{cursor node{" + USER_FIELDS + "}}}}",
     "variables": _none, "allowed_roles": USER_READERS, "foreign_ok_codes": []},
    {"name": "users-search", "field": "users",
     "operation": "query($s:String){users(search:$s){nodes{" + USER_FIELDS + "}}}",
     "variables": lambda world, slug: {"s": f"staff.{slug}"}, "allowed_roles": USER_READERS,
     "foreign_ok_codes": ["OK"]},
    {"field": "user", "operation": "query($id:ID!){user(id:$id){" + USER_FIELDS + "}}",
     "variables": _staff, "allowed_roles": USER_READERS, "foreign_ok_codes": ["NOT_FOUND"]},
    {"name": "node-user", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on User{username roles}}}",
     "variables": _staff, "allowed_roles": USER_READERS, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "createUser",
     "operation": "mutation{createUser(input:{username:\"new.member\",displayName:\"New Member\","
                  "password:\"kata-sandi-kuat\",roles:[\"staff\"]}){user{" + USER_FIELDS
                  + "} errors{field code}}}",
     "variables": _none, "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"]},
    {"field": "updateUser",
     "operation": "mutation($id:ID!){updateUser(input:{id:$id,displayName:\"Renamed\","
                  "password:\"sandi-baru-123\"}){user{" + USER_FIELDS + "} errors{field code}}}",
     "variables": _staff, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "removeUserFromTenant",
     "operation": "mutation($id:ID!){removeUserFromTenant(id:$id){removedUserId removedRoles "
                  "errors{field code}}}",
     "variables": _staff, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "setUserDisabled",
     "operation": "mutation($id:ID!){setUserDisabled(id:$id,disabled:true){user{" + USER_FIELDS
                  + "} errors{field code}}}",
     "variables": _staff, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"]},
    {"field": "platformSetUserDisabled",
     "operation": "mutation($id:ID!){platformSetUserDisabled(id:$id,disabled:true){user{username "
                  "disabled} errors{field code}}}",
     "variables": _staff, "allowed_roles": set(), "foreign_ok_codes": []},
]
