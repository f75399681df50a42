"""A source an answer names must be on its Sources line.

An admin who writes "Boundev says..." into a detail but forgets `sources: [boundev]` ships an
answer whose claim the reader cannot trace: the Sources line is where Slack readers look for
the link. The check is a warning, not an error: the answer is still right, only its list is
short, and a reload must not be refused for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from bot.kb.model import Entry, Problem, Source

# What the reader never sees as prose: matching cues, and the ids that fact rows cite by.
_UNSHOWN = frozenset({"keywords", "aliases", "examples", "sources", "source", "related", "id"})
# Off-topic declines point elsewhere ("ask your Scrum Master or the Scrum Guide") and list no
# sources: a pointer is not a citation.
_UNCITED_KINDS = frozenset({"offtopic"})


def uncited_names(entries: Mapping[str, Entry], sources: Mapping[str, Source]) -> list[Problem]:
    """One warning per entry and source it names in its text without citing it."""
    if not sources:
        return []
    by_name = {source.name: source_id for source_id, source in sources.items()}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, by_name)) + r")\b")
    problems = []
    for entry in entries.values():
        if entry.kind in _UNCITED_KINDS:
            continue
        cited = set(entry.cited_ids())
        named = dict.fromkeys(
            by_name[m.group(0)] for text in _shown_text(entry) for m in pattern.finditer(text)
        )
        for source_id in named:
            if source_id not in cited:
                problems.append(
                    Problem(
                        entry.file,
                        entry.line,
                        f"entry {entry.id!r} names {sources[source_id].name} in its text but "
                        f"its Sources line would not list it: add {source_id} to its sources",
                    )
                )
    return problems


def _shown_text(entry: Entry) -> Iterator[str]:
    yield from (entry.title, entry.verdict, entry.reason, *entry.details)
    yield from _strings(entry.disagreement)
    yield from _strings(dict(entry.extra))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _UNSHOWN:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
