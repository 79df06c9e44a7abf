"""Isolation cases of oversight: oversightGroups and oversightReport. Tenant roles oversee
nothing: the group (beta a member) does not exist for them. The platform-only mutations
(createOversightGroup, setOversightMembers, setOverseers) are in
test_isolation_matrix.test_platform_app_fields_only_for_platform_admins's neighbour."""

from __future__ import annotations

import uuid

from kinerja.models import OversightGroup, OversightMember
from tests.support.api import gid

GROUP_ID = uuid.UUID("7a1d0c52-2a43-4a7a-8d4e-000000000001")
ALL = {"admin", "hr", "rater", "staff", "auditor"}


async def with_group(db, services, world) -> None:
    session = db.session(platform=True)
    try:
        session.add(OversightGroup(id=GROUP_ID, slug="kota", name="Dinas Beta Kota"))
        await session.flush()
        session.add(OversightMember(group_id=GROUP_ID, agency_id=world.tenant_id("beta")))
        await session.commit()
    finally:
        await session.close()


CASES = [
    {"field": "oversightGroups", "operation": "{oversightGroups{id slug agencies{slug}}}",
     "variables": lambda w, s: {}, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_group},
    {"field": "oversightReport",
     "operation": "query($g:ID!){oversightReport(groupId:$g,year:2026){agencies{slug "
                  "employees}}}",
     "variables": lambda w, s: {"g": gid("OversightGroup", GROUP_ID)}, "allowed_roles": set(),
     "foreign_ok_codes": ["NOT_FOUND"], "denied_codes": ["NOT_FOUND"], "setup": with_group},
]
