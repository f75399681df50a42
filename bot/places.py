"""Which country or region a question names: "how much does a PO make in Germany?".

The pay entries' figures are all US dollars, and the sources that name a country name the US.
Asked about pay in Germany, India or London, pmpo answered with those figures as if they were
the asker's: a confident answer to a question it has no figures for. An entry that declares
`figures_for` (knowledge/faq.yml) now says first when the place asked about is not one of them.

Only names that are place names in any sentence about pay are here: "Poland" but not "polish"
("polish the backlog"), "US" only in capitals ("pay us more"), no "Georgia", "Jordan" or "Nice".
A city or US state counts as its country, which is what salary figures are given for.
"""

from __future__ import annotations

import re
from functools import cache

from bot import regex_store

# canonical name -> the ways a question writes it (lower case; matched as whole words)
_FORMS: dict[str, str] = {
    "the US": (
        "usa, u.s.a, u.s, united states, america, american, bay area, silicon valley, new york, "
        "nyc, san francisco, seattle, austin, boston, chicago, los angeles, california, texas"
    ),
    "the UK": (
        "uk, u.k, united kingdom, britain, great britain, british, england, scotland, london, "
        "manchester, edinburgh"
    ),
    "Europe": "europe, european, eu, nordics, scandinavia",
    "Germany": "germany, german, berlin, munich, hamburg, frankfurt",
    "the Netherlands": "netherlands, holland, dutch, amsterdam, rotterdam",
    "France": "france, french, paris",
    "Spain": "spain, spanish, madrid, barcelona",
    "Italy": "italy, italian, milan",
    "Portugal": "portugal, lisbon",
    "Ireland": "ireland, irish, dublin",
    "Switzerland": "switzerland, swiss, zurich",
    "Austria": "austria, vienna",
    "Belgium": "belgium, brussels",
    "Sweden": "sweden, swedish, stockholm",
    "Denmark": "denmark, danish, copenhagen",
    "Norway": "norway, norwegian, oslo",
    "Finland": "finland, finnish, helsinki",
    "Poland": "poland, warsaw, krakow",
    "Romania": "romania, bucharest",
    "Ukraine": "ukraine, kyiv",
    "Czechia": "czechia, czech republic, prague",
    "Hungary": "hungary, budapest",
    "Greece": "greece, athens",
    "Canada": "canada, canadian, toronto, vancouver, montreal",
    "Mexico": "mexico, mexican",
    "Brazil": "brazil, brazilian, sao paulo",
    "Argentina": "argentina, buenos aires",
    "Latin America": "latin america, latin american, latam",
    "Asia-Pacific": "apac, asia-pacific, asia pacific",
    "EMEA": "emea",
    "India": (
        "india, indian, bangalore, bengaluru, hyderabad, pune, mumbai, delhi, chennai, noida, "
        "gurgaon"
    ),
    "Pakistan": "pakistan, karachi, lahore",
    "Bangladesh": "bangladesh, dhaka",
    "Sri Lanka": "sri lanka, colombo",
    "China": "china, chinese, shanghai, beijing, shenzhen",
    "Japan": "japan, japanese, tokyo",
    "South Korea": "korea, south korea, seoul",
    "Singapore": "singapore",
    "Malaysia": "malaysia, kuala lumpur",
    "Indonesia": "indonesia, jakarta",
    "the Philippines": "philippines, manila",
    "Vietnam": "vietnam",
    "Australia": "australia, australian, sydney, melbourne, brisbane, perth",
    "New Zealand": "new zealand, auckland, wellington",
    "Israel": "israel, israeli, tel aviv",
    "the UAE": "uae, dubai, abu dhabi, emirates",
    "Saudi Arabia": "saudi, saudi arabia, riyadh",
    "Egypt": "egypt, cairo",
    "Nigeria": "nigeria, lagos",
    "Kenya": "kenya, nairobi",
    "South Africa": "south africa, cape town, johannesburg",
    "Turkey": "istanbul",
}
PLACES: dict[str, tuple[str, ...]] = {k: tuple(v.split(", ")) for k, v in _FORMS.items()}


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every written form, longest first ("new york" before "york"),
    compiled on the first pay question only (and kept between one-shot commands, as every
    pattern `regex_store` compiles)."""
    names = {form: place for place, forms in PLACES.items() for form in forms}
    alternation = "|".join(re.escape(f) for f in sorted(names, key=len, reverse=True))
    return regex_store.compile(rf"(?<![\w.])(?:{alternation})(?![\w])", re.I), names


# "US" is a place only in capitals: "pay us more" is not
_US_CAPS = r"(?<![\w.])U\.?S\.?(?:A\.?)?(?![\w])"


def named_places(text: str) -> tuple[str, ...]:
    """The countries or regions the question names, canonical, in the order first named."""
    pattern, names = _pattern()
    found = [names[m.group(0).lower().rstrip(".")] for m in pattern.finditer(text)]
    if regex_store.compile(_US_CAPS).search(text):
        found.append("the US")
    return tuple(dict.fromkeys(found))


def uncovered(text: str, covered: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The places a question names that `covered` (an entry's `figures_for`) does not."""
    return tuple(p for p in named_places(text) if p not in covered)


def place_note(missing: tuple[str, ...], covered: tuple[str, ...] | list[str]) -> str:
    """The sentence that leads the answer: what is asked for is not in the figures."""
    return f"The sources give no figures for {_join(missing)}, only for {_join(tuple(covered))}."


def _join(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]
