"""Answer each Slack message once, even when Slack retries it or two processes receive it.

Slack retries an event it thinks we missed (`X-Slack-Retry-Num`), and `app_mention` plus
`message` can deliver the same message twice. The key is the message itself (channel and
timestamp) or the `event_id`. Keys live in a small SQLite file in the state directory, shared
by every process of the bot; entries expire after `ttl` seconds and the table never holds more
than `max_entries` rows. If the file cannot be used, a bounded in-memory set takes over.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path

log = logging.getLogger(__name__)


class EventDedup:
    def __init__(self, path: Path | None, ttl: float = 3600.0, max_entries: int = 20_000) -> None:
        self.path = path
        self.ttl = ttl
        self.max_entries = max_entries
        self._local = threading.local()
        self._memory: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._inserts = 0
        self._last_error = ""
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._connect().execute(
                    "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL)"
                )
            except (OSError, sqlite3.Error) as exc:
                log.warning("dedup: %s unusable (%s); deduplicating in memory only", path, exc)
                self.path = None

    def first_time(self, key: str | None) -> bool:
        """True the first time `key` is seen (within `ttl`), False for every repeat."""
        if not key:
            return True
        now = time.time()
        if self.path is not None:
            try:
                return self._first_time_sqlite(key, now)
            except sqlite3.Error as exc:
                # once per cause, not once per message: a full disk would flood the log
                level = logging.DEBUG if str(exc) == self._last_error else logging.WARNING
                self._last_error = str(exc)
                log.log(level, "dedup: %s failed (%s); using memory meanwhile", self.path, exc)
        return self._first_time_memory(key, now)

    def __len__(self) -> int:
        if self.path is not None:
            try:
                return self._connect().execute("SELECT COUNT(*) FROM seen").fetchone()[0]
            except sqlite3.Error:
                pass
        return len(self._memory)

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # one connection per thread (up to 24 per worker): keep each page cache small, or
            # resident memory grows with the table until every thread has cached all of it
            conn.execute("PRAGMA cache_size=-256")
            self._local.conn = conn
        return conn

    def _first_time_sqlite(self, key: str, now: float) -> bool:
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT at FROM seen WHERE key = ?", (key,)).fetchone()
            if row is not None and now - row[0] < self.ttl:
                conn.execute("COMMIT")
                return False
            conn.execute("INSERT OR REPLACE INTO seen (key, at) VALUES (?, ?)", (key, now))
            with self._lock:
                self._inserts += 1
                prune = self._inserts % 256 == 0
            if prune:
                conn.execute("DELETE FROM seen WHERE at < ?", (now - self.ttl,))
                conn.execute(
                    "DELETE FROM seen WHERE key IN (SELECT key FROM seen ORDER BY at DESC "
                    "LIMIT -1 OFFSET ?)",
                    (self.max_entries,),
                )
            conn.execute("COMMIT")
            return True
        except BaseException:
            # the error that matters is the one raised above (a full disk, a read-only
            # file); a failed ROLLBACK ("no transaction is active") must not replace it
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _first_time_memory(self, key: str, now: float) -> bool:
        with self._lock:
            seen = self._memory.get(key)
            if seen is not None and now - seen < self.ttl:
                return False
            self._memory[key] = now
            self._memory.move_to_end(key)
            while len(self._memory) > self.max_entries:
                self._memory.popitem(last=False)
            # oldest first: drop what has expired, so memory is bounded by age as well as size
            while self._memory and now - next(iter(self._memory.values())) >= self.ttl:
                self._memory.popitem(last=False)
            return True
