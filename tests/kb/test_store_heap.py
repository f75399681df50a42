"""The index a process serves lives until the next reload, so the cyclic collector's full
passes must not walk it (at 100k entries one pass cost a question 2-3 s), and a reload must
still free the index it replaces."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

from bot.kb.store import KnowledgeStore

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def _walked_by_full_collections(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects(generation=2))


def test_the_served_index_skips_full_collections_and_a_reload_frees_the_old_one(
    tmp_path: Path,
) -> None:
    kb = shutil.copytree(KNOWLEDGE, tmp_path / "kb")
    store = KnowledgeStore(kb, tmp_path / "state")
    first = store.current().index
    assert not _walked_by_full_collections(first)
    old = weakref.ref(first)
    del first

    assert store.reload().ok
    served = store.current().index
    assert old() is None
    assert not _walked_by_full_collections(served)
    hit = served.match("who writes the user stories?").entry
    assert hit is not None and hit.id == "owns-user-stories"
