"""The duplicate-event filter in the shared database, so a Slack retry that lands on another
host is not answered twice.

Used when the database is PostgreSQL (`Database.shared`); with SQLite the file-based
`EventDedup` in the state directory already covers every process of the one host. Every key
is also recorded in that local filter, and when the database cannot be reached the local
filter decides alone: the failure is logged once a minute and the database is tried again
after `RETRY_AFTER` seconds, so a dead server costs one failed connect, not one per event.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from bot.db.engine import Database
from bot.db.schema import seen_events
from bot.listeners.dedup import EventDedup

log = logging.getLogger("pmpo.db")

RETRY_AFTER = 10.0  # seconds on the local filter alone after the database failed
LOG_EVERY = 60.0
PRUNE_EVERY = 256  # inserts between two deletions of expired keys


class SharedEventDedup:
    def __init__(self, db: Database, local: EventDedup) -> None:
        self.db = db
        self.local = local
        self.ttl = local.ttl
        self._down_until = 0.0
        self._logged_at = 0.0
        self._inserts = 0
        self._lock = threading.Lock()

    def first_time(self, key: str | None) -> bool:
        """True the first time any host sees `key` within the ttl."""
        if not key:
            return True
        local_first = self.local.first_time(key)
        if time.monotonic() < self._down_until:
            return local_first
        try:
            return self._first_time_db(key[:200], time.time())
        except SQLAlchemyError as exc:
            self._failed(exc)
            return local_first

    def __len__(self) -> int:
        return len(self.local)

    def _first_time_db(self, key: str, now: float) -> bool:
        insert: Any = pg_insert if self.db.dialect == "postgresql" else sqlite_insert
        stmt = insert(seen_events).values(key=key, at=now)
        stmt = stmt.on_conflict_do_update(  # an expired key counts as new again
            index_elements=["key"],
            set_={"at": stmt.excluded.at},
            where=seen_events.c.at < now - self.ttl,
        )
        with self.db.connection() as conn:
            # a row comes back when it was inserted or its expired twin replaced: first time
            first = conn.execute(stmt.returning(seen_events.c.key)).first() is not None
            with self._lock:
                self._inserts += first
                prune = first and self._inserts % PRUNE_EVERY == 0
            if prune:
                conn.execute(delete(seen_events).where(seen_events.c.at < now - self.ttl))
            conn.commit()
        if self._down_until:
            log.warning("dedup: the database is reachable again")
            self._down_until = 0.0
        return first

    def _failed(self, exc: Exception) -> None:
        self._down_until = time.monotonic() + RETRY_AFTER
        if time.monotonic() - self._logged_at >= LOG_EVERY:
            self._logged_at = time.monotonic()
            detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:160]
            log.error(
                "dedup: %s unavailable (%s); this host filters duplicates alone meanwhile",
                self.db.describe(),
                detail,
            )
