"""The reload signal in the shared database, so a reload on one host is followed on all.

A `ReloadSignal` (bot/kb/signal.py) that also writes to and reads from PostgreSQL: the state
directory's files keep serving this host's own processes, and serve alone while the database
cannot be reached. A reload publishes the content hash it validated in one row
(`kb_signal`); a background thread in every process polls that row once a `POLL_EVERY`
seconds (never on a request's path, so a database that hangs cannot slow an answer) and
flags a change; the store then follows, loading the snapshot or, on another host, its own
files when they hash the same. Each process also records which knowledge base it serves,
with a heartbeat, so a reload counts its followers on every host. A reload made while the
database was away is shared when it returns. Used only when the database is PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from pathlib import Path

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError

from bot.db.engine import Database
from bot.db.schema import kb_processes, kb_signal
from bot.kb.signal import Published, ReloadSignal

log = logging.getLogger("pmpo.db")

POLL_EVERY = 1.0  # seconds between two reads of the signal row by one process
HEARTBEAT_EVERY = 5.0  # seconds between two "still serving" stamps
LIVE_WITHIN = 15.0  # a process not heard from for this long is not counted
FORGET_AFTER = 86_400.0  # rows of processes gone this long are deleted
RETRY_AFTER = 10.0  # seconds on this host's own signal after the database failed
LOG_EVERY = 60.0


class SharedReloadSignal(ReloadSignal):
    spans_hosts = True

    def __init__(self, state_dir: Path, db: Database) -> None:
        super().__init__(state_dir)
        self.db = db
        self.process = f"{socket.gethostname()}:{os.getpid()}"[:200]
        self._seen: str | None = None  # the generation in the database, as last read
        self._key: str | None = None  # what this process serves, for the heartbeat
        self._next_beat = 0.0
        self._down_until = 0.0
        self._logged_at = 0.0
        self._moved = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # -- the ReloadSignal interface ----------------------------------------------------------
    def publish(self, key: str) -> Published:
        published = super().publish(key)
        if not self._down():
            self._push(published)
        return published

    def read(self) -> Published | None:
        """The newer of the database's record and this host's own (a reload made here while
        the database was away must not be undone by the older row when it returns)."""
        local = super().read()
        if self._down():
            return local
        try:
            with self.db.connection() as conn:
                row = conn.execute(select(kb_signal.c.key, kb_signal.c.generation)).first()
        except SQLAlchemyError as exc:
            self._failed("read", exc)
            return local
        return newest(Published(row.key, row.generation) if row else None, local)

    def changed(self) -> bool:
        """One `stat` and a flag set by the poller."""
        self.start()
        local = super().changed()
        if self._moved.is_set():
            self._moved.clear()
            return True
        return local

    def serving(self, key: str) -> None:
        super().serving(key)
        self._key = key
        if self._down():
            return
        try:
            with self.db.connection() as conn:
                self._beat(conn, key)
                conn.commit()
        except SQLAlchemyError as exc:
            self._failed("serving", exc)

    def followers(self, key: str) -> tuple[int, int]:
        """(processes serving `key`, live processes) on every host."""
        if self._down():
            return super().followers(key)
        cutoff = time.time() - LIVE_WITHIN
        try:
            with self.db.connection() as conn:
                keys = (
                    conn.execute(select(kb_processes.c.key).where(kb_processes.c.at >= cutoff))
                    .scalars()
                    .all()
                )
        except SQLAlchemyError as exc:
            self._failed("followers", exc)
            return super().followers(key)
        return sum(k == key for k in keys), len(keys)

    # -- the poller ----------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="pmpo-reload-signal", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(POLL_EVERY)
            if self._down():
                continue
            try:
                self._poll()
            except SQLAlchemyError as exc:
                self._failed("poll", exc)
            except Exception:  # noqa: BLE001 - the poller must never die
                log.exception("reload signal: poll failed")

    def _poll(self) -> None:
        with self.db.connection() as conn:
            generation = conn.execute(select(kb_signal.c.generation)).scalar()
            if self._key is not None and time.monotonic() >= self._next_beat:
                self._beat(conn, self._key)
            conn.commit()
        if self._logged_at and self._down_until:
            log.warning("reload signal: the database is reachable again")
            self._down_until = 0.0
        if generation is not None and generation != self._seen:
            self._seen = generation
            self._moved.set()
        local = super().read()
        shared = Published("", generation) if generation is not None else None
        if local is not None and newest(shared, local) is local and local.generation != generation:
            self._push(local)  # published here while the database was away: share it now

    def _push(self, published: Published) -> None:
        stmt = insert(kb_signal).values(
            id=1, key=published.key, generation=published.generation, at=time.time()
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={k: stmt.excluded[k] for k in ("key", "generation", "at")},
        )
        try:
            with self.db.connection() as conn:
                conn.execute(stmt)
                conn.commit()
            self._seen = published.generation
        except SQLAlchemyError as exc:
            self._failed("publish", exc)

    def _beat(self, conn: Connection, key: str) -> None:
        now = time.time()
        stmt = insert(kb_processes).values(process=self.process, key=key, at=now)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["process"], set_={"key": stmt.excluded.key, "at": now}
            )
        )
        conn.execute(delete(kb_processes).where(kb_processes.c.at < now - FORGET_AFTER))
        self._next_beat = time.monotonic() + HEARTBEAT_EVERY

    def _down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, what: str, exc: Exception) -> None:
        self._down_until = time.monotonic() + RETRY_AFTER
        if time.monotonic() - self._logged_at >= LOG_EVERY:
            self._logged_at = time.monotonic()
            detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:160]
            log.error(
                "reload signal: %s failed on %s (%s); following reloads on this host only",
                what,
                self.db.describe(),
                detail,
            )


def newest(a: Published | None, b: Published | None) -> Published | None:
    """The later of two records by their generation ("<time_ns>-<pid>"); `a` on a tie."""
    if a is None or b is None:
        return a or b
    return b if _stamp(b) > _stamp(a) else a


def _stamp(published: Published) -> int:
    head = published.generation.split("-", 1)[0]
    return int(head) if head.isdigit() else 0
