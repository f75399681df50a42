"""Is a word real English? Tells a typo worth repairing ("rodmap") from a word that simply
is not about PM and PO ("lunch", which must not become "launch")."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _english() -> Any:
    """pyspellchecker's English word list, loaded on first use (~150 ms, once per process)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


def is_english_word(word: str) -> bool:
    return word in _english()
