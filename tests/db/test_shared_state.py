"""State hosts share through the database: the duplicate-event filter (the reload signal is
tested through two real servers in tests/slack/test_gaps_postgres.py)."""

from __future__ import annotations

import time
from pathlib import Path

from bot.db.engine import Database
from bot.db.events import SharedEventDedup
from bot.listeners.dedup import EventDedup


def host(url: str, state: Path, ttl: float = 3600.0) -> SharedEventDedup:
    return SharedEventDedup(Database(url, state), EventDedup(state / "events.sqlite3", ttl=ttl))


def test_an_event_seen_by_one_host_is_a_duplicate_on_another(db_url: str, tmp_path: Path) -> None:
    a, b = host(db_url, tmp_path / "a"), host(db_url, tmp_path / "b")
    assert a.first_time("msg:C1:1.0") is True
    assert b.first_time("msg:C1:1.0") is False  # the retry reached the other host
    assert a.first_time("msg:C1:1.0") is False
    assert b.first_time("msg:C1:2.0") is True


def test_an_expired_key_counts_as_new(db_url: str, tmp_path: Path) -> None:
    a, b = host(db_url, tmp_path / "a", ttl=0.2), host(db_url, tmp_path / "b", ttl=0.2)
    assert a.first_time("evt:Ev1") is True
    time.sleep(0.3)
    assert b.first_time("evt:Ev1") is True


def test_database_down_falls_back_to_the_local_filter(tmp_path: Path) -> None:
    unreachable = "postgresql://pmpo@127.0.0.1:9/nowhere"  # port 9: nothing listens
    a = host(unreachable, tmp_path / "a")
    started = time.monotonic()
    assert a.first_time("msg:C1:3.0") is True
    assert a.first_time("msg:C1:3.0") is False  # the local filter still catches it
    assert time.monotonic() - started < 5
