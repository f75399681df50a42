"""`Answer`: the one value every surface renders. Deciding builds it; rendering only reads it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """A titled group of bullet lines (nuance, where sources disagree, next steps...)."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One row of a side-by-side comparison: PM on the left, PO on the right."""

    label: str
    pm: str
    po: str


@dataclass(frozen=True)
class Suggestion:
    id: str
    title: str
    command: str  # what to type to get it, e.g. "whois-owns roadmap"


@dataclass(frozen=True)
class Answer:
    kind: str  # role, ownership, faq, compare, advice, help, none
    answered: bool
    title: str
    verdict: str
    reason: str = ""
    id: str | None = None
    sections: tuple[Section, ...] = ()
    columns: tuple[Column, ...] = ()
    sources: tuple[str, ...] = ()
    matched: tuple[str, ...] = ()
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    follow_ups: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)
