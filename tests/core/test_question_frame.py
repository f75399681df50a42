"""A quiz's frame is read past however the exam words it; the question's own words stay."""

from __future__ import annotations

import pytest

from bot.question_frame import quiz_framed, without_frame
from bot.question_shape import question_shape


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
        (
            "please select the answer representing a responsibility of a product owner",
            "please a responsibility of a product owner",
        ),
        # an interview's "and why is it important?": "important" had kept the role card out
        # of the candidates
        (
            "what is product management and why is it important",
            "what is product management",
        ),
    ],
)
def test_the_frame_is_read_past(question: str, left: str) -> None:
    assert " ".join(without_frame(question.split())) == left


def test_choosing_a_role_is_no_frame() -> None:
    """'choose' asked of the asker's own career is the question, not an exam's instruction."""
    words = "should i choose product owner or product manager".split()
    assert without_frame(words) == words


@pytest.mark.parametrize(
    ("question", "quiz"),
    [
        ("true or false a product owner can serve several teams", True),
        ("which statement is true about the product owner", True),
        ("what is product management and why is it important", False),
        ("should i choose product owner or product manager", False),
    ],
)
def test_a_quiz_is_told_apart_from_plain_wording(question: str, quiz: bool) -> None:
    assert quiz_framed(question.split()) is quiz


@pytest.mark.parametrize(
    ("question", "shape"),
    [
        ("what does the definition of done mean", "method"),
        ("what does mvp stand for", "method"),
        ("whats meant by grooming", "method"),
        # who owns it, or what it means for the asker, is no definition
        ("who owns the definition of done", None),
        ("what does it mean for our po if the sprint is cancelled", None),
    ],
)
def test_asking_what_a_term_means_is_a_method_question(question: str, shape: str | None) -> None:
    assert question_shape(question.split()) == shape
