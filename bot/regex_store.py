"""Compiled regular expressions kept on disk, so that a one-shot `pmpo ask` need not recompile.

CPython compiles a pattern in pure Python (parse, then code generation). The question
parsers' patterns are long alternations: compiling the ones a question needs cost ~8 ms of a
median cold ask and 20-30 ms of a team story (`bench/realq.py` `cold_asks`), every process.
The compiled program is plain data (a list of ints and the group names), so it is kept in
one small file beside the index cache and handed back to `_sre.compile`, which rebuilds the
same pattern (`==` to what `re.compile` returns) in microseconds.

The program format is private to the interpreter, hence the guards: the file is named after
the interpreter's cache tag and `_sre.MAGIC`, every program is stored under its pattern text
and flags, and any failure falls back to `re.compile`. Only patterns written in pmpo's code
or its knowledge files come through here, never text a user typed, so the file stays small
(a few hundred kB); past `_MAX` programs it starts over.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import re
import sys
from array import array
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_MAX = 1000  # programs kept; more means the patterns changed often: start over
_Key = tuple[str, int]
# flags, code (`array("I")` bytes: read as one string, made a list only when used), groups,
# group index, index group: the arguments of `_sre.compile` after the pattern
_Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_loaded: dict[_Key, _Program] | None = None  # the file, read on first use
_added: dict[_Key, _Program] = {}  # compiled by this process, written at exit
_writes = False  # set by `keep_compiled`


def keep_compiled() -> None:
    """Let this process add what it compiles to the store. The CLI's commands do, beside
    their index cache; a server reads the store but never writes into the user's home."""
    global _writes
    _writes = True


@lru_cache(maxsize=1024)  # like `re`'s own cache: a pattern used per call is built once
def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (as `re.compile`)
    """`re.compile(pattern, flags)`, from the stored program when there is one."""
    return stored(pattern, flags) or _compile_and_keep(pattern, int(flags))


def stored(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """The pattern if its program is stored, else None (nothing is compiled)."""
    key = (pattern, int(flags))
    program = _programs().get(key) or _added.get(key)
    if program is None:
        return None
    try:
        return _rebuild(pattern, program)
    except Exception:  # a program this interpreter can't take back: compile afresh
        _programs().pop(key, None)
        return None


def warm(patterns: Iterable[tuple[str, int]]) -> None:
    """Compile and store now (when the index is built) what questions will need later."""
    if not _writes:
        return
    for pattern, flags in patterns:
        if stored(pattern, flags) is None:
            _compile_and_keep(pattern, int(flags))
    save()


def _compile_and_keep(pattern: str, flags: int) -> re.Pattern[str]:
    try:
        program = _program(pattern, flags)
        compiled = _rebuild(pattern, program)
    except Exception:  # the private compiler changed shape: the public one still works
        return re.compile(pattern, flags)
    if not _added and _path() is not None:
        atexit.register(save)
    _added[(pattern, flags)] = program
    return compiled


def _rebuild(pattern: str, program: _Program) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, groupindex, indexgroup)


def _program(pattern: str, flags: int) -> _Program:
    """What `re._compiler.compile` hands `_sre.compile` for a string pattern."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if not isinstance(pattern, str) or flags & re.DEBUG or array("I").itemsize != _sre.CODESIZE:
        raise TypeError("only plain string patterns, in 32-bit code units, are stored")
    parsed = _parser.parse(pattern, flags)
    code = array("I", _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    flags = int(flags | parsed.state.flags)
    return flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _path() -> str | None:
    from bot.cachedir import cache_dir, enabled

    if not enabled():
        return None
    return os.path.join(cache_dir(), f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal")


def _read(path: str | None) -> dict[_Key, _Program]:
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            data: Any = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _programs() -> dict[_Key, _Program]:
    global _loaded
    if _loaded is None:
        _loaded = _read(_path())
    return _loaded


def save() -> None:
    """Merge this process's programs into the file (best effort: a read-only home only costs
    the next process the compiling)."""
    path = _path()
    if not _writes or not _added or path is None:
        return
    merged = _read(path)  # another process may have added some meanwhile
    merged = {**merged, **_added} if len(merged) + len(_added) <= _MAX else dict(_added)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as handle:
            marshal.dump(merged, handle)
        os.replace(tmp, path)
    except (OSError, ValueError):  # ValueError: marshal met a type it can't write
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    _programs().update(_added)
    _added.clear()
