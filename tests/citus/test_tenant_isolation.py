"""Moving one agency onto shards of its own (Citus tenant isolation), then onto the other
worker, on committed data: the agency's rows of every colocated table sit alone in their new
shards, and both agencies are served exactly as before, over HTTP through the app."""

from __future__ import annotations

import httpx
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.citus.catalog_repository import CitusCatalog
from kinerja.db import Database, create_engine
from kinerja.demo.load import load_demo
from tests.conftest import SCHEMA, TEST_SETTINGS
from tests.support import citus
from tests.support.databases import fresh_database
from tests.support.world import World, build_world

EMPLOYEES = "{ employees(first: 20) { totalCount nodes { name unit { name } } } }"


async def _served(app_url: str, world: World) -> dict[str, list[str]]:
    """Each agency's employees as its HR sees them."""
    db = Database(create_engine(app_url, poolclass=NullPool))
    services = Services(TEST_SETTINGS, db, schema=SCHEMA)
    transport = httpx.ASGITransport(app=create_app(services=services))
    out = {}
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://k.test") as http:
            for slug in ("alpha", "beta"):
                response = await http.post("/graphql", json={"query": EMPLOYEES}, headers={
                    "authorization": f"Bearer {world.token(f'hr.{slug}')}"})
                nodes = response.json()["data"]["employees"]["nodes"]
                out[slug] = sorted(n["name"] for n in nodes)
    finally:
        await db.dispose()
    return out


async def _owner(app_url: str, work):
    url = sa.engine.make_url(app_url).set(username="postgres").render_as_string(False)
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            return await conn.run_sync(lambda sync: work(CitusCatalog(sync), sync))
    finally:
        await engine.dispose()


def _tenants_per_shard(catalog: CitusCatalog, sync, shard: int) -> int:
    return int(sync.execute(sa.text(
        "SELECT result FROM run_command_on_shards('employee',"
        " 'SELECT count(DISTINCT tenant_id) FROM %s') WHERE shardid = :s"), {"s": shard}).scalar())


async def test_one_agency_moves_onto_its_own_shard_and_to_another_worker(backend,
                                                                         tmp_path_factory):
    async for app_url in fresh_database("postgresql", tmp_path_factory):
        await _isolate_and_move(app_url)


async def _isolate_and_move(app_url: str) -> None:
    loaded = await load_demo(Database(create_engine(app_url, poolclass=NullPool)),
                             build_world())
    world = World(loaded, TEST_SETTINGS)
    alpha = str(world.tenant_id("alpha"))
    before = await _served(app_url, world)
    shared, _host, _port = await _owner(app_url, lambda c, _s: c.shard_of("employee", alpha))

    def isolate(catalog: CitusCatalog, sync):
        new = catalog.isolate_tenant("employee", alpha)
        return new, catalog.shard_of("employee", alpha), _tenants_per_shard(catalog, sync, new)

    new, (shard, host, port), alone = await _owner(app_url, isolate)
    assert new == shard != shared and alone == 1
    target = next(w for w in citus.workers() if w != (host, port))
    await _owner(app_url, lambda c, _s: c.move_shard(shard, (host, port), target))
    moved = await _owner(app_url, lambda c, _s: c.shard_of("skp", alpha))
    assert (moved[1], moved[2]) == target  # the colocated tables moved along
    assert await _served(app_url, world) == before
    assert len(before["alpha"]) == len(before["beta"]) == 5
