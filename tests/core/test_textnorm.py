"""Scare quotes around a word or two are dropped before routing; apostrophes stay."""

from __future__ import annotations

import pytest

from bot.textnorm import without_scare_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the only 'product' person", "the only product person"),
        ('11 "product owners" for one product', "11 product owners for one product"),
        ("a 'proxy PO' from the business", "a proxy PO from the business"),
        # contractions and possessives are not quotes
        ("we don't have a PO", "we don't have a PO"),
        ("the PMs' roadmap and the POs' backlog", "the PMs' roadmap and the POs' backlog"),
        # a quoted phrase with an apostrophe inside is left as typed
        ("she 'doesn't lose control'", "she 'doesn't lose control'"),
    ],
)
def test_scare_quotes(text: str, expected: str) -> None:
    assert without_scare_quotes(text) == expected
