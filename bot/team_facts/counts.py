"""Counted facts: "4 squads", "team of 12", "2 squads of 6 devs each", "a single product".

Every counting pattern embeds the number pattern (`numbers.num_pattern`), so they are built
for the number words a text contains and compiled on first use (`patterns`), not at import:
importing the parser costs nothing until a question has facts to read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from bot import regex_store
from bot.team_facts.numbers import OTHER_WORDS, WORDS, num_pattern, to_number, words_in

if TYPE_CHECKING:
    from bot.team_facts.reader import Reader

_PRE = (
    r"(?P<pre>more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under|below|up\s+to|"
    r"at\s+most|about|around|roughly|approximately|approx\.?|nearly|almost|~|>=|<=|>|<)\s*"
)


def qty(words: tuple[str, ...]) -> str:
    """A quantity: a number, a range ("10-15", "between 10 and 15"), a bound, or "several"."""
    num = num_pattern(words)
    between = rf"between\s+(?P<ba>{num})\s+and\s+(?P<bb>{num})|" if "between" in words else ""
    return (
        rf"(?:{_PRE})?(?:{between}"
        rf"(?P<a>{num})(?:\s*(?:-|to|or)\s*(?P<b>{num}))?(?P<plus>\+)?|"
        r"(?P<many>multiple|several|many|various|a\s+few))"
    )


_ADJ = (
    r"scrum|engineering|dev|development|delivery|feature|product|agile|cross-functional|"
    r"software|full-time|fulltime|backend|back-end|frontend|front-end|mobile|web|qa|senior|"
    r"junior|main|primary|core|distinct|different|separate|key|target|user|customer|"
    r"geographic|international|regional|of|our|the|total|in-house|active|big|small|major|live|"
    r"b2b|b2c|independent|autonomous|stream-aligned|platform|whole|entire|only|just|single|"
    r"distinct|unique|business|internal|external|full|stack|full-stack|great|amazing|"
    r"wonderful|dedicated|permanent|new|additional|extra|more|other|upcoming|"
    # any hyphenated describing word: "3 live-ops teams", "4 customer-facing squads"
    r"[a-z]+(?:-[a-z]+)+"
)
_NOT_PRODUCT = (
    r"(?!\s*(?:manager|owner|managers|owners|management|ownership|person|lead|leader|people|"
    r"team|teams|org|strategy|vision|backlog|role|roles|side|work|thinking|decisions?)\b)"
)
_NOUNS: list[tuple[str, str]] = [
    ("people", r"people|persons|employees|staff|folks|ftes?|team\s+members|members|humans|heads"),
    (
        "engineers",
        r"(?:engineers?|devs?|developers?|programmers?|coders?|swes?)"
        r"(?!\s+(?:teams?|squads?|pods?|org|organi[sz]ation|department|group)\b)",
    ),
    ("squads", r"squads?|scrum\s+teams?|teams?|pods?"),
    ("products", rf"products?{_NOT_PRODUCT}|apps?|applications|product\s+lines?"),
    (
        "markets",
        r"markets?(?!\s*(?:research|fit|strategy|share|validation|context)\b)|market\s+segments?|"
        r"segments|regions|geographies|verticals|countries",
    ),
    (
        "personas",
        r"personas?|user\s+types|customer\s+types|types\s+of\s+(?:users|customers)|"
        r"kinds\s+of\s+(?:users|customers)|user\s+groups",
    ),
]
_NOUN_FACT = {f"n_{name}": name for name, _ in _NOUNS}
_NOUN_ALT = "|".join(f"(?P<n_{name}>{alt})" for name, alt in _NOUNS)
# what the patterns that end in a quantity count
_COUNTS = {"eng_team": "engineers", "team_of": "people", "we_are": "people", "of_us": "people"}


# The counting patterns, in the order the pass runs them; each is built from the number
# pattern and the quantity pattern for the text's number words.
_SOURCES: dict[str, Callable[[str, str], str]] = {
    # "2 squads of 6 devs each": the engineers are the product, not the 6; so is "3 squads of
    # 6 devs" (a team size), while "4 teams of 40 engineers" is read as 40 in all (`_EACH_AT`)
    "teams_of_each": lambda num, _: (
        rf"\b(?P<teams>{num})\s+(?:(?:dev|development|engineering|product|feature|delivery)\s+)?"
        r"(?:squads?|scrum\s+teams?|teams?|pods?)\s+(?P<join>of|with)\s+"
        r"(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?"
        rf"(?P<size>{num})(?:\s*(?:-|–|or|to)\s*(?P<most>{num}))?\s+"
        r"(?:engineers?|devs?|developers?|programmers?|people)\b"
        r"(?P<each>\s+(?:each|apiece)\b)?"
    ),
    # "a team of 6 devs": one team, whose size is read again below as the engineers; a "team"
    # of more than `_EACH_AT` is an org, not one squad
    "one_team_of": lambda num, _: (
        r"\b(?:a|an|our|my|one|the)\s+(?:small\s+|single\s+|tiny\s+)?"
        r"(?:(?:dev|development|engineering|scrum|product|feature|delivery)\s+)?"
        r"(?:squad|scrum\s+team|team|pod)\s+(?:of|with)\s+"
        rf"(?P<size>{num})\s+(?:engineers?|devs?|developers?|programmers?|people)\b"
    ),
    "person_size": lambda _, quantity: (
        # "a 12-person team", "40 heads"; "1 head of product" is a job title, not a headcount
        rf"(?<![\w.,-]){quantity}\s*-?\s*(?:(?:person|people|strong|member)\b|head\b(?!\s+of\b))"
        r"(?:\s+(?:team|company|startup|start-up|org|organi[sz]ation|shop|business|outfit))?"
    ),
    # "a 10 engineer team", "our 12-developer team": the number counts the engineers, not the
    # teams; "5 dev teams" (teams plural) and a bare "5 dev team" are left to `num_noun`
    "eng_size": lambda _, quantity: (
        r"(?P<art>\b(?:a|an|our|my|the|this|their)\s+)?"
        rf"(?<![\w.,-])(?P<qty>{quantity})(?P<hy>\s*-\s*|\s+)"
        r"(?P<eng>engineer|dev|developer|programmer|coder|swe)\s+"
        r"(?:team|squad|pod|shop|org|startup|company|group|department)\b(?!-)"
    ),
    "num_noun": lambda _, quantity: (
        rf"(?<![\w.,-]){quantity}\s*(?:-\s*)?(?:(?:{_ADJ})\s+){{0,2}}?(?:{_NOUN_ALT})(?![\w-])"
    ),
    "single": lambda _, __: (
        rf"\b(?:a\s+single|single|only\s+one|just\s+one|one)\s+(?:(?:{_ADJ})\s+){{0,2}}?"
        rf"(?:{_NOUN_ALT})(?![\w-])"
    ),
    "eng_team": lambda _, quantity: (
        r"\b(?:engineering|dev|development|tech|r&d)\s+(?:team|org|organi[sz]ation|department|"
        rf"headcount|group)\s+(?:of|is|has|at|:)?\s*(?:size\s+)?{quantity}(?!\s*[%\w])"
    ),
    "team_of": lambda _, quantity: (
        r"\b(?:team|company|startup|start-up|org|organi[sz]ation|business|shop|headcount|"
        rf"team\s+size|company\s+size|size)\s*(?:of|is|at|:|=|has)?\s*{quantity}(?!\s*[%\w])"
    ),
    "we_are": lambda _, quantity: (
        r"\b(?:we're|we\s+are|were|there\s+are)\s+(?:a\s+team\s+of\s+|only\s+|just\s+)?"
        rf"{quantity}(?:\s+of\s+us)?(?!\s*[%\w])"
    ),
    "of_us": lambda _, quantity: rf"(?<![\w.,-]){quantity}\s+of\s+us\b",
}
# "N squads of M devs" reads as M each up to this size (Scrum's 10 developers, and a little
# more); a larger M is the whole team's
_EACH_AT = 12
# A word each pattern cannot match without (all but "single" also need a quantity): a pattern
# whose test finds nothing in the text is neither compiled (~4 ms each) nor run.
_QUANTITY = r"\d|couple|multiple|several|many|various|few"  # or a number word (`words_in`)
_TESTS = {
    "teams_of_each": r"each|apiece|(?:squad|team|pod)s?\s+of\s",
    "one_team_of": r"(?:squad|team|pod)\s+(?:of|with)\s",
    "person_size": r"person|people|strong|member|head",
    "eng_size": r"(?:engineer|dev|developer|programmer|coder|swe)[\s-]",
    "num_noun": r"people|person|employee|staff|folk|fte|team|member|human|head|engineer|dev|"
    r"programmer|coder|swe|squad|scrum|pod|product|app|market|segment|region|geographies|"
    r"vertical|countries|persona|user|customer|type|kind",
    "single": r"\b(?:single|one)\s",  # "a single", "only one", "one": not "someone"
    "eng_team": r"engineering|dev|tech|r&d",
    "team_of": r"team|company|start|org|business|shop|headcount|size",
    "we_are": r"we're|we\s+are|were|there\s+are",
    "of_us": r"of\s+us",
}


@lru_cache(maxsize=256)
def _pattern(name: str, words: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern for every number word when its program is stored (`regex_store`), which
    costs nothing to load; else the one for `words` alone, the cheapest to compile. Both
    match the same spans in a text whose number words are `words` (see `numbers`)."""
    full, flags = stored_sources()[name]
    return regex_store.stored(full, flags) or re.compile(
        _SOURCES[name](num_pattern(words), qty(words)), flags
    )


@lru_cache(maxsize=1)
def stored_sources() -> dict[str, tuple[str, int]]:
    """Each counting pattern built for every number word: what the index cache stores
    compiled, so that no story waits for its patterns to compile."""
    words = (*WORDS, *OTHER_WORDS)
    return {
        name: (source(num_pattern(words), qty(words)), re.I) for name, source in _SOURCES.items()
    }


@lru_cache(maxsize=16)
def _test(name: str) -> re.Pattern[str]:
    return regex_store.compile(_QUANTITY if name == "quantity" else _TESTS[name], re.I)


@lru_cache(maxsize=1)
def _masks() -> list[re.Pattern[str]]:
    """Numbers about the roles or time, not the team: "one person can do both", "two hats"."""
    return [
        regex_store.compile(
            r"\b(?:one|1|a\s+single|single|the\s+same|same|a|another|second|one\s+more|an\s+extra|"
            r"two|2|separate|different|dedicated|extra)\s+(?:person|individual|human|hire)s?\b"
            r"(?!\s*(?:team|company|startup|org|shop))",
            re.I,
        ),
        regex_store.compile(
            r"\b(?:two|2|separate|different|dedicated)\s+people\b"
            r"(?=\s*(?:[?.,!]|$|or\b|for\b|to\b|doing\b|instead\b|in\s+the\b|on\s+the\b))",
            re.I,
        ),
        regex_store.compile(r"\bone\s+of\s+(?:us|them|the|our|my)\b", re.I),
        # "separating the team into 5 teams" is an option being weighed, not the team today
        regex_store.compile(
            r"\b(?:split|splitting|separat(?:e|ed|ing)|divid(?:e|ed|ing)|break(?:ing)?\s+up|"
            r"reorgani[sz](?:e|ed|ing)|restructur(?:e|ed|ing))\b[^.?!;]{0,40}?\binto\s+"
            r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?"
            r"(?:squads?|teams?|pods?)\b",
            re.I,
        ),
        regex_store.compile(r"\b(?:one|two)\s+(?:roles?|jobs?|hats?|titles?)\b", re.I),
        # "our customers are ~40 other dev teams": the teams it serves, not its own
        regex_store.compile(
            r"(?:~\s*)?\b(?:\d+|a\s+few|several|many|dozens\s+of)\s+other\s+(?:\w+\s+)?"
            r"(?:teams?|squads?)\b",
            re.I,
        ),
        # "growing from 1 to 3 dev teams": the team it grows into, not a range of 1 to 3
        regex_store.compile(
            r"\b(?:grow|grew|growing|going|scale|scaling|expand|expanding|doubling)\s+from\s+"
            r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+to(?=\s)",
            re.I,
        ),
        regex_store.compile(
            r"\b(?:\d+|one|two|three|four|six)[-\s]+(?:weeks?|months?|days?|years?|hours?)\b",
            re.I,
        ),
    ]


def _at_least_two(match: re.Match[str]) -> bool:
    """A "team of one engineer" is no team: "the one dev team" is one team."""
    first = match.groupdict().get("a")
    return first is None or to_number(first) >= 2


def _noun(match: re.Match[str]) -> str:
    return next(_NOUN_FACT[k] for k, v in match.groupdict().items() if k in _NOUN_FACT and v)


def read(reader: Reader) -> None:
    """The counting pass: masks first ("one person can do both" counts no team), then the
    most specific patterns, each span read once."""
    text = reader.text
    words = words_in(text)
    quantity = bool(words) or _test("quantity").search(text) is not None
    wanted = [
        name
        for name in _SOURCES
        if (quantity or name == "single") and _test(name).search(text) is not None
    ]
    if not wanted:
        return  # the masks only keep later patterns off a span
    for mask in _masks():
        for match in list(mask.finditer(reader.text)):
            reader.consume(match.start(), match.end())
    for name in wanted:
        pattern = _pattern(name, () if name == "single" else words)
        for match in list(pattern.finditer(reader.text)):
            if name == "teams_of_each":
                teams, size = to_number(match.group("teams")), to_number(match.group("size"))
                most = to_number(match["most"]) if match["most"] else size  # "six or seven"
                # without "each", only "of" and a size one team could have
                sized = match["each"] or match["join"].lower() == "of" and most <= _EACH_AT
                if teams > 1 and 0 < size <= most and sized:
                    said = reader.said(match)
                    reader.consume(match.start(), match.end())
                    reader.count("squads", teams, teams, said)
                    reader.count("engineers", teams * size, teams * most, said)
            elif name == "one_team_of":
                if 0 < to_number(match.group("size")) <= _EACH_AT:
                    said = " ".join(reader.original[match.start() : match.start("size")].split())
                    reader.count("squads", 1, 1, said.removesuffix(" of").removesuffix(" with"))
            elif name == "single":
                reader.consume(match.start(), match.end())
                reader.count(_noun(match), 1, 1, reader.said(match))
            elif name == "eng_size":
                bare_dev = match["eng"].lower() == "dev" and not match["art"]
                if bare_dev and "-" not in match["hy"] or not _at_least_two(match):
                    continue
                reader.consume(match.start(), match.end())
                said = " ".join(reader.original[match.start("qty") : match.end()].split())
                reader.number("engineers", match, said)
            elif name in ("person_size", "num_noun"):
                reader.consume(match.start(), match.end())
                fact = "people" if name == "person_size" else _noun(match)
                reader.number(fact, match, reader.said(match))
            elif match.group("a") or match.groupdict().get("ba"):  # no "ba" without "between"
                reader.consume(match.start(), match.end())
                reader.number(_COUNTS[name], match, reader.said(match))
