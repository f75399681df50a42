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

from bot.kb.loader import load_dir
from bot.kb.model import KnowledgeBase, Problem
from bot.matcher import Index

log = logging.getLogger(__name__)

EMPTY_KB = KnowledgeBase(entries={}, sources={}, synonyms={}, advice={})


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
        self.startup_errors: tuple[Problem, ...] = ()
        result = load_dir(self.directory)
        if result.kb is not None:
            self._snapshot = Snapshot(Index(result.kb), self._seen_stamp or "initial", True)
        else:
            self.startup_errors = tuple(result.errors)
            for problem in result.errors:
                log.error("knowledge: %s", problem)
            self._snapshot = Snapshot(Index(EMPTY_KB), "empty", False)

    def current(self) -> Snapshot:
        """The snapshot to answer from; picks up a reload made by another process."""
        stamp = self._read_stamp()
        if stamp != self._seen_stamp:
            with self._lock:
                if stamp != self._seen_stamp:
                    self._seen_stamp = stamp
                    result = load_dir(self.directory)
                    if result.kb is not None:
                        self._snapshot = Snapshot(Index(result.kb), stamp or "", True)
                        log.info("knowledge: followed a reload by another process")
                    else:
                        log.warning(
                            "knowledge: another process reloaded, but files do not "
                            "validate here; keeping the current knowledge base"
                        )
        return self._snapshot

    def reload(self) -> ReloadReport:
        started = time.perf_counter()
        with self._lock:
            result = load_dir(self.directory)
            if result.kb is None:
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
            self._snapshot = Snapshot(Index(result.kb), generation, True)
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
