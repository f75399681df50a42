"""The split/merge advisor (placeholder until the advisor issue lands)."""

from __future__ import annotations

from bot.answer import Answer
from bot.kb.model import KnowledgeBase


def looks_like_advice(text: str) -> bool:
    return False


def advise(kb: KnowledgeBase, text: str) -> Answer:
    return Answer(
        kind="advice", answered=False, title="Split or combine PM and PO?",
        verdict="need more facts",
    )
