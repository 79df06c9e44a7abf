"""The collector settings the server starts with (kinerja/ops/memory.py)."""

from __future__ import annotations

import gc

from kinerja.ops import memory


def test_settling_freezes_start_up_objects_and_collects_rarely():
    before = gc.get_threshold()
    try:
        gc.unfreeze()
        start_up = [[] for _ in range(1000)]  # container objects made before settling
        memory.settle()
        assert gc.get_threshold() == memory.THRESHOLDS
        assert gc.get_freeze_count() >= len(start_up)
        assert memory.THRESHOLDS[0] > before[0]  # rarer young collections than the default
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


async def test_the_server_settles_its_memory_when_it_starts(db, settings, monkeypatch):
    from kinerja.app import Services, create_app

    settled = []
    monkeypatch.setattr(memory, "settle", lambda: settled.append(True))
    services = Services(settings, db)

    async def nothing(*_args):
        return None
    # the test's shared database stays open, and nothing is counted to flush
    monkeypatch.setattr(services.db, "dispose", nothing)
    monkeypatch.setattr(services.usage, "flush", nothing)
    app = create_app(services=services)
    assert not settled
    async with app.router.lifespan_context(app):
        assert settled == [True]
