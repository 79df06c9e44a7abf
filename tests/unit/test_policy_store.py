"""The in-memory policy store: freshness by the committed policy generation, under concurrency."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from kinerja.authz.store import PolicyStore

USER, TENANT = uuid.uuid4(), uuid.uuid4()


class _SlowRules:
    """Stands in for the request's session: each read takes a while, as on a busy server, and
    may fail."""

    def __init__(self, failures: int = 0) -> None:
        self.reads = 0
        self.failures = failures

    async def execute(self, _statement, _params=None):
        self.reads += 1
        await asyncio.sleep(0.05)
        if self.failures:
            self.failures -= 1
            raise OSError("database unavailable")
        return self

    def all(self):
        return [("g", str(USER), "admin", str(TENANT), None, None)]


async def test_requests_arriving_during_the_first_policy_load_wait_for_it():
    store, rules = PolicyStore(), _SlowRules()

    async def request() -> list[uuid.UUID]:
        await store.ensure_fresh(rules, 1)
        return store.tenant_ids_of(USER)

    seen = await asyncio.gather(*(request() for _ in range(20)))
    assert seen == [[TENANT]] * 20  # none decided with the empty start-up enforcer
    assert rules.reads == 1 and store.policy_generation == 1


async def test_a_failed_load_is_tried_again_by_the_next_request():
    store, rules = PolicyStore(), _SlowRules(failures=1)
    with pytest.raises(OSError):
        await store.ensure_fresh(rules, 1)
    assert not store.is_current(1)
    await store.ensure_fresh(rules, 1)
    assert store.tenant_ids_of(USER) == [TENANT] and rules.reads == 2


async def test_a_newer_committed_generation_reloads_an_equal_or_older_one_does_not():
    store, rules = PolicyStore(), _SlowRules()
    await store.ensure_fresh(rules, 5)
    await store.ensure_fresh(rules, 5)
    await store.ensure_fresh(rules, 3)  # a request that read before the last change
    assert rules.reads == 1
    await store.ensure_fresh(rules, 6)
    assert rules.reads == 2 and store.policy_generation == 6


async def test_requests_that_read_a_newer_generation_during_a_reload_wait_for_another():
    """The issue's race: a change commits while a reload (of the old state) is running.
    Requests that read the new generation must not be answered by the running reload."""
    store, rules = PolicyStore(), _SlowRules()
    old = asyncio.create_task(store.ensure_fresh(rules, 1))
    await asyncio.sleep(0.01)  # the reload (of generation 1) is reading the rules
    new = await asyncio.gather(*(store.ensure_fresh(rules, 2) for _ in range(10)))
    await old
    assert new == [None] * 10 and store.policy_generation == 2 and rules.reads == 2


async def test_an_invalidation_during_a_reload_makes_the_store_stale_again():
    store, rules = PolicyStore(), _SlowRules()
    load = asyncio.create_task(store.ensure_fresh(rules, 1))
    await asyncio.sleep(0.01)
    store.invalidate()  # rows written without a generation bump while the rules were read
    await load
    assert not store.is_current(1)
    await store.ensure_fresh(rules, 1)
    assert rules.reads == 2
