"""Group logged questions by what they ask: questions whose content words mostly overlap
(Jaccard ≥ `SIMILAR`) are one gap, counted together and shown with a few phrasings.

Identical signatures collapse first (cheap, and most repeats are identical); then, most asked
first, each signature joins the group it overlaps most (found through an inverted index, see
`_best_group`) or starts its own. Only the `MAX_SEEDS` most-asked signatures can start a group
others join; rarer ones join one or stand alone. That bounds the work: 100k logged questions
from 20k distinct phrasings group in well under a second (bench/gaps.py).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.gaps.text import content_words
from bot.textnorm import stem

SIMILAR = 0.5
MAX_SAMPLES = 3
MAX_SEEDS = 1000  # signatures that other signatures may join
# A choice someone clicked after an ask-back or a decline: not a gap of its own (the question's
# own row counts it), but it says which entry the group's phrasings belong to (or, for
# NONE_FIT, that none of those offered does).
PICKED = "picked"
NONE_FIT = "nonefit"  # "None of these" under an ask-back: the entry it needs is missing


@dataclass(frozen=True)
class GapRow:
    """One distinct logged question (already aggregated by the store)."""

    question: str
    kind: str  # declined | clarify | unhelpful | picked | nonefit
    entry_id: str | None
    count: int = 1
    did: str = ""


@dataclass
class Group:
    id: str
    words: tuple[str, ...]  # content words as people typed them, most common first
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)
    phrasings: Counter[str] = field(default_factory=Counter)
    did: str = ""
    picked: Counter[str] = field(default_factory=Counter)  # entry -> clicks on it
    none_fit: int = 0  # clicks on "None of these"

    @property
    def samples(self) -> tuple[str, ...]:
        return tuple(q for q, _ in self.phrasings.most_common(MAX_SAMPLES))

    @property
    def entry_id(self) -> str | None:
        """The entry askers picked most often from the choices offered; without a pick, the
        one pmpo chose (or came closest to) most often for this group."""
        counts = self.picked or self.entries
        return counts.most_common(1)[0][0] if counts else None

    @property
    def kind(self) -> str:
        return self.kinds.most_common(1)[0][0] if self.kinds else "declined"


def group_id(sig: frozenset[str]) -> str:
    """Stable across calls and hosts, so a button or `pmpo gaps --yaml ID` finds it again."""
    return hashlib.sha1(" ".join(sorted(sig)).encode()).hexdigest()[:8]


def group(rows: Iterable[GapRow]) -> list[Group]:
    """Groups, biggest first (ties: by id, so the order is stable)."""
    by_sig: dict[frozenset[str], list[tuple[GapRow, list[str]]]] = defaultdict(list)
    for row in rows:
        typed = content_words(row.question)
        by_sig[frozenset(stem(w) for w in typed)].append((row, typed))
    sized = sorted(by_sig.items(), key=lambda kv: (-sum(r.count for r, _ in kv[1]), sorted(kv[0])))

    seeds: list[frozenset[str]] = []
    members: list[list[tuple[GapRow, list[str]]]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for sig, sig_rows in sized:
        target = _best_group(sig, seeds, postings) if sig else None
        if target is None:
            target = len(seeds)
            seeds.append(sig)
            members.append([])
            if target < MAX_SEEDS:
                for word in sig:
                    postings[word].append(target)
        members[target].extend(sig_rows)

    groups = [_build(seed, rows) for seed, rows in zip(seeds, members, strict=True)]
    groups = [g for g in groups if g.count]  # picks whose question expired tell nothing alone
    groups.sort(key=lambda g: (-g.count, g.id))
    return groups


def _best_group(
    sig: frozenset[str], seeds: list[frozenset[str]], postings: dict[str, list[int]]
) -> int | None:
    """The group whose seed overlaps `sig` most (Jaccard >= SIMILAR; ties: the bigger group).

    A seed with Jaccard >= 1/2 holds at least half of `sig`'s words, so it holds one of the
    len(sig)//2 + 1 words of `sig` that are in the fewest groups: only those postings are read.
    """
    rarest = sorted(sig, key=lambda w: len(postings.get(w, ())))[: len(sig) // 2 + 1]
    best, best_score = None, SIMILAR
    for gid in sorted({gid for word in rarest for gid in postings.get(word, ())}):
        seed = seeds[gid]
        score = len(sig & seed) / len(sig | seed)
        if score > best_score or (score == best_score and best is None):
            best, best_score = gid, score
    return best


def _build(seed: frozenset[str], rows: list[tuple[GapRow, list[str]]]) -> Group:
    typed: Counter[str] = Counter()
    g = Group(id=group_id(seed), words=())
    for row, words in rows:
        if row.kind == PICKED:
            if row.entry_id:
                g.picked[row.entry_id] += row.count
            continue
        if row.kind == NONE_FIT:
            g.none_fit += row.count
            continue
        g.count += row.count
        g.kinds[row.kind] += row.count
        if row.entry_id:
            g.entries[row.entry_id] += row.count
        if row.question:
            g.phrasings[row.question] += row.count
        if row.did and not g.did:
            g.did = row.did
        for word in words:
            typed[word] += row.count
    g.words = tuple(w for w, _ in typed.most_common(6))
    return g


def find(groups: list[Group], key: str) -> Group | None:
    """By id, or by rank as shown in the list (1 = biggest)."""
    if key.isdigit() and 0 < int(key) <= len(groups):
        return groups[int(key) - 1]
    return next((g for g in groups if g.id == key), None)
