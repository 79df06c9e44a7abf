"""GraphQL enums built from the reference tables, with Indonesian labels as descriptions."""

from enum import Enum

import strawberry

from .. import reference as ref


def _enum(name: str, codes, labels: dict, description: str):
    members = {code: strawberry.enum_value(code, description=labels.get(code)) for code in codes}
    return strawberry.enum(Enum(name, members), description=description)


TenantKind = _enum("TenantKind", ref.TENANT_KINDS, ref.TENANT_KIND_LABELS,
                   "Kind of agency (instansi / unit kerja).")
EmployeeType = _enum("EmployeeType", ref.EMPLOYEE_TYPES, ref.EMPLOYEE_TYPE_LABELS,
                     "PNS (civil servant) or PPPK (contract civil servant); stored explicitly.")
Rank = _enum("Rank", [r.code for r in ref.RANKS], {r.code: ref.rank_display(r.code) for r in ref.RANKS},
             "PNS pangkat/golongan ruang (I_A..IV_E) or PPPK golongan (PPPK_I..PPPK_XVII).")
PositionType = _enum("PositionType", ref.POSITION_TYPES, ref.POSITION_TYPE_LABELS,
                     "Position type (UU 5/2014).")
PositionLevel = _enum("PositionLevel", list(ref.POSITION_LEVELS),
                      {k: v[1] for k, v in ref.POSITION_LEVELS.items()},
                      "Position level (jenjang); implies the position type.")
Acting = _enum("Acting", ref.ACTING_KINDS, ref.ACTING_LABELS,
               "Whether the rater holds the post definitively or acts (Plt/Plh).")
PermissionScope = strawberry.enum(
    Enum("PermissionScope", {n: n for n in ("OWN", "SUBORDINATES", "UNIT", "TENANT", "PLATFORM")}),
    description="How far a permission reaches: own record, people one rates, own unit, "
                "the whole tenant, or the platform.",
)
