"""The advisor's names for the team-facts parser, which lives in `bot.team_facts`.

The parser sits outside this package so that the routing check (`bot.advisor_intent`) can
read a question's facts without loading the advisor and its rules; the advisor, its rules
and its modal import these names from here as before.
"""

from bot.team_facts import (
    BOOLEAN,
    BOUNDS,
    KEY_ALIASES,
    KEYS,
    LABELS,
    NUM,
    NUMERIC,
    ORDER,
    STAGES,
    Fact,
    Parsed,
    parse,
    parse_value,
    to_number,
)

__all__ = [
    "BOOLEAN",
    "BOUNDS",
    "KEYS",
    "KEY_ALIASES",
    "LABELS",
    "NUM",
    "NUMERIC",
    "ORDER",
    "STAGES",
    "Fact",
    "Parsed",
    "parse",
    "parse_value",
    "to_number",
]
