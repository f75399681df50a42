"""Does the team already have a PM and POs? Then a split verdict says to keep them.

A team with a PM and three POs asking "is this setup right?" had been told to "split the
roles" and to "hire a PM first": advice for a team that is missing one of the two.
"""

from __future__ import annotations

import re

from bot import regex_store

# named as a pair: "we have a PM and 2 POs", ", a PO per team and one PM"
_HOW_MANY = r"(?:a|an|one|our|\d+|two|three|four|five|six|several|multiple)"
_SOME_PM = rf"{_HOW_MANY}\s+(?:(?:dedicated|separate|full-time)\s+)?(?:pms?|product\s+managers?)"
_SOME_PO = (
    rf"{_HOW_MANY}\s+(?:(?:dedicated|separate|full-time)\s+)?"
    r"(?:pos?|product\s+owners?)(?:\s+(?:per|for|on|in)\s+(?:each|every)?\s*(?:team|squad))?"
)
_STAFFED_BOTH = regex_store.compile(
    rf"(?:\b(?:have|has|had|got|with|there's|there\s+is|there\s+are|both)|,)\s+(?:both\s+)?"
    rf"(?:{_SOME_PM}\s+(?:and|&|\+|plus)\s+{_SOME_PO}|{_SOME_PO}\s+(?:and|&|\+|plus)\s+{_SOME_PM})\b|"
    r"\b(?:separate|different)\s+(?:pm|product\s+manager)\s+(?:and|&)\s+(?:po|product\s+owner)\b|"
    r"\b(?:pm|product\s+manager)\s+and\s+(?:the\s+)?(?:po|product\s+owner)\s+(?:are|were)\s+"
    r"(?:two|different|separate)\s+people\b",
    re.I,
)
# or told apart: "each of our 6 squads has a PO" and, somewhere, "a single PM above them"
_PO_PER_TEAM = regex_store.compile(
    r"\b(?:each|every)\s+(?:of\s+(?:our|the)\s+)?(?:\w+\s+)?(?:squads?|teams?)\s+"
    r"(?:has|have|gets?|with)\s+(?:a|an|its\s+own|their\s+own|one)\s+(?:dedicated\s+)?"
    r"(?:po|product\s+owner)\b",
    re.I,
)
_A_PM = regex_store.compile(
    r"\b(?:a|an|one|single|the|our|only)\s+(?:\w+\s+)?(?:pm|product\s+manager)\b(?!\s+(?:and|or)\b)",
    re.I,
)


def staffed_both(text: str) -> bool:
    """Named as a pair ("we have a PM and 2 POs"), or told apart ("each squad has its own PO"
    and, elsewhere, "a single PM above them")."""
    return bool(_STAFFED_BOTH.search(text) or (_PO_PER_TEAM.search(text) and _A_PM.search(text)))
