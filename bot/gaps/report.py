"""The admins' gap report as values, and as an `Answer`, a text table and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.answer import ADVISOR_CHOICE, Answer, Section
from bot.gaps.grouping import Group

SHOWN = 10  # groups in the Slack report and the default table
_DID = {"declined": "declined", "clarify": "asked back", "unhelpful": "rated not helpful"}


@dataclass(frozen=True)
class GapReport:
    days: int
    groups: list[Group]
    helpful: dict[str, tuple[int, int]] = field(default_factory=dict)  # entry: (yes, votes)
    asked: int = 0
    answered: int = 0

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.asked if self.asked else None

    @property
    def logged(self) -> int:
        return sum(g.count for g in self.groups)


def group_line(rank: int, group: Group) -> str:
    samples = " / ".join(f"“{s}”" for s in group.samples) or "(no text kept)"
    kinds = ", ".join(f"{_DID.get(k, k)} {n}" for k, n in group.kinds.most_common())
    picked = "".join(f"; picked {_named(e)} {n}" for e, n in group.picked.most_common(2))
    if group.none_fit:
        picked += f"; none fit {group.none_fit}"
    entry = f"; entry: {_named(group.entry_id)}" if group.entry_id else "; no entry came close"
    return f"{rank}. [{group.id}] {group.count}× {samples} ({kinds}{picked}{entry})"


def _named(choice: str) -> str:
    return "the advisor" if choice == ADVISOR_CHOICE else choice


def summary(report: GapReport) -> str:
    share = report.answered_share
    answered = (
        f"{report.answered} of {report.asked} questions answered ({share:.0%})"
        if share is not None
        else "no questions counted yet"
    )
    return (
        f"Last {report.days} days: {answered}; {report.logged} gap(s) logged in "
        f"{len(report.groups)} group(s)."
    )


def helpful_lines(report: GapReport, limit: int = 15) -> tuple[str, ...]:
    rows = sorted(report.helpful.items(), key=lambda kv: (kv[1][0] / kv[1][1], -kv[1][1], kv[0]))
    return tuple(f"{eid}: {yes}/{n} helpful ({yes / n:.0%})" for eid, (yes, n) in rows[:limit])


def to_answer(report: GapReport, shown: int = SHOWN) -> Answer:
    sections = []
    if report.groups:
        lines = tuple(group_line(i, g) for i, g in enumerate(report.groups[:shown], 1))
        sections.append(Section("Top gaps", lines))
    else:
        sections.append(Section("Top gaps", ("Nothing logged: every question was answered.",)))
    rates = helpful_lines(report)
    if rates:
        sections.append(Section("Helpful rate per entry (least helpful first)", rates))
    return Answer(
        kind="admin",
        answered=True,
        title="Knowledge gaps",
        verdict=summary(report),
        reason="Suggest YAML turns a group into a snippet for `knowledge/`; "
        "`pmpo gaps --yaml ID` prints the same.",
        sections=tuple(sections),
    )


def to_json(report: GapReport) -> dict[str, Any]:
    return {
        "days": report.days,
        "asked": report.asked,
        "answered": report.answered,
        "answered_share": report.answered_share,
        "logged": report.logged,
        "groups": [
            {
                "id": g.id,
                "rank": rank,
                "count": g.count,
                "words": list(g.words),
                "samples": list(g.samples),
                "kinds": dict(g.kinds),
                "entry_id": g.entry_id,
                "picked": dict(g.picked),
                "none_fit": g.none_fit,
                "did": g.did,
            }
            for rank, g in enumerate(report.groups, 1)
        ],
        "helpful": {
            eid: {"helpful": yes, "votes": n, "rate": yes / n}
            for eid, (yes, n) in sorted(report.helpful.items())
        },
    }


def table(report: GapReport, shown: int = 25) -> str:
    lines = [summary(report), ""]
    if report.groups:
        lines.append(f"{'#':>3}  {'id':8}  {'count':>5}  {'entry':24}  phrasings")
        for rank, g in enumerate(report.groups[:shown], 1):
            samples = " / ".join(g.samples) or "(no text kept)"
            lines.append(f"{rank:>3}  {g.id:8}  {g.count:>5}  {(g.entry_id or '-'):24}  {samples}")
        if len(report.groups) > shown:
            lines.append(f"… and {len(report.groups) - shown} more group(s) (--json lists all)")
    rates = helpful_lines(report)
    if rates:
        lines += ["", "Helpful rate per entry:", *(f"  {r}" for r in rates)]
    return "\n".join(lines)
