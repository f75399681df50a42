"""'make' asked of a person reads as pay; 'make' of anything else stays."""

from __future__ import annotations

import pytest

from bot.pay_words import pay_words


@pytest.mark.parametrize(
    "question",
    [
        "how much does a product owner make",
        "what do pos typically make per year",
        "what does a senior pm in berlin make",
        "how much money does a po make compared to a pm",
        "wat do pos make in the us these days",
        "what does a senior product owner make a year",
    ],
)
def test_make_asked_of_a_person_is_pay(question: str) -> None:
    read = pay_words(question.split())
    assert "earn" in read and "make" not in read, read


@pytest.mark.parametrize(
    "question",
    [
        "what does a po make decisions about",
        "what does a pm make a decision on",
        "how much difference does a pm make",
        "does having a po even make sense",
        "what does the pm make of the new roadmap",
        "who should make the call the pm or the po",
        "so much does it make sense to hire a po",
    ],
)
def test_make_of_anything_else_stays(question: str) -> None:
    assert pay_words(question.split()) == question.split()


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        ("do pos earn more than developers", True),
        ("is a pm paid better than the engineers", True),
        # "than" after "different", "other" or "rather", up to three words on, compares no pay
        ("can the po sit in a different team than the developers", False),
        ("other than developers who estimates", False),
        ("should the po rather than the engineers decide", False),
    ],
)
def test_than_stays_only_where_it_compares(question: str, compares: bool) -> None:
    assert ("than" in pay_words(question.split())) is compares
