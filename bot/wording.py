"""How each entry's askers word their questions: naive Bayes over the examples' terms.

The closest example (bot/phrasings.py) explains a question by one phrasing; a new asker rarely
repeats one phrasing, but does reuse its words. Pooling every example of an entry into one
word distribution asks "which entry's askers talk like this?", which generalises better to
questions nobody filed: with it in the ranking, the right entry comes first for 97 of 111 real
forum questions (each question's own example held out; bench/train_decide.py), against 88
without it.

Tried Nov 30 and not kept: multinomial logistic regression over the same terms, blended half
and half with this in the ranking (weights fitted with numpy at index build, ~1 s). It put the
right entry first more often held out (examples, five folds: 1,001 of 1,444 against 962) and,
with the decision trees refitted, five-fold CV gave +52 right and -5 wrong answers over 4,223
tuning questions. But on questions nobody tuned on it did not pay: 483 labelled development
questions +3 right, 0 wrong; the two frozen sets -4 right, +1 wrong.

An entry's keywords, aliases and title count as well (KEYWORD_COUNT times each), so an entry
with few examples still has a voice. Only the candidates the other indexes found are scored,
so a question costs the same with a hundred entries or a hundred thousand.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

SMOOTHING = 0.3  # added to every word count (Lidstone): an unseen word is unlikely, not impossible
KEYWORD_COUNT = 3.0  # an entry's own keyword weighs as much as three askers using the word


class Wording:
    """Built with the keyword index (same analysis), then read-only."""

    def __init__(
        self,
        entries: Iterable[tuple[Iterable[str], Iterable[str]]],
        analyze: Callable[[str], list[str]],
    ) -> None:
        """`entries`: per entry, in the keyword index's order, (examples, keyword texts)."""
        self._counts: list[dict[str, float]] = []
        totals: list[float] = []
        vocabulary: set[str] = set()
        for examples, keywords in entries:
            counts: Counter[str] = Counter()
            for text in examples:
                terms = set(analyze(text))
                counts.update(terms)
                vocabulary |= terms
            for t in analyze(" ".join(keywords)):
                counts[t] += KEYWORD_COUNT
            self._counts.append(dict(counts))
            totals.append(sum(counts.values()))
        size = max(len(vocabulary), 1)
        # per entry, the log of its smoothed total: every term's probability divides by it
        self._log_totals = [math.log(n + SMOOTHING * size) for n in totals]

    def log_likelihood(self, entry: int, terms: list[str]) -> float:
        counts = self._counts[entry]
        return (
            sum(math.log(counts.get(t, 0.0) + SMOOTHING) for t in terms)
            - len(terms) * self._log_totals[entry]
        )

    def posterior(self, terms: list[str], candidates: Iterable[int]) -> dict[int, float]:
        """Each candidate's share of belief (sums to 1 over the candidates; equal priors)."""
        scores = {i: self.log_likelihood(i, terms) for i in candidates}
        if not scores:
            return {}
        top = max(scores.values())
        weights = {i: math.exp(s - top) for i, s in scores.items()}
        total = sum(weights.values())
        return {i: w / total for i, w in weights.items()}
