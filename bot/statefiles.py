"""Writing files in the state directory without trusting what is already there.

A temp file is created with `O_CREAT|O_EXCL|O_NOFOLLOW` under a random name, so a planted
file or symlink of that name is an error, never a write through it to somewhere else; it is
then renamed over the target, which replaces a planted symlink rather than following it.
Errors are `StateError`s whose text names the file and the real cause ("No space left on
device"), for the log and the admin's reload reply.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class StateError(Exception):
    """A state file could not be written or read; `str()` is one line with the cause."""


def cause(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data`, whole or not at all."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(tmp, FLAGS, 0o600)
    except OSError as exc:
        raise StateError(f"cannot create a file in {target.parent}: {cause(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StateError(f"cannot write {target}: {cause(exc)}") from exc


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a symlink is refused (the bot only ever writes regular files)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        raise StateError(f"cannot read {path}: {cause(exc)}") from exc
    with os.fdopen(fd, "rb") as handle:
        return handle.read()
