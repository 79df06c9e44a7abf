"""The demo's oversight group: BKPSDM Kota Padang over every Pauh agency, overseen by a login
of no agency (`analis.bkpsdm`). Created once; later runs leave it as it is."""

from __future__ import annotations

import sqlalchemy as sa

from ..db import Database
from ..models import OversightGroup, OversightMember, OversightViewer


async def seed_oversight(db: Database, oversight, loaded) -> None:
    async with db.unit_of_work(platform=True) as session:
        found = (await session.execute(sa.select(OversightGroup.id).where(
            OversightGroup.slug == oversight.slug))).scalar()
        if found is not None:
            return
        group = OversightGroup(slug=oversight.slug, name=oversight.name)
        session.add(group)
        await session.flush()
        session.add_all([OversightMember(group_id=group.id, agency_id=loaded.tenant_ids[slug])
                         for slug in oversight.agency_slugs if slug in loaded.tenant_ids])
        session.add_all([OversightViewer(group_id=group.id, user_id=loaded.user_ids[u.username])
                         for u in oversight.overseers])
