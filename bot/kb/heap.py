"""Keeps the knowledge base out of the cyclic garbage collector's full passes.

An index is hundreds of thousands of long-lived objects (tens of millions at 100k entries),
and a full collection walks every tracked object: at 100k entries one such pass now and then
landed inside a question and cost it 2-3 s (`make bench`, match p99). Nothing in an index
becomes garbage while it serves, so after each swap what is alive moves to the collector's
permanent generation, which it never walks. The swap first puts the previous snapshot back
in reach of the collector and collects once, so a reload frees the old index, cycles and all,
instead of keeping it frozen for the life of the process.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Call after the served index changes: one full collection, then freeze the rest."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
