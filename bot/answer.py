"""`Answer`: the one value every surface renders. Deciding builds it; rendering only reads it.

The values pmpo builds on every question (here, in bot/kb/model.py, the matcher's) are
NamedTuples, not dataclasses: a cold `pmpo ask` is a new process, and importing dataclasses
(inspect comes with it) and building twenty classes with it took a fifth of one (paired over
the real questions, Nov 29 2026: median 108 ms with dataclasses, 85 ms without).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from bot.kb.model import NO_EXTRA, Entry, Source


class Section(NamedTuple):
    """A titled group of bullet lines (nuance, where sources disagree, next steps...).

    `role` says what the lines are (see the ROLE_* names) so a renderer can pick what a short
    answer keeps without reading headings.
    """

    heading: str
    lines: tuple[str, ...]
    role: str = ""


# What a section holds; the short answer keeps some, "More detail" shows all.
FACTS = "facts"  # a role's at-a-glance facts
NUANCE = "nuance"
DISAGREE = "disagree"  # first line the summary, then one line per source
SIGNALS = "signals"  # the advisor's reasons
STEPS = "steps"  # the advisor's next steps


# A button's value naming one entry ("entry:owns-roadmap"): a "Did you mean…" choice answers
# that entry, rather than re-asking its title and risking another ask-back.
ENTRY_REF = "entry:"
_ASKED = "\n"  # after the entry: the question the choice was offered for (see `entry_ref`)


def entry_ref(entry_id: str, asked: str = "") -> str:
    """A choice button's value. `asked` is the question as the gap log keeps it (normalised:
    words only), so the click can log which entry the asker meant: the phrasing an admin
    adds to that entry's examples (`/pmpo gaps`). Nothing else travels with the click."""
    return f"{ENTRY_REF}{entry_id}{_ASKED}{asked}" if asked else f"{ENTRY_REF}{entry_id}"


def read_entry_ref(value: str) -> tuple[str, str] | None:
    """(entry id, question it was offered for) from a choice button's value, or None when
    the value is a question rather than an entry."""
    if not value.startswith(ENTRY_REF):
        return None
    entry_id, _, asked = value[len(ENTRY_REF) :].partition(_ASKED)
    return entry_id.strip(), asked.strip()


class Cite(NamedTuple):
    """One article an answer rests on: the one name used for it everywhere, its date, its URL."""

    name: str
    when: str  # a year, or "undated"
    url: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.when})"


class Column(NamedTuple):
    """One row of a side-by-side comparison: PM on the left, PO on the right."""

    label: str
    pm: str
    po: str


class Suggestion(NamedTuple):
    """One "Did you mean…" choice; the buttons, the console's numbered choices and
    `suggestion_ids` all offer the same ones."""

    id: str
    title: str
    command: str  # what to type to get it, e.g. "whois-owns roadmap"


# A choice that asks the advisor about the story it was offered for: an ask-back on a team's
# own story whose evidence fell short of routing it ("advise-story:" + the story as asked).
# The advisor reads the team's facts from the story itself, so the story travels with the
# click, as a question does in "More detail"; nothing is stored.
ADVICE_REF = "advise-story:"
ADVISOR_CHOICE = "advice"  # the choice's id, beside the entries' in `suggestion_ids`


def advisor_choice(story: str) -> Suggestion:
    return Suggestion(ADVISOR_CHOICE, "Advice for your team", f"{ADVICE_REF}{story}")


def read_advice_ref(value: str) -> str | None:
    """The story an advisor choice was offered for, or None for any other value."""
    return value[len(ADVICE_REF) :].strip() if value.startswith(ADVICE_REF) else None


def choice_value(choice: Suggestion, asked: str = "") -> str:
    """What picking a choice asks: its entry by reference, or the advisor about the story."""
    if choice.id == ADVISOR_CHOICE:
        return choice.command
    return entry_ref(choice.id, asked)


class Also(NamedTuple):
    """Another question asked in the same message, and the entry that answers it."""

    question: str  # as the asker wrote it
    id: str
    title: str
    verdict: str
    command: str  # what to type for the whole answer

    def line(self, code: bool = False) -> str:
        """The line shown: "Title: verdict (try: command)". A question title needs no colon,
        and one asked with `ask <title>` no command (it would repeat the title). `code`: the
        command in backticks, as Slack shows the other commands pmpo suggests."""
        sep = " " if self.title.endswith("?") else ": "
        more = f" (try `{self.command}`)" if code else f" (try: {self.command})"
        more = "" if self.command.startswith("ask ") else more
        return f"{self.title}{sep}{self.verdict}{more}"


class Answer(NamedTuple):
    """A reply as data: the console, `ask --json` and Block Kit each render the same decision
    their own way."""

    kind: str  # role, ownership, faq, compare, advice, help, none, clarify, admin
    answered: bool
    title: str
    verdict: str
    reason: str = ""
    id: str | None = None
    sections: tuple[Section, ...] = ()
    columns: tuple[Column, ...] = ()
    sources: tuple[Cite, ...] = ()
    matched: tuple[str, ...] = ()
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    follow_ups: tuple[str, ...] = ()
    extra: Mapping[str, object] = NO_EXTRA
    also: tuple[Also, ...] = ()  # the other questions in the message (bot/second_ask.py)


def suggestion(entry: Entry) -> Suggestion:
    """An entry offered by name, with the command that answers it."""
    if entry.kind == "ownership":
        command = f"whois-owns {entry.keywords[0] if entry.keywords else entry.title}"
    elif entry.kind == "role":
        command = f"define {entry.extra.get('role', 'pm')}"
    elif entry.kind == "compare":
        command = "compare"
    else:
        command = f"ask {entry.title}"
    return Suggestion(entry.id, entry.title, command)


def cite(source: Source) -> Cite:
    return Cite(source.name, source.when, source.url)
