"""Holds the knowledge base a process answers from, and swaps it whole on reload.

A reload validates every file before anything changes, so readers see either the old
snapshot or the new one, never a mix. Several processes (gunicorn workers, a Socket Mode
worker) share one knowledge directory: the process that reloads writes a generation stamp
file, and every other process notices the stamp on its next request (one `stat`) and loads
the same files itself.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.kb.loader import LoadResult
from bot.kb.loader import load_dir as _load_dir
from bot.kb.model import KnowledgeBase, Problem
from bot.matcher import Index

log = logging.getLogger(__name__)

EMPTY_KB = KnowledgeBase(entries={}, sources={}, synonyms={}, advice={})
FOLLOW_RETRY = 2.0  # seconds between attempts to follow a reload the files no longer match


@dataclass(frozen=True)
class Snapshot:
    index: Index
    generation: str
    loaded: bool

    @property
    def kb(self) -> KnowledgeBase:
        return self.index.kb


@dataclass(frozen=True)
class ReloadReport:
    ok: bool
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    seconds: float = 0.0
    entries: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def load_dir(directory: Path) -> LoadResult:
    """`loader.load_dir`, except that no file, however strange, can raise out of a reload:
    an unexpected exception becomes one refusal, and the old knowledge base keeps serving."""
    try:
        return _load_dir(directory)
    except Exception as exc:  # noqa: BLE001
        log.exception("knowledge: the loader failed on %s", directory)
        problem = Problem(str(directory), 1, f"could not load ({type(exc).__name__}); see the log")
        return LoadResult(None, [problem], [])


def _index(result: LoadResult) -> tuple[Index | None, LoadResult]:
    if result.kb is None:
        return None, result
    try:
        return Index(result.kb), result
    except Exception as exc:  # noqa: BLE001
        log.exception("knowledge: indexing failed")
        problem = Problem("knowledge", 1, f"could not index ({type(exc).__name__}); see the log")
        return None, LoadResult(None, [problem], result.warnings)


def default_state_dir(directory: Path) -> Path:
    digest = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"pmpo-{digest}"


class KnowledgeStore:
    def __init__(self, directory: str | os.PathLike[str], state_dir: str | None = None) -> None:
        self.directory = Path(directory)
        self.state_dir = Path(state_dir) if state_dir else default_state_dir(self.directory)
        self._stamp = self.state_dir / "generation"
        self._lock = threading.Lock()
        self._seen_stamp = self._read_stamp()
        self._retry_at = 0.0
        self._failed_stamp: str | None = None
        self.startup_errors: tuple[Problem, ...] = ()
        index, result = _index(load_dir(self.directory))
        if index is not None:
            self._snapshot = Snapshot(index, self._seen_stamp or "initial", True)
        else:
            self.startup_errors = tuple(result.errors)
            for problem in result.errors:
                log.error("knowledge: %s", problem)
            self._snapshot = Snapshot(Index(EMPTY_KB), "empty", False)

    def current(self) -> Snapshot:
        """The snapshot to answer from; picks up a reload made by another process.

        If the files do not validate when this process looks (an admin is mid-edit), it keeps
        its snapshot and looks again after `FOLLOW_RETRY` seconds rather than never."""
        stamp = self._read_stamp()
        if stamp != self._seen_stamp and time.monotonic() >= self._retry_at:
            with self._lock:
                if stamp != self._seen_stamp and time.monotonic() >= self._retry_at:
                    index, _ = _index(load_dir(self.directory))
                    if index is not None:
                        self._seen_stamp = stamp
                        self._retry_at = 0.0
                        self._snapshot = Snapshot(index, stamp or "", True)
                        log.info("knowledge: followed a reload by another process")
                    else:
                        self._retry_at = time.monotonic() + FOLLOW_RETRY
                        if self._failed_stamp != stamp:
                            self._failed_stamp = stamp
                            log.warning(
                                "knowledge: another process reloaded, but files do not "
                                "validate here; keeping the current knowledge base and "
                                "retrying every %.0f s",
                                FOLLOW_RETRY,
                            )
        return self._snapshot

    def reload(self) -> ReloadReport:
        started = time.perf_counter()
        with self._lock:
            index, result = _index(load_dir(self.directory))
            if index is None or result.kb is None:
                return ReloadReport(
                    ok=False,
                    errors=tuple(result.errors),
                    warnings=tuple(result.warnings),
                    seconds=time.perf_counter() - started,
                )
            old = self._snapshot.kb.entries
            new = result.kb.entries
            added = tuple(sorted(new.keys() - old.keys()))
            removed = tuple(sorted(old.keys() - new.keys()))
            changed = tuple(
                sorted(
                    k
                    for k in new.keys() & old.keys()
                    if new[k].fingerprint() != old[k].fingerprint()
                )
            )
            generation = self._write_stamp()
            self._seen_stamp = generation
            self._retry_at = 0.0
            self._snapshot = Snapshot(index, generation, True)
        return ReloadReport(
            ok=True,
            warnings=tuple(result.warnings),
            added=added,
            removed=removed,
            changed=changed,
            seconds=time.perf_counter() - started,
            entries=len(new),
        )

    def _read_stamp(self) -> str | None:
        try:
            return self._stamp.read_text(encoding="utf-8")
        except OSError:
            return None

    def _write_stamp(self) -> str:
        generation = f"{time.time_ns()}-{os.getpid()}"
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            tmp = self._stamp.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(generation, encoding="utf-8")
            os.replace(tmp, self._stamp)
        except OSError as exc:  # other processes will not follow, but this one still serves
            log.warning("knowledge: could not write reload stamp %s: %s", self._stamp, exc)
        return generation
