"""Wording around a question that names no topic: a quiz's frame, "in simple terms".

People paste certification practice and interview-quiz questions as they found them. The
frame's words ("true", "false", "following", "statements", "choose two") belong to no topic,
yet as terms they pulled in whichever entry's examples happened to use them: "which of the
following best describes a product manager?" was declined, and "which two statements are
true about the Product Owner role?" offered the career entry first. Read without its frame,
each asks what is left: "a product manager", "the Product Owner role". The same goes for
asking to have it put plainly ("in simple terms, what is a product owner?").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot import regex_store

_NUMBER = r"(?:one|two|three|four|five|all|[2-5])"
_QUIZ = "|".join(
    (
        r"^(?:true or false|true false|t or f)\b",
        rf"\b(?:which|what) (?:{_NUMBER} )?(?:of the following|of these)"
        r"(?: (?:statements?|options?|answers?|choices?|sentences?|phrases?))?",
        rf"\b(?:which|what) (?:{_NUMBER} )?(?:statements?|sentences?|phrases?|descriptions?)\b",
        r"\b(?:is|are) (?:true|correct|accurate|valid|false) (?=about|of|for|regarding)",
        r"\b(?:best|most accurately|correctly) (?:describes?|defines?|fits?)\b",
        rf"\b(?:choose|select|pick|mark|tick) (?:{_NUMBER}(?: answers?| options?)?|the "
        rf"(?:best|correct|right)(?: {_NUMBER})?(?: answers?| options?)?|all that apply|"
        r"the (?:answers?|options?)(?: (?:representing|that (?:describes?|represents?|"
        r"is|are)))?)\b",
        r"\b(?:the )?correct (?:answer|option)s?\b",
    )
)
_FRAME = _QUIZ + "|" + (
    r"\b(?:in (?:simple|plain|laymans|laymens|easy|a few|one) (?:terms|words|english|"
    r"sentence|line)|simply put|put simply)\b|"
    # an interview's "what is X, and why is it important?" asks what X is
    r"\b(?:and )?why (?:is|are) (?:it|they|this|that|these) (?:so )?important\b"
)
# A word each part of the frame needs: most questions have none, and skip the pattern.
_NEEDED = frozenset(
    "true false following these statement statements sentence sentences phrase phrases "
    "describes describe defines define fits fit description descriptions choose select pick "
    "mark tick correct terms words english line simply important".split()
)


@lru_cache(maxsize=1)
def _frame() -> re.Pattern[str]:
    return regex_store.compile(_FRAME)


@lru_cache(maxsize=1)
def _quiz() -> re.Pattern[str]:
    return regex_store.compile(_QUIZ)


def quiz_framed(raw: list[str]) -> bool:
    """Is this a quiz's item ("True or false: when several teams share a product, each needs
    its own PO")? A quiz states a rule for any team; it tells no team's own story, so the
    advisor never takes one (a practice-exam statement went to it and got a team verdict)."""
    return not _NEEDED.isdisjoint(raw) and _quiz().search(" ".join(raw)) is not None


def without_frame(raw: list[str]) -> list[str]:
    """The question's words without its frame; all of them if the frame is all there is."""
    if _NEEDED.isdisjoint(raw):
        return raw
    left, found = _frame().subn(" ", " ".join(raw))
    return (left.split() or raw) if found else raw
