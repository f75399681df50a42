"""Refuse admin-written cues that could stall a worker on one long question.

Situation cues (knowledge/advice.yml) are regular expressions run on questions of up to 5,000
characters, and Python's `re` has no timeout. A repeat inside another open-ended repeat, as in
`(a+)+` or `(\\w+\\s?)*$`, can try exponentially many ways to split a string that almost
matches, so one question could hold a worker for minutes. Such a cue is refused when the
knowledge loads, like a cue that does not compile, and the bot keeps its last good knowledge.

The check reads the parse tree of Python's own regex parser (`re._parser`, the one
`re.compile` uses). It flags only the nested shape; possessive repeats and atomic groups,
which never backtrack, are allowed. Overlapping alternatives under one repeat (`(a|a)*`) are a
rarer cause that it does not catch.
"""

from __future__ import annotations

from typing import Any

OPEN_ENDED = 10  # an outer repeat allowing more than this many rounds counts as unbounded


def nested_repeat(pattern: str, flags: int) -> str | None:
    """The part of `pattern` that nests an open-ended repeat in another, or None if none does
    (or if the pattern does not parse: compiling it reports that more clearly)."""
    try:
        from re import _constants as c  # noqa: PLC0415 (only at load time)
        from re import _parser

        tree = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 (private API: any surprise is left to re.compile)
        return None
    return _find(list(tree), c, outer=False)


def _find(items: list[tuple[Any, Any]], c: Any, outer: bool) -> str | None:
    for op, av in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, body = av
            open_ended = high is c.MAXREPEAT or high > OPEN_ENDED
            if open_ended and outer:
                return "a repeat inside an open-ended repeat"
            found = _find(list(body), c, outer or open_ended)
            if found:
                return found
        elif op is c.SUBPATTERN:
            found = _find(list(av[3]), c, outer)
            if found:
                return found
        elif op is c.BRANCH:
            for alternative in av[1]:
                found = _find(list(alternative), c, outer)
                if found:
                    return found
        # POSSESSIVE_REPEAT and ATOMIC_GROUP never backtrack into their body: nothing to find
    return None
