"""The in-memory policy store under concurrent first requests."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from kinerja.authz.store import PolicyStore

USER, TENANT = uuid.uuid4(), uuid.uuid4()


class _SlowRules:
    """Stands in for the Database and its session: the casbin_rule read takes a while, as on
    a busy server, and may fail."""

    def __init__(self, failures: int = 0) -> None:
        self.reads = self.closed = 0
        self.failures = failures

    def session(self, platform: bool = False):
        assert platform
        return self

    async def execute(self, _statement):
        self.reads += 1
        await asyncio.sleep(0.05)
        if self.failures:
            self.failures -= 1
            raise OSError("database unavailable")
        return self

    def all(self):
        return [("g", str(USER), "admin", str(TENANT), None, None)]

    async def close(self) -> None:
        self.closed += 1


async def test_requests_arriving_during_the_first_policy_load_wait_for_it():
    store, rules = PolicyStore(), _SlowRules()

    async def request() -> list[uuid.UUID]:
        await store.ensure_fresh(rules)
        return store.tenant_ids_of(USER)

    seen = await asyncio.gather(*(request() for _ in range(20)))
    assert seen == [[TENANT]] * 20  # none decided with the empty start-up enforcer
    assert rules.reads == rules.closed == 1


async def test_a_failed_load_is_tried_again_by_the_next_request():
    store, rules = PolicyStore(), _SlowRules(failures=1)
    with pytest.raises(OSError):
        await store.ensure_fresh(rules)
    await store.ensure_fresh(rules)
    assert store.tenant_ids_of(USER) == [TENANT] and rules.reads == rules.closed == 2


async def test_a_change_during_a_reload_makes_the_store_stale_again():
    store, rules = PolicyStore(), _SlowRules()
    load = asyncio.create_task(store.ensure_fresh(rules))
    await asyncio.sleep(0.01)
    store.invalidate()  # a role change committed while the rules were being read
    await load
    await store.ensure_fresh(rules)
    assert rules.reads == 2
