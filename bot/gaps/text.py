"""What of a question is kept: folded words, nothing that identifies a person or a channel."""

from __future__ import annotations

import re

from bot.textnorm import STOPWORDS, stem, words

MAX_KEPT = 300  # characters of normalised text kept per question
_SLACK_ENTITY = re.compile(r"<[^>\s]*>")  # <@U123>, <#C123|name>, <https://…|text>, <!here>
_EMAIL = re.compile(r"\S+@\S+")
# Words that appear in nearly every question to pmpo: they tell nothing about *what* was asked,
# so two questions sharing only these are not the same gap.
GENERIC = frozenset(
    """
    pm po pms pos product products manager managers owner owners role roles job jobs person
    people team teams our team's who whose whom own owns owning ownership responsible
    responsibility write writes writing handle handles decide decides does do doing should
    would make makes need needs between difference vs versus usually typically normally
    """.split()
)


def normalise(text: str) -> str:
    """Lower-case words only: Slack mentions, links and e-mail addresses removed."""
    kept = " ".join(words(_EMAIL.sub(" ", _SLACK_ENTITY.sub(" ", text or ""))))
    if len(kept) > MAX_KEPT:
        kept = kept[: MAX_KEPT + 1].rsplit(" ", 1)[0]
    return kept


def content_words(question: str) -> list[str]:
    """The words that say what a question is about, as typed (no stop or generic words)."""
    return [w for w in words(question) if w not in STOPWORDS and w not in GENERIC and len(w) > 1]


def signature(question: str) -> frozenset[str]:
    """Content words, stemmed: questions with the same signature ask the same thing."""
    return frozenset(stem(w) for w in content_words(question))
