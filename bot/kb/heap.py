"""Keeps the knowledge base out of the cyclic garbage collector's full passes.

An index lives until the next reload, and a full collection walks every object it tracks:
about twelve thousand containers at the real size, but most of a 2.8 GB heap at 100k entries,
where one such pass now and then landed inside a question and cost it 2-3 s (`make bench`,
match p99). Nothing in an index becomes garbage while it serves, so after each swap what is
alive moves to the collector's permanent generation, which it never walks. The swap first puts
the previous snapshot back in reach of the collector and collects once, so a reload frees the
old index, cycles and all, instead of keeping it frozen for the life of the process.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Call after the served index changes: one full collection, then freeze the rest."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
