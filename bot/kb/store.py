"""Holds the knowledge base a process answers from, and swaps it whole on reload.

A reload validates every file before anything changes, so readers see either the old
snapshot or the new one, never a mix. Several processes (gunicorn workers, a Socket Mode
worker) share one state directory: the process that reloads saves what it validated under
its content hash (`snapshots`) and publishes that hash (`signal`); every other process
notices within a second or on its next request and loads exactly that snapshot, never the
files on disk, which may have changed again since. A process that starts serves the newest
validated knowledge base: the published one if it is told to follow (gunicorn workers: the
master validated and published the files at start), else the files on disk if they
validate, else the last published snapshot. `/healthz` is 200 whenever one of these serves.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import default_state_dir
from bot.kb import cache, heap
from bot.kb.loader import LoadResult
from bot.kb.loader import load_dir as _load_dir
from bot.kb.model import KnowledgeBase, Problem
from bot.kb.signal import Published, ReloadSignal
from bot.kb.snapshots import Snapshots
from bot.matcher import Index
from bot.statefiles import StateError

log = logging.getLogger(__name__)

EMPTY_KB = KnowledgeBase(entries={}, sources={}, synonyms={}, advice={})
FOLLOW_RETRY = 2.0  # seconds between attempts to follow a reload whose snapshot would not load
WATCH_EVERY = 1.0  # seconds between checks of the reload signal by the watcher thread
FOLLOW_WAIT = 3.0  # seconds a reload waits for the other processes to follow, for its reply


@dataclass(frozen=True)
class Snapshot:
    index: Index
    key: str  # the content hash of what was validated ("empty": nothing loaded)
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


class KnowledgeStore:
    def __init__(
        self,
        directory: str | os.PathLike[str],
        state_dir: str | os.PathLike[str] | None = None,
        *,
        follow: bool = False,
        signal: ReloadSignal | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.state_dir = Path(state_dir) if state_dir else default_state_dir(self.directory)
        self.snapshots = Snapshots(self.state_dir)
        # the state directory's signal, or one shared by every host (bot.db.signal)
        self.signal = signal or ReloadSignal(self.state_dir)
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._failed: str | None = None
        self.startup_errors: tuple[Problem, ...] = ()
        self._generation = ""  # of the published record this process serves, if any
        self.signal.changed()
        published = self.signal.read()
        snapshot = self._load_published(published) if follow and published else None
        if snapshot is None:
            snapshot = self._start_from_disk(published)
        self._serve(snapshot)
        if snapshot.loaded:
            self._say_serving(snapshot.key)

    # -- reading -----------------------------------------------------------------------------
    def current(self) -> Snapshot:
        """The snapshot to answer from; picks up a reload published by another process."""
        if self.signal.changed() or (self._failed and time.monotonic() >= self._retry_at):
            self._follow()
        return self._snapshot

    def watch(self, every: float = WATCH_EVERY) -> None:
        """Follow reloads within `every` seconds even when no request arrives (a daemon
        thread), so the reload reply can count this process among those that followed."""

        def loop() -> None:
            while True:
                time.sleep(every)
                try:
                    self.current()
                except Exception:  # noqa: BLE001 - never let the watcher die
                    log.exception("knowledge: watcher failed")

        threading.Thread(target=loop, name="pmpo-kb-watch", daemon=True).start()

    def followers(self, key: str, wait: float = FOLLOW_WAIT) -> tuple[int, int]:
        """(processes serving `key`, live processes), waiting up to `wait` s for all."""
        deadline = time.monotonic() + wait
        while True:
            serving, live = self.signal.followers(key)
            if serving >= live or time.monotonic() >= deadline:
                return serving, live
            time.sleep(0.1)

    # -- reloading ---------------------------------------------------------------------------
    def reload(self) -> ReloadReport:
        started = time.perf_counter()
        with self._lock:
            index, result, key = _validate(self.directory)
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
            extra = {"key": key}
            try:
                published = self._publish(key, index)
                self._generation = published.generation
            except StateError as exc:  # this process serves it; the others cannot follow
                log.error("knowledge: reload not published to other processes: %s", exc)
                extra["state_error"] = str(exc)
            self._failed = None
            self._serve(Snapshot(index, key, True))
            self._say_serving(key)
        return ReloadReport(
            ok=True,
            warnings=tuple(result.warnings),
            added=added,
            removed=removed,
            changed=changed,
            seconds=time.perf_counter() - started,
            entries=len(new),
            extra=extra,
        )

    # -- internals ---------------------------------------------------------------------------
    def _serve(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        heap.settle()

    def _start_from_disk(self, published: Published | None) -> Snapshot:
        index, result, key = _validate(self.directory)
        if index is not None:
            try:
                self._generation = self._publish(key, index).generation
            except StateError as exc:
                log.error("knowledge: could not save the validated knowledge base: %s", exc)
            return Snapshot(index, key, True)
        self.startup_errors = tuple(result.errors)
        for problem in result.errors:
            log.error("knowledge: %s", problem)
        for fallback in dict.fromkeys(
            k for k in (published and published.key, self.snapshots.newest()) if k
        ):
            try:
                index = self.snapshots.load(fallback)
            except StateError as exc:
                log.error("knowledge: last good knowledge base unusable: %s", exc)
                continue
            log.warning(
                "knowledge: files in %s do not validate; serving the last good knowledge base (%s)",
                self.directory,
                fallback[:12],
            )
            if published and fallback == published.key:
                self._generation = published.generation
            return Snapshot(index, fallback, True)
        log.error("knowledge: no knowledge base to serve: the files do not validate, none saved")
        return Snapshot(Index(EMPTY_KB), "empty", False)

    def _load_published(self, published: Published) -> Snapshot | None:
        try:
            index = self.snapshots.load(published.key)
        except StateError as exc:
            log.warning("knowledge: published knowledge base not loaded (%s); reading files", exc)
            return None
        self._generation = published.generation
        return Snapshot(index, published.key, True)

    def _publish(self, key: str, index: Index) -> Published:
        self.snapshots.save(key, index)
        return self.signal.publish(key)

    def _follow(self) -> None:
        with self._lock:
            published = self.signal.read()
            if published is None or published.generation == self._generation:
                self._failed = None
                return
            if published.key == self._snapshot.key and self._snapshot.loaded:
                self._generation = published.generation
                self._failed = None
                self._say_serving(published.key)
                return
            if self._failed == published.generation and time.monotonic() < self._retry_at:
                return
            problem = ""
            try:
                index: Index | None = self.snapshots.load(published.key)
            except StateError as exc:  # not saved here: another host's reload?
                problem = str(exc)
                index = self._own_files_as(published.key) if self.signal.spans_hosts else None
            if index is None:
                self._retry_at = time.monotonic() + FOLLOW_RETRY
                if self._failed != published.generation:
                    log.warning(
                        "knowledge: not following the reload to %s (%s); keeping %s, "
                        "retrying every %.0f s",
                        published.key[:12],
                        problem or "the files here differ",
                        self._snapshot.key[:12],
                        FOLLOW_RETRY,
                    )
                self._failed = published.generation
                return
            self._serve(Snapshot(index, published.key, True))
            self._generation = published.generation
            self._failed = None
            log.info("knowledge: followed a reload to %s", published.key[:12])
            self._say_serving(published.key)

    def _own_files_as(self, key: str) -> Index | None:
        """A reload published by another host: its snapshot is not in this state directory,
        but this host's files may be the same (one deploy). Compare their content hash first
        (cheap), validate only on a match, and keep the snapshot for the next process."""
        if cache.fingerprint(self.directory) != key:
            return None
        index, _, own = _validate(self.directory)
        if index is None or own != key:
            return None
        try:
            self.snapshots.save(key, index)
        except StateError as exc:
            log.warning("knowledge: could not keep the followed knowledge base: %s", exc)
        return index

    def _say_serving(self, key: str) -> None:
        try:
            self.signal.serving(key)
        except (StateError, OSError) as exc:
            log.warning(
                "knowledge: cannot record which knowledge base this process serves: %s", exc
            )


def publish_files(directory: Path, state_dir: Path | None) -> tuple[Problem, ...]:
    """Validate the files and publish them as the knowledge base to serve, without serving
    it here: gunicorn's master does this at start, and its workers follow. Returns the
    problems (the workers then serve the last good knowledge base)."""
    index, result, key = _validate(directory)
    if index is None:
        return tuple(result.errors)
    state_dir = state_dir or default_state_dir(directory)
    try:
        Snapshots(state_dir).save(key, index)
        ReloadSignal(state_dir).publish(key)
    except StateError as exc:
        log.error("knowledge: could not publish the validated knowledge base: %s", exc)
    return ()


def _validate(directory: Path) -> tuple[Index | None, LoadResult, str]:
    """Load, check and index the files; the key is their content hash, taken before and
    after so that files edited mid-load are never saved under the wrong key."""
    before = cache.fingerprint(directory)
    index, result = _index(load_dir(directory))
    after = cache.fingerprint(directory)
    if index is not None and (before is None or before != after):
        problem = Problem(str(directory), 1, "files changed while loading; try again")
        return None, LoadResult(None, [problem], result.warnings), ""
    return index, result, after or ""
