"""A question that states its own answer and asks to have it confirmed: "the PO owns the
roadmap, right?".

The answer named the owner, but never said whether the asker had it right, so someone who
skims the first line could read "the Product Manager owns the roadmap" past their own wrong
belief. Such a question now gets "No:" or "Yes:" in front of the verdict. Only where the
entry names one owner and the question names one role, and never for a question with a
negation in its claim ("the PO doesn't own the roadmap, right?"), where yes and no swap.
"""

from __future__ import annotations

import re

from bot import regex_store

_TAG = regex_store.compile(
    r"(?:,?\s*\b(?:right|correct|true|yes|no|isn'?t\s+(?:it|that\s+right)|aren'?t\s+they|"
    r"doesn'?t\s+(?:she|he|it|they)|don'?t\s+they|am\s+i\s+right|is\s+that\s+(?:right|correct))"
    r"\s*\?+\s*$)",
    re.IGNORECASE,
)
_LEAD = regex_store.compile(
    r"^\s*(?:i\s+(?:assume|think|thought|believe|guess)(?:\s+that)?|is\s+it\s+true\s+that|"
    r"am\s+i\s+right\s+that|so)\s+",
    re.IGNORECASE,
)
_NEGATION = regex_store.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)


def stated_claim(question: str) -> str:
    """The claim a confirmation question states, or "" when it asks openly."""
    tagged = _TAG.search(question)
    led = _LEAD.match(question)
    if not tagged and not led:
        return ""
    claim = question[: tagged.start()] if tagged else question
    claim = claim[led.end() :] if led else claim
    if _NEGATION.search(claim) or "?" in claim.rstrip("?") or claim.lower().startswith("who"):
        return ""
    return claim.strip(" ?")


# first words of a verdict that go lower case after "Yes: " or "No: " (names keep capitals)
_PLAIN_LEADS = frozenset("The Only Both Neither Each Every Nobody Whoever Either It They".split())


def yes_or_no(question: str, named: frozenset[str], owner: str | None) -> str:
    """Yes, no or nothing to say, for an ownership answer whose owner is `owner` ("pm", "po")."""
    if owner not in ("pm", "po") or len(named) != 1 or not stated_claim(question):
        return ""
    return "Yes: " if owner in named else "No: "


def confirmed(verdict: str, question: str, named: frozenset[str], owner: str | None) -> str:
    """`verdict`, led by "Yes: " or "No: " when the question asked to confirm a claim."""
    said = yes_or_no(question, named, owner)
    if not said:
        return verdict
    if verdict.split(" ", 1)[0] in _PLAIN_LEADS:
        verdict = verdict[0].lower() + verdict[1:]
    return said + verdict
