"""Markets named as places: "we sell in Germany, France and the US" is three markets.

A story rarely says "3 markets"; it lists where the product is sold. Only a list after a
selling or operating word counts (a PO "based in Berlin" names no market), and only two or
more places: one place says where the team is, not how many markets it serves.
"""

from __future__ import annotations

import re

from bot import regex_store
from bot.places import named_places
from bot.team_facts.reader import Reader

_SOLD = regex_store.compile(
    r"\b(?:sell|sells|sold|selling|operate|operates|operating|live|launch(?:ed|es|ing)?|"
    r"available|expand(?:s|ed|ing)?|customers|users|clients)\s+(?:\w+\s+){0,2}?"
    r"(?:in|into|across|to)\s+(?P<list>[^.?!;:]{3,120})",
    re.I,
)
# where the list of places ends: the story goes on about something else
_END = regex_store.compile(
    r",?\s+(?:but|with|while|where|so|because|and\s+(?:we|our|i|my|it)\b)\b", re.I
)


# "about to launch in a second country": the market it adds is the count
_NTH = regex_store.compile(
    r"\b(?:a|our|the)\s+(?P<nth>second|2nd|third|3rd|fourth|4th|fifth|5th)\s+"
    r"(?:country|market|region|geography)\b",
    re.I,
)
_ORDINALS = {
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
}


def read(reader: Reader) -> None:
    if "markets" in reader.parsed.facts:
        return  # "3 markets" said in so many words
    nth = _NTH.search(reader.text)
    if nth is not None:
        count = _ORDINALS[nth["nth"].lower()]
        said = " ".join(reader.original[nth.start() : nth.end()].split())
        reader.count("markets", count, count, said)
        return
    for match in _SOLD.finditer(reader.text):
        listed = _END.split(match["list"], maxsplit=1)[0]
        places = named_places(listed)
        if len(places) >= 2:
            start = match.start("list")
            said = " ".join(reader.original[start : start + len(listed)].split())
            reader.count("markets", len(places), len(places), said)
            return
