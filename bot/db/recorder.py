"""Writes that must never slow down or break an answer: queued in memory, written in batches
by one background thread.

When the database is away the writes wait (up to `max_pending`, oldest dropped beyond that,
and counted), the failure is logged at most once a minute, and everything waiting is written
when the database returns. A process that stops while the database is still away spools its
waiting writes to a file in the state directory; the next process to start picks them up.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger("pmpo.db")

Op = tuple[str, dict[str, Any]]
Writer = Callable[[Connection, list[Op]], None]
BATCH = 500
LOG_EVERY = 60.0  # seconds between two "database unavailable" log lines
SPOOL_GLOB = "pending-*.jsonl"
_UNREACHABLE = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout, OSError)


class Recorder:
    def __init__(
        self,
        connect: Callable[[], Connection],
        write: Writer,
        spool_dir: Path | None,
        *,
        max_pending: int = 100_000,
        retry_seconds: float = 1.0,
        housekeeping: Callable[[Connection], None] | None = None,
        housekeeping_every: float = 3600.0,
    ) -> None:
        self._connect = connect
        self._write = write
        self._spool_dir = spool_dir
        self._max_pending = max_pending
        self._retry = retry_seconds
        self._housekeeping = housekeeping
        self._housekeeping_every = housekeeping_every
        self._next_housekeeping = 0.0
        self._pending: deque[Op] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._down_since: float | None = None
        self._last_logged = 0.0
        self._dropped = 0
        self.written = 0

    # -- producer side (request threads) --------------------------------------------------
    def submit(self, op: str, payload: dict[str, Any]) -> None:
        """Queue one write; never blocks on the database and never raises."""
        with self._cond:
            self._pending.append((op, payload))
            while len(self._pending) > self._max_pending:
                self._pending.popleft()
                self._dropped += 1
            self._cond.notify()
        if self._thread is None:
            self.start()

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def healthy(self) -> bool:
        return self._down_since is None

    def start(self) -> None:
        with self._cond:
            if self._thread is not None:
                return
            self._claim_spools()
            self._thread = threading.Thread(target=self._run, name="pmpo-db-writer", daemon=True)
            self._thread.start()
        atexit.register(self.stop)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything queued so far is written (tests, shutdown). True if done."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._cond.notify_all()
            while self._pending and time.monotonic() < deadline:
                self._cond.wait(0.05)
            return not self._pending

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is None:
            return
        self.flush(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout=1.0)
        self._thread = None
        self._spool()

    # -- the writer thread ------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopping and not self._housekeeping_due():
                    self._cond.wait(1.0)
                if self._stopping:
                    return
                batch = [self._pending[i] for i in range(min(BATCH, len(self._pending)))]
            try:
                with self._connect() as conn:
                    if batch:
                        self._write(conn, batch)
                    if self._housekeeping_due() and self._housekeeping is not None:
                        self._housekeeping(conn)
                        self._next_housekeeping = time.monotonic() + self._housekeeping_every
                    conn.commit()
            except _UNREACHABLE as exc:  # the database is away: keep the batch, retry
                self._failed(exc)
                with self._cond:
                    self._cond.wait(self._retry)
                continue
            except Exception:  # noqa: BLE001 - a write the database refuses: isolate it
                batch = batch[: self._write_singly(batch)]
            with self._cond:
                for _ in batch:
                    self._pending.popleft()
                self.written += len(batch)
                self._cond.notify_all()
            self._recovered()

    def _write_singly(self, batch: list[Op]) -> int:
        """Write one by one, dropping (and logging) any the database refuses, so one bad row
        cannot hold up the queue. Returns how many of `batch` were dealt with."""
        for done, op in enumerate(batch):
            try:
                with self._connect() as conn:
                    self._write(conn, [op])
                    conn.commit()
            except _UNREACHABLE:
                return done
            except Exception as exc:  # noqa: BLE001
                log.error(
                    "dropped one %s write the database refused: %s", op[0], type(exc).__name__
                )
        return len(batch)

    def _housekeeping_due(self) -> bool:
        return self._housekeeping is not None and time.monotonic() >= self._next_housekeeping

    def _failed(self, exc: Exception) -> None:
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
        if now - self._last_logged >= LOG_EVERY:
            self._last_logged = now
            detail = " ".join(str(exc).split())[:200]
            log.error(
                "database unavailable (%s: %s); %d write(s) waiting, answers continue",
                type(exc).__name__,
                detail,
                len(self._pending),
            )

    def _recovered(self) -> None:
        if self._down_since is None:
            return
        log.warning(
            "database reachable again after %.0f s; waiting writes are written (%d dropped)",
            time.monotonic() - self._down_since,
            self._dropped,
        )
        self._down_since = None
        self._last_logged = 0.0

    # -- spooling across a restart ----------------------------------------------------------
    def _spool(self) -> None:
        with self._cond:
            items = list(self._pending)
            self._pending.clear()
        if not items or self._spool_dir is None:
            return
        path = self._spool_dir / f"pending-{os.getpid()}-{time.time_ns()}.jsonl"
        try:
            self._spool_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # questions inside
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                for op, payload in items:
                    out.write(json.dumps([op, payload]) + "\n")
            log.warning("database unavailable at stop: %d write(s) kept in %s", len(items), path)
        except OSError as exc:
            log.error("could not keep %d waiting write(s): %s", len(items), exc)

    def _claim_spools(self) -> None:
        if self._spool_dir is None or not self._spool_dir.is_dir():
            return
        for path in sorted(self._spool_dir.glob(SPOOL_GLOB)):
            claimed = path.with_suffix(f".claimed-{os.getpid()}")
            try:
                os.rename(path, claimed)  # atomic: exactly one process gets each file
            except OSError:
                continue
            try:
                lines = claimed.read_text(encoding="utf-8").splitlines()
                self._pending.extend((op, payload) for op, payload in map(json.loads, lines))
                claimed.unlink()
                log.info("picked up %d write(s) kept by a stopped process", len(lines))
            except (OSError, ValueError) as exc:
                log.error("could not read kept writes %s: %s", claimed, exc)
