"""Team facts from how people talk: `squads=4`, "three squads", "half her time grooming".

`parse(text)` returns the facts it found and a list of problems, each naming the value exactly
as it was typed ("“-3 squads”: the number of squads can't be negative"). It never guesses a
fact it can't point at in the text.

What it reads (all case-insensitive):

* `key=value` pairs (also `key: value` for known keys): `squads=4 engineers=40 backlog=50%
  strategy=yes founder=no stage=startup people=10-15`. Key aliases are in `KEYS`.
* A number before a noun, with up to two describing words between: "4 squads", "three scrum
  teams", "40 software engineers", "12 people", "2 markets", "one main persona", "a single
  product", "multiple products", "12-person startup", "50+ engineers".
* A noun before a number: "team of 12", "headcount 40", "engineering team of 40", "we're 12",
  "12 of us".
* Not counted: numbers about the roles or time ("one person can do both", "two hats", "3
  months"), and teams the story only weighs splitting into ("separating the team into 5
  teams" is an option, not the team today).
* Numbers: digits ("1,200", "1.5k"), words ("twelve", "twenty-five", "a hundred", "a dozen",
  "a couple of", "a million"), negatives ("-3", "minus 3").
* Ranges keep both ends: "10-15 people", "10 to 15", "2 or 3 squads", "between 10 and 15".
  The rules check each end; a range that straddles a threshold is reported as such.
  Bounds count as open ranges: "over 50 engineers" is 51 and up, "under 20 people" 1 to 19,
  "at least 3 squads" 3 and up, "up to 15" 1 to 15; "about 12" is 12.
  "multiple", "several" or "many" mean 2 or more.
* The backlog share is a PERCENT of the PM's time (0..100): "50%", "40 percent", "40-50%",
  "half", "a third" (33), "two thirds" (67), "a quarter" (25), "three quarters" (75), "most of"
  (75), "almost all" (90), "all of" (100), "a fifth" (20), "3/4"; it counts only when backlog
  work (backlog, grooming, refinement, stories, tickets, sprint planning...) is named nearby in
  the same sentence. With `backlog=0.5`, a decimal at or below 1 is read as a fraction (50%).
* Strategy suffering: a roadmap not touched/updated for months, a stale roadmap, customer
  interviews postponed or not happening, roadmap reviews cancelled, "strategy is suffering",
  "no time for strategy"; and the opposite ("strategy is fine", "roadmap is up to date").
  When both appear, the concrete sign of suffering wins.
* Markets listed as places after a selling word: "sold in Germany, France and the US" is 3.
* A technical founder acting as PM ("technical founder", "our CTO acts as PM"), an experienced
  hybrid ("has done both roles"), the stage: startup (also early-stage, seed), scale-up
  (also "past the startup stage", series B+), enterprise (also "large company", "corporation").

Sane bounds (`BOUNDS`): squads 0..500, people 1..100,000, engineers 0..50,000, products
1..1,000, markets 1..200, personas 1..100, backlog share 0..100%. Counts are whole numbers.

One module per idea: `model` (the facts, their bounds and `Fact`), `numbers` (number words and
`to_number`), `keyvalue`, `share` (the backlog share), `counts` (counted facts), `markets`
(places listed as markets), `flags` (yes/no facts and the stage), `reader` (what the passes
share). Importing this package compiles nothing: the counting patterns are built on first use
for the number words the text contains, which keeps a cold `pmpo ask` that needs the parser
fast.
"""

from __future__ import annotations

from bot.team_facts import counts, flags, keyvalue, markets, share
from bot.team_facts.model import (
    BOOLEAN,
    BOUNDS,
    KEY_ALIASES,
    KEYS,
    LABELS,
    NUMERIC,
    ORDER,
    STAGES,
    Fact,
    Parsed,
)
from bot.team_facts.numbers import NUM, to_number
from bot.team_facts.reader import Reader, clean

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


def parse(text: str, prose: bool = False) -> Parsed:
    """Team facts in `text`. `prose`: a question's story, where a slip is ignored, not refused."""
    reader = Reader(text, prose)
    keyvalue.read(reader)
    share.read(reader)
    counts.read(reader)
    markets.read(reader)
    flags.read(reader)
    parsed = reader.parsed
    parsed.facts = {name: parsed.facts[name] for name in ORDER if name in parsed.facts}
    return parsed


def parse_value(name: str, value: str) -> tuple[Fact | None, str]:
    """One fact from one form field (the Slack modal): `("squads", "four")` → 4.

    Returns the fact, or None and a problem naming the value as typed.
    """
    reader = Reader("")
    text = " ".join(clean(value or "").split())
    keyvalue.key_value(reader, name, text, text)
    if reader.parsed.errors:
        return None, reader.parsed.errors[0]
    return reader.parsed.facts.get(name), ""
