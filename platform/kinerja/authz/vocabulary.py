"""The permission vocabulary: resources, actions and scopes a role may hold."""

from __future__ import annotations

from enum import IntEnum

RESOURCES: dict[str, tuple[str, ...]] = {
    "tenant": ("read", "write"),
    "org_unit": ("read", "write"),
    "position": ("read", "write"),
    "employee": ("read", "write", "import"),
    "reporting_line": ("read", "write"),
    "user": ("read", "write"),
    "role": ("read", "write", "assign"),
    "audit": ("read",),
    "rule_set": ("read", "write"),
    "cycle": ("read", "write"),
    "skp": ("read", "write", "approve", "feedback"),
    "review": ("read", "nominate", "respond", "identity"),
    "result": ("read", "rate", "calibrate", "release", "object", "decide", "reopen"),
    "org_result": ("read", "write"),
    "competency": ("read", "write"),
    "competency_assessment": ("read", "write", "import"),
    "training": ("read", "write"),
    "development_plan": ("read", "write", "approve"),
    "client_app": ("read", "write"),
    "view": ("write",),
}


class Scope(IntEnum):
    """Ordered: a wider scope includes the narrower ones."""

    OWN = 1
    SUBORDINATES = 2
    UNIT = 3
    TENANT = 4
    PLATFORM = 5


SCOPE_NAMES = {s.name.lower(): s for s in Scope}
# Resources whose read can be narrowed to a relationship; others are tenant-wide or nothing.
RELATIONSHIP_RESOURCES = frozenset({"employee", "reporting_line", "skp", "review", "result",
                                    "competency_assessment", "development_plan"})
BUILTIN_ROLES = (
    "platform_admin", "admin", "hr", "rater", "parent_rater", "staff", "auditor")
PARENT_RATER_ROLE = "parent_rater"
PLATFORM_ROLE = "platform_admin"


def scopes_for(resource: str) -> tuple[Scope, ...]:
    if resource in RELATIONSHIP_RESOURCES:
        return (Scope.OWN, Scope.SUBORDINATES, Scope.UNIT, Scope.TENANT)
    return (Scope.TENANT,)
