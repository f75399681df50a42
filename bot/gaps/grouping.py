"""Group logged questions by what they ask: questions whose content words mostly overlap
(Jaccard ≥ `SIMILAR`) are one gap, counted together and shown with a few phrasings.

Identical signatures collapse first (cheap, and most repeats are identical); then distinct
signatures join the biggest group they overlap enough with, looked up through an inverted
index, so 100k logged questions group in well under a second.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.gaps.text import content_words, signature

SIMILAR = 0.5
MAX_SAMPLES = 3
CANDIDATES_PER_WORD = 64  # groups checked per shared word: bounded work for common words


@dataclass(frozen=True)
class GapRow:
    """One distinct logged question (already aggregated by the store)."""

    question: str
    kind: str  # declined | clarify | unhelpful
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

    @property
    def samples(self) -> tuple[str, ...]:
        return tuple(q for q, _ in self.phrasings.most_common(MAX_SAMPLES))

    @property
    def entry_id(self) -> str | None:
        """The entry pmpo chose (or came closest to) most often for this group."""
        return self.entries.most_common(1)[0][0] if self.entries else None

    @property
    def kind(self) -> str:
        return self.kinds.most_common(1)[0][0] if self.kinds else "declined"


def group_id(sig: frozenset[str]) -> str:
    """Stable across calls and hosts, so a button or `pmpo gaps --yaml ID` finds it again."""
    return hashlib.sha1(" ".join(sorted(sig)).encode()).hexdigest()[:8]


def group(rows: Iterable[GapRow]) -> list[Group]:
    """Groups, biggest first (ties: by id, so the order is stable)."""
    by_sig: dict[frozenset[str], list[GapRow]] = defaultdict(list)
    for row in rows:
        by_sig[signature(row.question)].append(row)
    sized = sorted(by_sig.items(), key=lambda kv: (-sum(r.count for r in kv[1]), sorted(kv[0])))

    seeds: list[frozenset[str]] = []
    members: list[list[GapRow]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for sig, sig_rows in sized:
        target = _best_group(sig, seeds, postings) if sig else None
        if target is None:
            target = len(seeds)
            seeds.append(sig)
            members.append([])
            for word in sig:
                postings[word].append(target)
        members[target].extend(sig_rows)

    groups = [_build(seed, rows) for seed, rows in zip(seeds, members, strict=True)]
    groups.sort(key=lambda g: (-g.count, g.id))
    return groups


def _best_group(
    sig: frozenset[str], seeds: list[frozenset[str]], postings: dict[str, list[int]]
) -> int | None:
    best, best_score = None, SIMILAR
    seen: set[int] = set()
    for word in sig:
        for gid in postings.get(word, ())[:CANDIDATES_PER_WORD]:
            if gid in seen:
                continue
            seen.add(gid)
            seed = seeds[gid]
            score = len(sig & seed) / len(sig | seed)
            if score >= best_score and (best is None or score > best_score or gid < best):
                best, best_score = gid, score
    return best


def _build(seed: frozenset[str], rows: list[GapRow]) -> Group:
    typed: Counter[str] = Counter()
    g = Group(id=group_id(seed), words=())
    for row in rows:
        g.count += row.count
        g.kinds[row.kind] += row.count
        if row.entry_id:
            g.entries[row.entry_id] += row.count
        if row.question:
            g.phrasings[row.question] += row.count
        if row.did and not g.did:
            g.did = row.did
        for word in content_words(row.question):
            typed[word] += row.count
    g.words = tuple(w for w, _ in typed.most_common(6))
    return g


def find(groups: list[Group], key: str) -> Group | None:
    """By id, or by rank as shown in the list (1 = biggest)."""
    if key.isdigit() and 0 < int(key) <= len(groups):
        return groups[int(key) - 1]
    return next((g for g in groups if g.id == key), None)
