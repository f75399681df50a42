"""Words a regular expression's every match must contain, found when the knowledge loads.

The advisor's situation cues are ~40 regular expressions; compiling them costs ~13 ms, which a
new `pmpo ask` process would pay for every story-like question although almost none of them
can match. Each cue instead carries its *anchors*: a set of lower-case strings of which any
match must contain at least one. A question holding none of them cannot match, so the cue is
neither compiled nor run. The anchors are found once, at load time, and pickled with the index
as plain strings.

They are read from the parse tree of Python's own regex parser (`re._parser`, private but the
same one `re.compile` uses). Anything it can't vouch for gives no anchors, and a cue without
anchors is always compiled and run: the shortcut may skip work, never a match.
"""

from __future__ import annotations

from typing import Any

MIN_ANCHOR = 3  # shorter strings ("po", "of") are in nearly every question: no use as a filter
MAX_ALTERNATIVES = 32  # "(a|b)(c|d)…" multiplies; past this a run stops being worth tracking


def anchors(pattern: str, flags: int) -> tuple[str, ...]:
    """Strings of which every match of `pattern` contains one (lower case), or () if unknown."""
    try:
        from re import _constants as c  # noqa: PLC0415 (only at load time)
        from re import _parser

        tree = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 (private API: any surprise means "no anchors")
        return ()
    best = _sequence(list(tree), c)
    return tuple(sorted(best)) if best else ()


def _sequence(items: list[tuple[Any, Any]], c: Any) -> frozenset[str] | None:
    """The most selective requirement of a sequence: the candidate whose shortest string is
    longest. A run of literals (with literal-only alternations inside it) is one candidate; a
    required group or a repeat of at least one is another, found recursively."""
    candidates: list[frozenset[str]] = []
    run: set[str] = {""}

    def flush() -> None:
        nonlocal run
        if run and all(len(s) >= MIN_ANCHOR for s in run):
            candidates.append(frozenset(run))
        run = {""}

    for op, av in items:
        if op is c.LITERAL and av < 128:
            run = {s + chr(av).lower() for s in run}
        elif op is c.BRANCH and _all_literal(av[1], c):
            alternatives = {_text(alt) for alt in av[1]}
            if len(run) * len(alternatives) > MAX_ALTERNATIVES:
                flush()
            run = {s + a for s in run for a in alternatives}
        else:
            flush()
            inner: frozenset[str] | None = None
            if op is c.SUBPATTERN:
                inner = _sequence(list(av[3]), c)
            elif op is c.BRANCH:
                found = [_sequence(list(alt), c) for alt in av[1]]
                if all(found):
                    inner = frozenset().union(*found)  # type: ignore[arg-type]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                inner = _sequence(list(av[2]), c)
            if inner:
                candidates.append(inner)
    flush()
    return max(candidates, key=lambda s: min(map(len, s)), default=None)


def _all_literal(alternatives: list[Any], c: Any) -> bool:
    return all(op is c.LITERAL and av < 128 for alt in alternatives for op, av in alt)


def _text(alternative: Any) -> str:
    return "".join(chr(av).lower() for _, av in alternative)
