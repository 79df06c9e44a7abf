"""GraphQL enums of code tables: the one way a tuple of codes becomes an enum (each member's
value is its code, its description its labels from labels.py), and the enums of the reference
tables."""

from collections.abc import Iterable
from enum import Enum
from typing import Any

import strawberry

from .. import reference as ref
from ..labels import value_description


def code_enum(name: str, codes: Iterable[str], description: str) -> Any:
    """Each member's description is its Indonesian and English label (labels.py; a value
    without labels fails tests/unit/test_labels.py)."""
    members: dict[str, Any] = {
        code: strawberry.enum_value(code, description=value_description(name, code))
        for code in codes}
    make: Any = Enum  # the functional API, with a computed name
    return strawberry.enum(make(name, members), description=description)


def value_of(member: Enum | None) -> Any:
    """The code of an optional enum argument (None stays None)."""
    return member.value if member is not None else None


TenantKind = code_enum("TenantKind", ref.TENANT_KINDS, "Kind of agency (instansi / unit kerja).")
EmployeeType = code_enum("EmployeeType", ref.EMPLOYEE_TYPES,
                         "PNS (civil servant) or PPPK (contract civil servant); stored explicitly.")
Rank = code_enum("Rank", [r.code for r in ref.RANKS],
                 "PNS pangkat/golongan ruang (I_A..IV_E) or PPPK golongan (PPPK_I..PPPK_XVII).")
PositionType = code_enum("PositionType", ref.POSITION_TYPES, "Position type (UU 5/2014).")
PositionLevel = code_enum("PositionLevel", list(ref.POSITION_LEVELS),
                          "Position level (jenjang); implies the position type.")
Acting = code_enum("Acting", ref.ACTING_KINDS,
                   "Whether the rater holds the post definitively or acts (Plt/Plh).")
PermissionScope = code_enum(
    "PermissionScope", ("OWN", "SUBORDINATES", "UNIT", "TENANT", "PLATFORM"),
    "How far a permission reaches: own record, people one rates, own unit, "
    "the whole tenant, or the platform.")
