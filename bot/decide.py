"""Answer, ask back, or decline: the one rule that turns scored entries into an outcome.

A wrong answer in a team channel costs more than ten "did you mean…?", so the rule has three
outcomes, as Rasa's two-stage fallback does: answer when the evidence is strong and the
runner-up would not say something else; ask back with the closest entries when there is
evidence but not enough; decline when nothing fits.

The evidence is a handful of numbers per candidate entry (how much of the question its
keywords explain, how close the question is to the ways people asked for it, the question's
shape, how far ahead of the others it is). A logistic model turns them into the probability
that the entry answers the question. Its weights are fitted by `bench/train_decide.py` on the
tuning questions (the real forum questions in bench/realq.yml, each with its own example
phrasing held out, plus the team's question sets), and checked on a frozen set of real
questions nobody tuned on (bench/realq_check.yml). Few features and a strong L2 penalty keep
it from learning wording: it learns how much each kind of evidence is worth.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.matcher import Hit

EXAMPLE_WEIGHT = 6.0  # ranking: one unit of example cosine is worth this much keyword score
CONSIDERED = 5  # candidates the model re-scores

FEATURES = (
    "bias",
    "example",
    "example_x_shape",
    "log_score",
    "coverage",
    "key",
    "shape",
    "share_of_best",
    "first",
    "kind_role",
    "kind_compare",
    "kind_faq",
    "log_terms",
    "names_roles",
    "asks_who",
    "asks_who_x_ownership",
    "known_share",
    "neither_roles_nor_who",
    "neither_x_long",
    "example_tail",
)
# Fitted by bench/train_decide.py (see its output for the data and the held-out figures).
WEIGHTS = (-6.0, 6.0) + (0.0,) * 18
ANSWER_AT = 0.6  # probability the best entry answers the question
CLARIFY_AT = 0.3  # below this nothing is worth offering: decline
DISAGREE_GAP = 0.2  # a runner-up that says something else must trail by this much


def rank(hit: Hit) -> float:
    return hit.score + EXAMPLE_WEIGHT * hit.example * hit.factor


def features(hit: Hit, best_rank: float, first: bool) -> tuple[float, ...]:
    kind = hit.entry.kind
    asked = hit.asked
    return (
        1.0,
        hit.example,
        hit.example * hit.factor,
        math.log1p(hit.score),
        hit.coverage,
        min(hit.key, 3.0) / 3.0,
        hit.factor,
        rank(hit) / best_rank if best_rank > 0 else 0.0,
        1.0 if first else 0.0,
        1.0 if kind == "role" else 0.0,
        1.0 if kind == "compare" else 0.0,
        1.0 if kind == "faq" else 0.0,
        math.log1p(asked.terms),
        1.0 if asked.roles else 0.0,
        1.0 if asked.owner else 0.0,
        1.0 if asked.owner and kind == "ownership" else 0.0,
        asked.known,
        0.0 if asked.roles or asked.owner else 1.0,
        0.0 if asked.roles or asked.owner else math.log1p(asked.terms),
        hit.example_tail,
    )


def probability(values: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    z = sum(w * x for w, x in zip(weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def scored(hits: list[Hit]) -> list[tuple[float, Hit]]:
    """The candidates with the model's probability, most likely first."""
    if not hits:
        return []
    ranked = sorted(hits, key=rank, reverse=True)[:CONSIDERED]
    best = rank(ranked[0])
    out = [(probability(features(h, best, i == 0)), h) for i, h in enumerate(ranked)]
    out.sort(key=lambda pair: pair[0], reverse=True)
    return out


def agree(a: Hit, b: Hit) -> bool:
    """Would answering with `b` instead of `a` tell the asker the same thing?"""
    ea, eb = a.entry, b.entry
    if ea.id == eb.id:
        return True
    if ea.owner and ea.owner == eb.owner:
        return True
    return eb.id in ea.related and ea.id in eb.related


def decide(hits: list[Hit]) -> tuple[str, str, list[tuple[float, Hit]]]:
    """("answer" | "clarify" | "decline", why, (probability, hit) most likely first)."""
    pairs = scored(hits)
    if not pairs:
        return "decline", "nothing matched", []
    ordered = pairs
    p, best = pairs[0]
    if best.entry.kind == "offtopic":
        return "decline", f"off-topic like {best.entry.id} (p={p:.2f})", ordered
    if p < CLARIFY_AT:
        return "decline", f"best {best.entry.id} at p={p:.2f}", ordered
    if p < ANSWER_AT:
        return "clarify", f"best {best.entry.id} at p={p:.2f}", ordered
    for q, other in pairs[1:]:
        if q > p - DISAGREE_GAP and not agree(best, other):
            return "clarify", f"{best.entry.id} p={p:.2f} vs {other.entry.id} p={q:.2f}", ordered
    return "answer", f"{best.entry.id} at p={p:.2f}", ordered


OFFER_AT = 0.15  # an ask-back offers candidates at least this likely


def worth_offering(p: float, outcome: str) -> bool:
    """An ask-back offers its likely candidates; a decline offers none (they were not close)."""
    return outcome == "clarify" and p >= OFFER_AT
