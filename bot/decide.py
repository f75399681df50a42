"""Answer, ask back, or decline: the one rule that turns scored entries into an outcome.

A wrong answer in a team channel costs more than ten "did you mean…?", so the rule has three
outcomes, as Rasa's two-stage fallback does: answer when the evidence is strong and clearly
ahead of the runner-up; ask back with the closest entries when there is evidence but not
enough (or two entries tie); decline when nothing fits. Two kinds of evidence count: the
entry's keywords explaining the question (coverage, key words) and the question's closeness
to the ways people asked for the entry (its example phrasings). The bars were set on the
real-questions tuning set (bench/realq.yml) with each question's own example held out, and are
checked on a frozen set nobody tuned on (bench/realq_check.yml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.matcher import Hit

EXAMPLE_WEIGHT = 6.0  # one unit of example cosine is worth this much keyword score
# The keyword bar: share of the question explained, score, and keyword/title evidence.
MIN_COVERAGE = 0.2
MIN_SCORE = 0.57
MIN_KEY = 0.68
EXAMPLE_ANSWER = 0.55  # this close to a real phrasing answers on its own
EXAMPLE_SUPPORT = 0.25  # keyword evidence this close to a phrasing answers
EXAMPLE_CLARIFY = 0.3  # closer than this to some phrasing: worth asking back
MARGIN = 0.12  # the runner-up within this share of the best: ask which one
OFFER_SHARE = 0.6  # an ask-back offers entries within this share of the best


def rank(hit: Hit) -> float:
    return hit.score + EXAMPLE_WEIGHT * hit.example


def keyword_evidence(hit: Hit) -> bool:
    return hit.coverage >= MIN_COVERAGE and hit.score >= MIN_SCORE and hit.key >= MIN_KEY


def decide(hits: list[Hit]) -> tuple[str, str]:
    """("answer" | "clarify" | "decline", why) for hits sorted best first."""
    best = hits[0]
    strong = best.example >= EXAMPLE_ANSWER or (
        keyword_evidence(best) and best.example >= EXAMPLE_SUPPORT
    )
    some = keyword_evidence(best) or best.example >= EXAMPLE_CLARIFY
    if not some:
        return "decline", "weak"
    if not strong:
        return "clarify", "near"
    if len(hits) > 1 and rank(hits[1]) > rank(best) * (1 - MARGIN):
        return "clarify", "tie"
    return "answer", ""


def worth_offering(hit: Hit, best: Hit) -> bool:
    return rank(hit) >= rank(best) * OFFER_SHARE
