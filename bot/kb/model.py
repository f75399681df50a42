"""The knowledge base as plain, immutable values shared by every surface."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int
    seed: str | None = None  # the article in ../shared/seeds/; None for public guides cited by URL
    author: str | None = None
    short_name: str | None = None

    @property
    def label(self) -> str:
        """How an answer names the article: short enough for a Slack context line."""
        who = self.author or self.publisher
        return f"{who}, “{self.title}” ({self.year})"

    @property
    def short(self) -> str:
        """Inline citation such as "Adair 2026": the `short` field, else the publisher."""
        return f"{self.short_name or self.publisher} {self.year}"


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    verdict: str
    reason: str
    sources: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # whole questions as people ask them
    details: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    disagreement: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    file: str = ""
    line: int = 0

    @property
    def owner(self) -> str | None:
        return self.extra.get("owner")

    def fingerprint(self) -> tuple[Any, ...]:
        """What counts as 'changed' when a reload reports its diff (location excluded)."""
        return (
            self.kind,
            self.title,
            self.verdict,
            self.reason,
            self.sources,
            self.keywords,
            self.aliases,
            self.examples,
            self.details,
            self.related,
            repr(self.disagreement),
            repr(self.extra),
        )


@dataclass(frozen=True)
class KnowledgeBase:
    entries: dict[str, Entry]
    sources: dict[str, Source]
    synonyms: dict[str, tuple[str, ...]]
    advice: dict[str, Any]
    warnings: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    whole_terms: frozenset[str] = frozenset()  # synonym terms whose words never match alone

    def by_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


@dataclass(frozen=True)
class Problem:
    """One `file:line: message` line; the unit of every knowledge-file error and warning."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
