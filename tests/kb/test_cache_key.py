"""The on-disk index cache is keyed on the code whose objects it pickles.

An index pickled by older code and unpickled by newer code loads without complaint and fails
later, at question time, when a renamed attribute is missing. So every module that defines an
object inside a pickled Index must be part of the cache key.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

from bot.kb import cache
from bot.matcher import Index


def _bot_modules(obj: Any, seen: set[int], found: set[str]) -> None:
    if id(obj) in seen:
        return
    seen.add(id(obj))
    module = type(obj).__module__
    if module.startswith("bot."):
        found.add(module)
    if isinstance(obj, dict):
        items: Any = list(obj.keys()) + list(obj.values())
    elif isinstance(obj, list | tuple | set | frozenset):
        items = list(obj)
    elif hasattr(obj, "__dict__"):
        items = list(vars(obj).values())
    elif hasattr(obj, "__slots__"):
        items = [getattr(obj, s) for s in obj.__slots__ if hasattr(obj, s)]
    else:
        return
    for item in items:
        _bot_modules(item, seen, found)


def test_every_module_in_a_pickled_index_is_in_the_cache_key(real_index: Index) -> None:
    restored = pickle.loads(pickle.dumps(real_index))
    found: set[str] = set()
    _bot_modules(restored, set(), found)
    bot_dir = Path(cache.__file__).resolve().parent.parent
    files = {str(Path(sys.modules[m].__file__ or "").resolve().relative_to(bot_dir)) for m in found}
    assert "wording.py" in files and "phrasings.py" in files  # the walk reaches them
    assert files <= set(cache._CODE), sorted(files - set(cache._CODE))


def test_code_the_loader_calls_is_in_the_cache_key() -> None:
    """What the loader computes is pickled as plain data (e.g. the situation cues' anchors), so
    the walk above can't see whose code made it: every bot function or class the loader uses
    must be in the key too, or a changed computation would keep serving stale results."""
    from bot.kb import loader

    bot_dir = Path(cache.__file__).resolve().parent.parent
    used = {
        getattr(value, "__module__", "")
        for value in vars(loader).values()
        if callable(value) and getattr(value, "__module__", "").startswith("bot.")
    }
    files = {str(Path(sys.modules[m].__file__ or "").resolve().relative_to(bot_dir)) for m in used}
    assert "regex_anchors.py" in files  # the check reaches what it is for
    assert files <= set(cache._CODE), sorted(files - set(cache._CODE))
