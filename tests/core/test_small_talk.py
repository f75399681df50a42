"""Which whole messages are small talk, and that questions never are."""

from __future__ import annotations

import pytest

from bot.small_talk import small_talk


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("thanks!", "thanks"),
        ("Thank you so much :pray:", "thanks"),
        ("cool, thanks pmpo", "thanks"),
        ("hi", "greeting"),
        ("Good morning team!", "greeting"),
        ("hey there, what can you do?", "greeting"),
        ("who are you?", "about"),
        ("How does this work?", "about"),
        ("that answer was wrong", "feedback"),
        ("not helpful", "feedback"),
    ],
)
def test_small_talk_is_recognised(message: str, kind: str) -> None:
    assert small_talk(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "thanks! and who owns pricing?",
        "hi, who writes user stories?",
        "is the PO role useless?",
        "what is a PO?",
        "what can you do as a PO to get promoted?",
        "is it wrong for the PM to write stories?",
        "?",
        "",
    ],
)
def test_a_question_is_never_small_talk(message: str) -> None:
    assert small_talk(message) is None
