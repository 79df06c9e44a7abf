"""GraphQL enums of code tables: the one way a tuple of codes becomes an enum (each member's
value is its code), and the enums of the reference tables, with Indonesian labels."""

from collections.abc import Iterable
from enum import Enum
from typing import Any

import strawberry

from .. import reference as ref


def code_enum(name: str, codes: Iterable[str], description: str,
              labels: dict[str, str] | None = None) -> Any:
    """`labels` (code -> text) become the members' descriptions."""
    members: dict[str, Any] = {code: code for code in codes} if labels is None else {
        code: strawberry.enum_value(code, description=labels.get(code)) for code in codes}
    make: Any = Enum  # the functional API, with a computed name
    return strawberry.enum(make(name, members), description=description)


def value_of(member: Enum | None) -> Any:
    """The code of an optional enum argument (None stays None)."""
    return member.value if member is not None else None


TenantKind = code_enum("TenantKind", ref.TENANT_KINDS, "Kind of agency (instansi / unit kerja).",
                       ref.TENANT_KIND_LABELS)
EmployeeType = code_enum("EmployeeType", ref.EMPLOYEE_TYPES,
                         "PNS (civil servant) or PPPK (contract civil servant); stored explicitly.",
                         ref.EMPLOYEE_TYPE_LABELS)
Rank = code_enum("Rank", [r.code for r in ref.RANKS],
                 "PNS pangkat/golongan ruang (I_A..IV_E) or PPPK golongan (PPPK_I..PPPK_XVII).",
                 {r.code: ref.rank_display(r.code) for r in ref.RANKS})
PositionType = code_enum("PositionType", ref.POSITION_TYPES, "Position type (UU 5/2014).",
                         ref.POSITION_TYPE_LABELS)
PositionLevel = code_enum("PositionLevel", list(ref.POSITION_LEVELS),
                          "Position level (jenjang); implies the position type.",
                          {k: v[1] for k, v in ref.POSITION_LEVELS.items()})
Acting = code_enum("Acting", ref.ACTING_KINDS,
                   "Whether the rater holds the post definitively or acts (Plt/Plh).",
                   ref.ACTING_LABELS)
PermissionScope = code_enum(
    "PermissionScope", ("OWN", "SUBORDINATES", "UNIT", "TENANT", "PLATFORM"),
    "How far a permission reaches: own record, people one rates, own unit, "
    "the whole tenant, or the platform.")
