"""Validated knowledge bases kept in the state directory, keyed by content hash.

Only a knowledge base that passed every check is ever saved, so a process that starts while
a file on disk is broken, or follows a reload after someone edited the files again, loads
exactly what was validated: `snapshots/<key>.pickle`, where the key hashes every knowledge
file's name and bytes and the code that reads them (`bot.kb.cache.fingerprint`). The
directory is the bot's own (bot.config.own_state_dir refuses one another user can write),
which is what makes unpickling its files safe.
"""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path

from bot.matcher import Index
from bot.statefiles import StateError, read_bytes, write_atomic

KEEP = 5  # snapshots kept: the current one and a few to fall back on


class Snapshots:
    def __init__(self, state_dir: Path) -> None:
        self.root = state_dir / "snapshots"

    def path(self, key: str) -> Path:
        return self.root / f"{key}.pickle"

    def save(self, key: str, index: Index) -> None:
        if self.path(key).is_file():
            return
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"cannot create {self.root}: {exc.strerror}") from exc
        data = pickle.dumps((key, index), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.path(key), data)
        self._prune(keep=key)

    def load(self, key: str) -> Index:
        data = read_bytes(self.path(key))
        try:
            saved_key, index = pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - truncated, or from other code: not ours
            raise StateError(f"{self.path(key)} is unreadable ({type(exc).__name__})") from exc
        if saved_key != key or not isinstance(index, Index):
            raise StateError(f"{self.path(key)} does not hold knowledge base {key[:12]}")
        return index

    def newest(self) -> str | None:
        """The key of the most recently saved snapshot, if any."""
        found = self._by_age()
        return found[-1].stem if found else None

    def _by_age(self) -> list[Path]:
        try:
            paths = [p for p in self.root.glob("*.pickle") if p.is_file()]
            return sorted(paths, key=lambda p: p.stat().st_mtime_ns)
        except OSError:
            return []

    def _prune(self, keep: str) -> None:
        old = [p for p in self._by_age() if p.stem != keep]
        for path in old[: max(0, len(old) - (KEEP - 1))]:
            with contextlib.suppress(OSError):
                path.unlink()
