"""The knowledge base as plain, immutable values shared by every surface."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

NO_EXTRA: Mapping[str, Any] = MappingProxyType({})  # a shared default nobody can change


class Source(NamedTuple):
    """An article or public guide that entries cite; answers name it the same way everywhere."""

    id: str
    title: str
    publisher: str
    year: int | None
    seed: str | None = None  # the article in ../shared/seeds/; None for public guides cited by URL
    author: str | None = None
    short_name: str | None = None
    url: str = ""

    @property
    def name(self) -> str:
        """The one name answers use for this article, in the body and the Sources line alike."""
        return self.short_name or self.publisher

    @property
    def when(self) -> str:
        """The article's year, or "undated": never a guessed year."""
        return str(self.year) if self.year else "undated"

    @property
    def label(self) -> str:
        """Name and date, as the Sources line shows them: "LiveSession (2022)"."""
        return f"{self.name} ({self.when})"

    @property
    def short(self) -> str:
        """Inline citation in a sentence or list ("Adair"): the same name as everywhere."""
        return self.name


class Entry(NamedTuple):
    """One answer as its knowledge file states it; `file` and `line` point an admin at it."""

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
    extra: Mapping[str, Any] = NO_EXTRA
    file: str = ""
    line: int = 0

    @property
    def owner(self) -> str | None:
        return self.extra.get("owner")

    def cited_ids(self) -> tuple[str, ...]:
        """Every source the answer's Sources line lists: the entry's own, each disagreeing
        view's and each fact row's, first mention first."""
        ids = list(self.sources)
        ids.extend(view["source"] for view in (self.disagreement or {}).get("views", []))
        for sub in self.extra.get("facts", []) + self.extra.get("rows", []):
            ids.extend(sub["sources"])
        return tuple(dict.fromkeys(ids))

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


class KnowledgeBase(NamedTuple):
    """A checked knowledge base: immutable, so a reload swaps it whole and readers never see
    half an edit."""

    entries: dict[str, Entry]
    sources: dict[str, Source]
    synonyms: dict[str, tuple[str, ...]]
    advice: dict[str, Any]
    warnings: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    whole_terms: frozenset[str] = frozenset()  # synonym terms whose words never match alone

    def by_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


class Problem(NamedTuple):
    """One `file:line: message` line; the unit of every knowledge-file error and warning."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
