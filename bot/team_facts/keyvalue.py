"""`key=value` facts: `squads=4 engineers=40 backlog=50% stage=startup people=10-15`.

Also `key: value` for known keys; key aliases are in `model.KEYS`. The Slack modal's fields
are read by the same `key_value`, one field at a time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot import regex_store
from bot.team_facts.counts import qty
from bot.team_facts.flags import FALSE, STAGE_WORDS, TRUE
from bot.team_facts.model import BOOLEAN, KEY_ALIASES, LABELS, ORDER, Fact
from bot.team_facts.numbers import words_in
from bot.team_facts.share import word_share

if TYPE_CHECKING:
    from bot.team_facts.reader import Reader

_KV = regex_store.compile(
    r"(?<![\w-])(?P<key>[a-z][a-z_-]*)\s*(?P<sep>=|:)\s*(?P<val>[^\s,;=()\[\]\"?!]+"
    r"(?:\s*(?:-|to)\s*[^\s,;=()\[\]\"?!]+)?)",
    re.I,
)


def read(reader: Reader) -> None:
    """The `key=value` pass: known keys become facts; an unknown `key=` is refused by name."""
    for match in list(_KV.finditer(reader.text)):
        key = match["key"].lower()
        name = KEY_ALIASES.get(key)
        if name is None:
            if match["sep"] == "=":
                known = ", ".join(ORDER)
                reader.error(reader.said(match), f"I don't know the fact “{key}”; I know {known}.")
                reader.consume(match.start(), match.end())
            continue
        value = match["val"].strip().rstrip(".")
        if match["sep"] == ":" and not _a_value(value):
            continue  # "1 product: merge the roles?" is prose, not `product: merge`
        reader.consume(match.start(), match.end())
        key_value(reader, name, value, reader.said(match))


def _a_value(value: str) -> bool:
    """Could this be a fact's value (a number, a share, yes/no, a stage), not a prose word?"""
    low = value.lower()
    spaced = low.replace("_", " ")
    return bool(
        re.search(r"\d", low)
        or re.fullmatch(qty(words_in(spaced)), spaced, re.I)
        or re.fullmatch(TRUE, low)
        or re.fullmatch(FALSE, low)
        or low in STAGE_WORDS
        or word_share(low.replace("_", " ").replace("-", " ")) is not None
    )


def key_value(reader: Reader, name: str, value: str, said: str) -> None:
    """One value for one fact, from `key=value` or a modal field: `("squads", "2-4")`."""
    low_value = value.lower()
    if name in BOOLEAN:
        if re.fullmatch(TRUE, low_value):
            reader.add(Fact(name, True, None, said))
        elif re.fullmatch(FALSE, low_value):
            reader.add(Fact(name, False, None, said))
        else:
            reader.error(said, f"{LABELS[name]} takes yes or no.")
        return
    if name == "stage":
        stage = STAGE_WORDS.get(low_value)
        if stage is None:
            reader.error(said, "stage takes startup, scale-up or enterprise.")
        else:
            reader.add(Fact("stage", stage, None, said))
        return
    if name == "backlog_share":
        match = re.fullmatch(
            r"(?P<a>-?\d+(?:\.\d+)?)\s*%?(?:\s*(?:-|to)\s*(?P<b>-?\d+(?:\.\d+)?)\s*%?)?", value
        )
        if match:
            low = float(match["a"])
            high = float(match["b"]) if match["b"] else low
            if "%" not in value and "." in value and 0 <= high <= 1:
                low, high = low * 100, high * 100  # backlog=0.5 is a fraction
            reader.share(low, high, said)
            return
        fraction = word_share(low_value.replace("_", " ").replace("-", " "))
        if fraction is None:
            reader.error(said, "the backlog share takes a percent such as 40% or a fraction.")
        else:
            reader.share(fraction, fraction, said)
        return
    spaced = value.replace("_", " ")
    match = re.fullmatch(qty(words_in(spaced)), spaced, re.I)
    if not match:
        reader.error(said, f"{LABELS[name]} takes a number such as 3 or a range such as 2-4.")
        return
    reader.number(name, match, said)
