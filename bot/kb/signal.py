"""The reload signal shared by every process of one bot: which knowledge base to serve.

A reload publishes the content hash it validated (`publish`); every process notices on its
next request or within a second (`changed`: one `stat`), loads exactly that snapshot, and
says so (`serving`), which lets the reloading process count who followed (`followers`).
Files in the state directory: `current` (JSON: key, generation) and `processes/<pid>`
(the key that process serves). This is the only module that knows where the signal lives,
so it can move to a database without touching the store.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from bot.statefiles import StateError, read_bytes, write_atomic


@dataclass(frozen=True)
class Published:
    key: str
    generation: str


class ReloadSignal:
    # True for a signal other hosts share (bot.db.signal): a reload published there may have
    # no snapshot in this state directory, and the store may then use its own files if they
    # hash the same
    spans_hosts = False

    def __init__(self, state_dir: Path) -> None:
        self.current = state_dir / "current"
        self.processes = state_dir / "processes"
        self._stat: tuple[int, int, int] | None = None

    def publish(self, key: str) -> Published:
        published = Published(key, f"{time.time_ns()}-{os.getpid()}")
        data = json.dumps({"key": key, "generation": published.generation}).encode()
        self.current.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(self.current, data)
        return published

    def read(self) -> Published | None:
        """What was last published; None if nothing was, or the file is not one of ours."""
        try:
            record = json.loads(read_bytes(self.current))
            return Published(str(record["key"]), str(record["generation"]))
        except (StateError, ValueError, KeyError, TypeError):
            return None

    def changed(self) -> bool:
        """True when `current` changed since the last call (first call: True)."""
        try:
            info = os.stat(self.current)
            now = (info.st_mtime_ns, info.st_ino, info.st_size)
        except OSError:
            now = None
        if now == self._stat:
            return False
        self._stat = now
        return True

    def serving(self, key: str) -> None:
        """Record that this process now answers from `key`."""
        self.processes.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(self.processes / str(os.getpid()), key.encode())

    def followers(self, key: str) -> tuple[int, int]:
        """(processes serving `key`, live processes), forgetting processes that are gone."""
        serving = live = 0
        try:
            entries = list(self.processes.iterdir())
        except OSError:
            return 0, 0
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.isdigit():
                continue
            if not _alive(int(entry.name)):
                with contextlib.suppress(OSError):
                    entry.unlink()
                continue
            live += 1
            with contextlib.suppress(StateError):
                serving += read_bytes(entry).decode(errors="replace") == key
        return serving, live


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
