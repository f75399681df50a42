"""The reader the passes share: it records facts and problems and checks every number.

A number is checked against `BOUNDS` here, once, whichever pass found it; the passes
(`keyvalue`, `share`, `counts`, `flags`) only find the spans.
"""

from __future__ import annotations

import re

from bot.team_facts.model import BOUNDS, LABELS, Fact, Parsed, fmt
from bot.team_facts.numbers import to_number
from bot.textnorm import TYPOGRAPHIC


def clean(text: str) -> str:
    """Same-length normalization so every span still points at what the user typed."""
    return text.translate(TYPOGRAPHIC)


def _size(fact: Fact) -> float:
    value = fact.high if fact.high is not None else fact.value
    return float(value) if isinstance(value, int | float) else 0.0


class Reader:
    """One text being read: the facts and problems so far, and the text with every span a pass
    has used blanked out, so no later pass reads it twice."""

    def __init__(self, text: str, prose: bool = False) -> None:
        self.prose = prose
        self.original = clean(text or "")
        self.text = self.original
        self.parsed = Parsed()
        self._seen: dict[str, Fact] = {}

    def consume(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def said(self, match: re.Match[str]) -> str:
        return " ".join(self.original[match.start() : match.end()].split())

    def error(self, said: str, message: str) -> None:
        if self.prose:
            return  # a story about a team is read for what it says plainly, not checked
        self.parsed.errors.append(f"“{said}”: {message}")

    def add(self, fact: Fact) -> None:
        previous = self._seen.get(fact.name)
        if previous is not None:
            if self.prose:
                # "3 projects (5 devs), a sister product (4 devs)": the larger count is the team
                if _size(fact) > _size(previous):
                    self._seen[fact.name] = fact
                    self.parsed.facts[fact.name] = fact
            elif (previous.value, previous.high) != (fact.value, fact.high):
                self.error(
                    fact.said,
                    f"{LABELS[fact.name]} given twice (“{previous.said}” and “{fact.said}”); "
                    "which is it?",
                )
                self.parsed.facts.pop(fact.name, None)
            return
        self._seen[fact.name] = fact
        self.parsed.facts[fact.name] = fact

    def number(self, name: str, match: re.Match[str], said: str) -> None:
        groups = match.groupdict()
        if groups.get("many"):
            low, high = 2.0, float(BOUNDS[name][1])
            if groups["many"].lower().startswith("a"):  # "a few"
                low, high = 2.0, 5.0
            self.count(name, low, high, said)
            return
        first, second = groups.get("ba") or groups.get("a"), groups.get("bb") or groups.get("b")
        if first is None:
            return
        low = to_number(first)
        high = to_number(second) if second else low
        pre = " ".join((groups.get("pre") or "").lower().split())
        top = float(BOUNDS[name][1])
        if self.prose and low < 0:  # "- 4 teams": a dash in a sentence, not a minus
            low, high = abs(low), abs(high)
        if low < 0 or high < 0:
            self.error(said, f"the number of {LABELS[name]} can't be negative.")
            return
        if pre in ("more than", "over", "above", ">"):
            low, high = low + 1, max(top, low + 1)
        elif pre in ("at least", ">=") or groups.get("plus"):
            high = max(top, low)
        elif pre in ("fewer than", "less than", "under", "below", "<"):
            low, high = float(BOUNDS[name][0] or 1), high - 1
        elif pre in ("up to", "at most", "<="):
            low = float(BOUNDS[name][0] or 1)
        self.count(name, low, high, said)

    def count(self, name: str, low: float, high: float, said: str) -> None:
        lo_bound, hi_bound = BOUNDS[name]
        label = LABELS[name]
        if low != int(low) or high != int(high):
            self.error(said, f"{label} must be a whole number.")
            return
        if high < low:
            self.error(said, "the range runs backwards; write the smaller number first.")
            return
        if low > hi_bound or (high > hi_bound and high != float(hi_bound)):
            bad = low if low > hi_bound else high
            self.error(
                said,
                f"{fmt(bad)} {label} is more than I can take seriously "
                f"(I accept up to {fmt(hi_bound)}).",
            )
            return
        if low < lo_bound:
            self.error(said, f"{label} must be at least {lo_bound}.")
            return
        self.add(Fact(name, low, high, said))

    def share(self, low: float, high: float, said: str) -> None:
        if self.prose and low < 0:  # "- 4 teams": a dash in a sentence, not a minus
            low, high = abs(low), abs(high)
        if low < 0 or high < 0:
            self.error(said, "a share of the PM's time can't be negative.")
            return
        if low > 100 or high > 100:
            self.error(said, "a share of the PM's time must be between 0% and 100%.")
            return
        if high < low:
            self.error(said, "the range runs backwards; write the smaller number first.")
            return
        self.add(Fact("backlog_share", round(low, 1), round(high, 1), said))
