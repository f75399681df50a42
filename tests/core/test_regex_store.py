"""The compiled-pattern store hands back exactly what `re.compile` would, across processes.

Each check runs `pmpo`'s code in fresh interpreters (one stores, the next reads), the way one
`pmpo ask` leaves the store for the next.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# Every pattern the store may hold: the advisor's intent patterns, the fact parser's counting
# patterns (their stored, all-number-word form), and one with named groups and inline flags.
_PATTERNS = """
import re
from bot import advisor_intent
from bot.team_facts import counts
PATTERNS = [
    (p.pattern, p.flags & ~re.U) for p in vars(advisor_intent).values() if isinstance(p, re.Pattern)
] + list(counts.stored_sources().values()) + [(r"(?x) (?P<a>\\d+) \\s* (?P<b>[a-z]+)?", 0)]
"""


def _run(code: str, cache: Path, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _PATTERNS + code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PMPO_CACHE": "1", "PMPO_CACHE_DIR": str(cache), **env},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


_COMPILE_ALL = """
from bot import regex_store
regex_store.keep_compiled()  # as the CLI does
for p, f in PATTERNS:
    regex_store.compile(p, f)
"""
_CHECK_ALL = """
from bot import regex_store
for p, f in PATTERNS:
    got, want = regex_store.stored(p, f), re.compile(p, f)
    assert got is not None, p
    # Pattern equality compares flags and the compiled code itself
    assert got == want and got.groupindex == want.groupindex and got.groups == want.groups, p
print(len(PATTERNS))
"""


def test_a_later_process_gets_the_same_compiled_patterns(tmp_path: Path) -> None:
    _run(_COMPILE_ALL, tmp_path)
    assert [f.name for f in tmp_path.iterdir()] == [
        f"regex-{sys.implementation.cache_tag}-{__import__('_sre').MAGIC}.marshal"
    ]
    assert int(_run(_CHECK_ALL, tmp_path)) > 10


def test_stored_patterns_find_what_compiled_ones_find(tmp_path: Path) -> None:
    _run(_COMPILE_ALL, tmp_path)
    story = (
        "We are 2 squads of 6 devs each, about twenty-five people, one product in three "
        "markets; our PO is spread across both teams and the roadmap is untouched. Should we "
        "hire another PO?"
    )
    find_all = f"""
from bot import regex_store
story = {story!r}
for p, f in PATTERNS:
    pattern = regex_store.stored(p, f) or regex_store.compile(p, f)
    print([m.groupdict() or m.group() for m in pattern.finditer(story)])
"""
    stored = _run(find_all, tmp_path)
    compiled = _run(find_all, tmp_path, PMPO_CACHE="0")
    assert stored == compiled and "'teams': '2'" in stored


def test_cache_off_writes_nothing(tmp_path: Path) -> None:
    _run(_COMPILE_ALL, tmp_path, PMPO_CACHE="0")
    assert list(tmp_path.iterdir()) == []


def test_only_a_process_that_keeps_compiled_patterns_writes_them(tmp_path: Path) -> None:
    """A server (no `keep_compiled`) reads the store but never writes into the home."""
    _run(_COMPILE_ALL.replace("regex_store.keep_compiled()", ""), tmp_path)
    assert list(tmp_path.iterdir()) == []
    _run(_COMPILE_ALL, tmp_path)
    assert int(_run(_CHECK_ALL.replace("regex_store.keep_compiled()", ""), tmp_path)) > 10


def test_a_damaged_store_is_only_a_miss(tmp_path: Path) -> None:
    _run(_COMPILE_ALL, tmp_path)
    (store,) = tmp_path.iterdir()
    store.write_bytes(store.read_bytes()[:1000])  # cut short, as by a full disk
    out = _run(
        _COMPILE_ALL + "print(sum(regex_store.stored(p, f) is None for p, f in PATTERNS))", tmp_path
    )
    assert int(out) == 0  # recompiled, so found again in the process
    assert int(_run(_CHECK_ALL, tmp_path)) > 10  # and written back whole
