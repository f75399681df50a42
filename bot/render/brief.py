"""The short form of an answer: what a chat reply shows before anyone asks for more.

Slack threads, DMs and the console open with the verdict, the one-line reason, at most three
bullets (fewer when they would run past `SHORT_CHARS`) and one Sources line; "More detail"
(Slack), `more` (console) and `--full` (CLI) show the whole `Answer`. Deciding what the short
form keeps lives here, in rendering, so matching and the `Answer` value stay the same for every
surface.
"""

from __future__ import annotations

import re

from bot import regex_store
from bot.answer import DISAGREE, FACTS, NUANCE, SIGNALS, STEPS, Answer, Cite, Column, Section

BULLETS = 3  # ownership, FAQ and role answers
COMPARE_ROWS = 3  # 3 rows of 3 lines each keep `compare` within 16 lines
ADVICE_STEPS = 2
TOPIC_EXAMPLES = 3
_WORD = re.compile(r"[a-z0-9$%]+")


def shorten(answer: Answer) -> Answer:
    """The answer as a chat reply shows it first: equal to `answer`, but for the words it
    matched, when nothing else is hidden."""
    if answer.kind == "compare":
        return _compare(answer)
    if answer.kind == "advice":
        return _advice(answer)
    if answer.extra.get("topics"):
        return _topics(answer)
    if answer.kind in ("role", "ownership", "faq") and answer.answered:
        return _entry(answer)
    # "Matched: as, product, day" under an ask-back or a decline read as noise to people
    # trying pmpo for the first time; the full answer still shows which words were read
    return answer._replace(matched=())


def has_more(answer: Answer) -> bool:
    """Whether "More detail" would show anything the short form leaves out."""
    short = shorten(answer)
    return (short.sections, short.columns, short.suggestions, short.follow_ups) != (
        answer.sections,
        answer.columns,
        answer.suggestions,
        answer.follow_ups,
    )


def _entry(answer: Answer) -> Answer:
    bullets: list[str] = []
    for column in answer.columns:  # an ownership split: who does which part
        bullets.extend((f"PM: {column.pm}", f"PO: {column.po}"))
    by_role = {s.role: s for s in answer.sections}
    first = by_role.get(FACTS) or by_role.get(NUANCE)
    disagree = by_role.get(DISAGREE)
    if first:
        bullets.extend(first.lines)
    bullets = _news(f"{answer.verdict} {answer.reason}", bullets)
    if disagree and not bullets:
        # with nothing else to show, the summary and each source's view: the views are the
        # answer (each source's pay figures), so none gives way to the length
        bullets = list(disagree.lines[:BULLETS])
    else:
        # keep room to say the sources differ (in the summary's own words)
        if disagree:
            bullets = [*bullets[: BULLETS - 1], disagree.lines[0]]
        bullets = _within(answer, bullets[:BULLETS], keep_last=bool(disagree))
    kept = (Section("", tuple(bullets)),) if bullets else ()
    return answer._replace(
        sections=kept,
        columns=(),
        suggestions=(),
        matched=(),
        sources=_named(answer, " ".join((answer.title, answer.verdict, answer.reason, *bullets))),
    )


# "Every source gives…", "the others treat it as…": a line that speaks for the sources as a
# group rests on all of them
_ALL_SOURCES = regex_store.compile(
    r"\b(?:sources|every\s+source|articles|others|all\s+(?:five|of\s+them))\b", re.I
)


def _named(answer: Answer, shown: str) -> tuple[Cite, ...]:
    """The sources the short form's lines name. The full Sources line under a short reply
    listed articles whose lines had given way to the length (an audit found 52 of 122 short
    replies so); a reply that names none, or speaks for the sources as a group, keeps all."""
    named = tuple(c for c in answer.sources if c.name in shown)
    return named if named and not _ALL_SOURCES.search(shown) else answer.sources


# A short answer longer than this fills a laptop's Slack thread pane and gets skimmed; past it,
# bullets give way (the last first, but never the line saying the sources disagree) down to
# one. The full answer keeps them all.
SHORT_CHARS = 700


def _within(answer: Answer, bullets: list[str], keep_last: bool) -> list[str]:
    fixed = sum(len(text) + 1 for text in (answer.title, answer.verdict, answer.reason))
    fixed += len("Sources: ") + sum(len(str(cite)) + 2 for cite in answer.sources)
    bullets = list(bullets)
    while len(bullets) > 1 and fixed + sum(len(b) + 5 for b in bullets) > SHORT_CHARS:
        del bullets[-2 if keep_last else -1]
    return bullets


# A bullet whose words are mostly in the lines above it says the same thing again: "PO: Reviews
# the sprint's finished work at sprint review" under "the PO shows sprint results at sprint
# review". Measured over the shipped entries, at this share a dropped bullet added at most a
# word or two; the full answer keeps every line.
SAID_BEFORE = 0.75
_COMMON = frozenset(
    "a an the and or but of to in on for with by at from as is are be been it its this that "
    "these those their they them he she his her you your we our not no do does don't doesn't "
    "can may should would will than then there which who what when where how also only just "
    "more most some any each every both either so too very into over under about up out own "
    "has have had get gets make makes pm po pms pos product manager owner".split()
)


def _news(shown: str, bullets: list[str]) -> list[str]:
    """The bullets that add something to `shown` and to the bullets kept before them."""
    seen = _stems(shown)
    kept = []
    for bullet in bullets:
        stems = _stems(bullet)
        if stems and len(stems & seen) / len(stems) >= SAID_BEFORE:
            continue
        kept.append(bullet)
        seen |= stems
    return kept


def _stems(text: str) -> set[str]:
    """Content words, crudely stemmed ("reviews", "reviewing" and "reviewed" are one)."""
    stems = set()
    for word in _WORD.findall(text.lower().replace("'", " ")):
        if word in _COMMON:
            continue
        for suffix in ("ing", "ed", "es", "s", "ly"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        stems.add(word)
    return stems


def _compare(answer: Answer) -> Answer:
    """The rows the question asked about (they come first: `extra["asked_rows"]`), then those
    where PM and PO differ most (then the best-sourced), in their order in the answer."""
    asked = min(int(answer.extra.get("asked_rows", 0)), COMPARE_ROWS)
    ranked = sorted(
        range(asked, len(answer.columns)),
        key=lambda i: (-round(_difference(answer.columns[i]), 1), -_cited(answer.columns[i]), i),
    )
    keep = [*range(asked), *sorted(ranked[: COMPARE_ROWS - asked])]
    columns = tuple(answer.columns[i] for i in keep)
    return answer._replace(columns=columns, sections=(), suggestions=(), matched=())


def _advice(answer: Answer) -> Answer:
    sections = []
    for section in answer.sections:
        if section.role in (SIGNALS, DISAGREE):
            sections.append(section)
        elif section.role == STEPS:
            sections.append(section._replace(lines=section.lines[:ADVICE_STEPS]))
    follow_ups = () if answer.answered else answer.follow_ups
    # The reason is the weights' tally ("5 for splitting, 1 for one person..."): the verdict
    # and the signals, each with its weight, already say it in words; the full answer keeps it.
    return answer._replace(
        reason="", sections=tuple(sections), follow_ups=follow_ups, suggestions=(), matched=()
    )


def _topics(answer: Answer) -> Answer:
    lines = tuple(
        f"{s.heading} ({len(s.lines)}): {', '.join(s.lines[:TOPIC_EXAMPLES])}"
        + ("…" if len(s.lines) > TOPIC_EXAMPLES else "")
        for s in answer.sections
    )
    return answer._replace(sections=(Section("", lines),) if lines else ())


def _difference(column: Column) -> float:
    pm, po = set(_WORD.findall(column.pm.lower())), set(_WORD.findall(column.po.lower()))
    union = pm | po
    return 1 - len(pm & po) / len(union) if union else 0.0


def _cited(column: Column) -> int:
    """How many sources a row names: its label ends in "(Boundev, Adair)"."""
    inside = column.label.rpartition("(")[2]
    return inside.count(",") + 1 if column.label.endswith(")") else 0
