"""A quiz's frame is read past however the exam words it; the question's own words stay."""

from __future__ import annotations

import pytest

from bot.question_frame import without_frame


@pytest.mark.parametrize(
    ("question", "left"),
    [
        # a number of answers after "the best": "two" and "answers" had stayed as terms
        (
            "what is typical work for a product owner in a sprint choose the best two answers",
            "what is typical work for a product owner in a sprint",
        ),
        ("who creates the sprint backlog select 2 answers", "who creates the sprint backlog"),
        ("who orders the backlog choose two", "who orders the backlog"),
        ("who orders the backlog choose the correct answer", "who orders the backlog"),
        ("which of the following best describes a product owner", "a product owner"),
    ],
)
def test_the_frame_is_read_past(question: str, left: str) -> None:
    assert " ".join(without_frame(question.split())) == left


def test_choosing_a_role_is_no_frame() -> None:
    """'choose' asked of the asker's own career is the question, not an exam's instruction."""
    words = "should i choose product owner or product manager".split()
    assert without_frame(words) == words
