"""bot/wording.py: which entry's askers word a question like this one."""

from __future__ import annotations

import pytest

from bot.matcher import Index
from bot.wording import Wording


def _split(text: str) -> list[str]:
    return text.lower().replace("?", "").split()


def test_the_entry_whose_askers_use_the_words_wins_and_shares_sum_to_one() -> None:
    wording = Wording(
        [
            (["who grooms the backlog", "who refines backlog items"], ["backlog"]),
            (["who talks to customers", "who runs customer interviews"], ["discovery"]),
        ],
        _split,
    )
    shares = wording.posterior(_split("who refines the backlog?"), [0, 1])
    assert shares[0] > 0.9 > shares[1]
    assert sum(shares.values()) == pytest.approx(1.0)
    assert wording.posterior(_split("anything"), []) == {}


def test_an_entry_with_only_keywords_still_has_a_voice() -> None:
    wording = Wording(
        [(["who writes user stories", "who writes stories"], ["stories"]), ([], ["pricing"])],
        _split,
    )
    shares = wording.posterior(["pricing"], [0, 1])
    assert shares[1] > shares[0]


def test_wording_reaches_the_real_ranking(real_index: Index) -> None:
    """A phrasing no example holds word for word, close in its words to one entry's askers."""
    hits, _ = real_index.search("honestly who is meant to be grooming our backlog each sprint")
    best = max(hits, key=lambda h: h.likely)
    assert best.entry.id == "owns-backlog-refinement"
    assert 0.0 < best.likely <= 1.0
