"""Per-request state is bounded: the duplicate-event cache by size and by age, in SQLite and
in its in-memory fallback, and the knowledge store keeps one snapshot, however many reloads.
The soak run that shows resident memory flat is `python -m bench.stress` (docs/reliability.md).
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from bot.kb.store import KnowledgeStore
from bot.listeners.dedup import EventDedup


@pytest.mark.parametrize("backend", ["sqlite", "memory"])
def test_dedup_is_bounded_by_size(backend: str, tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3" if backend == "sqlite" else None
    dedup = EventDedup(path, ttl=3600, max_entries=300)
    for n in range(3000):
        assert dedup.first_time(f"msg:C1:{n}")
        # pruning runs every 256 inserts: never more than max_entries + 256 rows
        assert len(dedup) <= 300 + 256
    assert len(dedup) <= 300 + 256
    assert not dedup.first_time("msg:C1:2999")  # the newest are the ones kept


@pytest.mark.parametrize("backend", ["sqlite", "memory"])
def test_dedup_forgets_after_ttl(backend: str, tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3" if backend == "sqlite" else None
    dedup = EventDedup(path, ttl=0.2, max_entries=10_000)
    assert dedup.first_time("evt:Ev1")
    assert not dedup.first_time("evt:Ev1")
    time.sleep(0.25)
    assert dedup.first_time("evt:Ev1")  # a retry an hour late is a new message
    for n in range(600):
        dedup.first_time(f"evt:{n}")
    time.sleep(0.25)
    for n in range(600, 1200):  # crosses a prune: the expired rows go
        dedup.first_time(f"evt:{n}")
    assert len(dedup) < 700


def test_unusable_dedup_file_falls_back_to_bounded_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    dedup = EventDedup(blocker / "events.sqlite3", max_entries=50)
    assert dedup.path is None
    for n in range(500):
        dedup.first_time(str(n))
    assert len(dedup) == 50


def test_store_keeps_one_snapshot_across_many_reloads(kb_copy: Path, tmp_path: Path) -> None:
    store = KnowledgeStore(kb_copy, str(tmp_path / "state"))
    store.reload()
    gc.collect()
    first = store.current()
    del first
    for _ in range(30):
        assert store.reload().ok
    gc.collect()
    from bot.kb.store import Snapshot

    alive = [o for o in gc.get_objects() if isinstance(o, Snapshot)]
    assert len(alive) <= 2  # the current one (and at most one a caller still holds)
