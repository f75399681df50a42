"""What the advisor knows about a team: the facts' names, their sane bounds, and `Fact`.

Apart from the parsing so that the rules, the modal and the answer can use the names and
values without loading any of the patterns that read them from text.
"""

from __future__ import annotations

from typing import NamedTuple

NUMERIC = ("squads", "people", "engineers", "products", "markets", "personas", "backlog_share")
BOOLEAN = ("strategy_suffering", "technical_founder", "experienced_hybrid")
STAGES = ("startup", "scale-up", "enterprise")
ORDER = (*NUMERIC, *BOOLEAN, "stage")

BOUNDS: dict[str, tuple[int, int]] = {
    "squads": (0, 500),
    "people": (1, 100_000),
    "engineers": (0, 50_000),
    "products": (1, 1_000),
    "markets": (1, 200),
    "personas": (1, 100),
    "backlog_share": (0, 100),
}

LABELS = {
    "squads": "squads",
    "people": "people",
    "engineers": "engineers",
    "products": "products",
    "markets": "markets",
    "personas": "personas",
    "backlog_share": "backlog share",
    "strategy_suffering": "strategy suffering",
    "technical_founder": "technical founder",
    "experienced_hybrid": "experienced hybrid",
    "stage": "stage",
}

KEYS = {
    "squads": "squads squad teams scrum_teams scrum-teams pods",
    "people": "people team team_size team-size headcount size employees staff company_size",
    "engineers": "engineers engineer devs developers eng engineering",
    "products": "products product",
    "markets": "markets market",
    "personas": "personas persona",
    "backlog_share": "backlog backlog_share backlog-share grooming backlog_time share",
    "strategy_suffering": "strategy strategy_suffering strategy-suffering suffering",
    "technical_founder": "technical_founder technical-founder founder tech_founder",
    "experienced_hybrid": "hybrid experienced_hybrid experienced-hybrid",
    "stage": "stage",
}
KEY_ALIASES = {alias: name for name, aliases in KEYS.items() for alias in aliases.split()}


class Fact(NamedTuple):
    """One fact; numbers keep both ends of a range (`low == high` for a single number)."""

    name: str
    value: float | bool | str  # the low end for numbers
    high: float | None = None
    said: str = ""

    @property
    def is_range(self) -> bool:
        return self.high is not None and self.high != self.value

    def show(self) -> str:
        """The value as the advice prints it: `4`, `10-15`, `51+`, `50%`, `yes`, `startup`."""
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        if isinstance(self.value, str):
            return self.value
        unit = "%" if self.name == "backlog_share" else ""
        low = fmt(self.value)
        if not self.is_range:
            return f"{low}{unit}"
        top = BOUNDS[self.name][1]
        if self.high == top:
            return f"{low}{unit}+"
        return f"{low}-{fmt(self.high or 0)}{unit}"

    def as_json(self) -> float | bool | str | list[float]:
        if isinstance(self.value, bool | str) or not self.is_range:
            return self.value
        return [self.value, self.high or 0]


class Parsed:
    """The facts read from a team's story, and the values that could not be read (the user is
    told). Filled in as the reader goes."""

    __slots__ = ("facts", "errors")

    def __init__(self) -> None:
        self.facts: dict[str, Fact] = {}
        self.errors: list[str] = []

    def matched(self) -> tuple[str, ...]:
        return tuple(f"{name}={self.facts[name].show()}" for name in ORDER if name in self.facts)


def fmt(number: float) -> str:
    if number == int(number):
        return f"{int(number):,}" if number >= 10_000 else str(int(number))
    return f"{number:.1f}".rstrip("0").rstrip(".")
