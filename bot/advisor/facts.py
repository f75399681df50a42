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
* A technical founder acting as PM ("technical founder", "our CTO acts as PM"), an experienced
  hybrid ("has done both roles"), the stage: startup (also early-stage, seed), scale-up
  (also "past the startup stage", series B+), enterprise (also "large company", "corporation").

Sane bounds (`BOUNDS`): squads 0..500, people 1..100,000, engineers 0..50,000, products
1..1,000, markets 1..200, personas 1..100, backlog share 0..100%. Counts are whole numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Fact:
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
        low = _fmt(self.value)
        if not self.is_range:
            return f"{low}{unit}"
        top = BOUNDS[self.name][1]
        if self.high == top:
            return f"{low}{unit}+"
        return f"{low}-{_fmt(self.high or 0)}{unit}"

    def as_json(self) -> float | bool | str | list[float]:
        if isinstance(self.value, bool | str) or not self.is_range:
            return self.value
        return [self.value, self.high or 0]


@dataclass
class Parsed:
    facts: dict[str, Fact] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def matched(self) -> tuple[str, ...]:
        return tuple(f"{name}={self.facts[name].show()}" for name in ORDER if name in self.facts)


def _fmt(number: float) -> str:
    if number == int(number):
        return f"{int(number):,}" if number >= 10_000 else str(int(number))
    return f"{number:.1f}".rstrip("0").rstrip(".")


# --- numbers ------------------------------------------------------------------------------

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_TENS.pop("_")
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORDS = "|".join(sorted([*_SMALL, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
_WORDNUM = (
    rf"(?:a\s+couple(?:\s+of)?|half\s+a\s+dozen|(?:an?\s+(?=(?:hundred|thousand|million|billion"
    rf"|dozen)\b))?(?:{_WORDS})(?:(?:\s+|-)(?:and\s+)?(?:{_WORDS}))*)(?![a-z])"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?k?"
NUM = rf"(?:(?:-\s?|minus\s+|negative\s+)?(?:{_DIGITS}|{_WORDNUM}))"


def to_number(token: str) -> float:
    """`"twenty-five"` → 25, `"1,200"` → 1200, `"1.5k"` → 1500, `"-3"` → -3, `"a dozen"` → 12."""
    text = token.strip().lower()
    sign = 1
    for prefix in ("minus ", "negative ", "-"):
        if text.startswith(prefix):
            sign, text = -1, text[len(prefix) :].strip()
    if text[0].isdigit():
        mult = 1000 if text.endswith("k") else 1
        return sign * float(text.rstrip("k").replace(",", "")) * mult
    if text.startswith("a couple"):
        return sign * 2
    if text == "half a dozen":
        return sign * 6
    total = current = 0
    for word in re.split(r"[\s-]+", text):
        if word in ("a", "an", "and", ""):
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[word]
            current = 0
    return sign * float(total + current)


# --- patterns -------------------------------------------------------------------------------

_PRE = (
    r"(?P<pre>more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under|below|up\s+to|"
    r"at\s+most|about|around|roughly|approximately|approx\.?|nearly|almost|~|>=|<=|>|<)\s*"
)
_QTY = (
    rf"(?:{_PRE})?(?:between\s+(?P<ba>{NUM})\s+and\s+(?P<bb>{NUM})|"
    rf"(?P<a>{NUM})(?:\s*(?:-|to|or)\s*(?P<b>{NUM}))?(?P<plus>\+)?|"
    r"(?P<many>multiple|several|many|various|a\s+few))"
)
_ADJ = (
    r"scrum|engineering|dev|development|delivery|feature|product|agile|cross-functional|"
    r"software|full-time|fulltime|backend|back-end|frontend|front-end|mobile|web|qa|senior|"
    r"junior|main|primary|core|distinct|different|separate|key|target|user|customer|"
    r"geographic|international|regional|of|our|the|total|in-house|active|big|small|major|live|"
    r"b2b|b2c|independent|autonomous|stream-aligned|platform|whole|entire|only|just|single|"
    r"distinct|unique|business|internal|external|full|stack|full-stack|great|amazing|"
    r"wonderful|dedicated|permanent|new|additional|extra|more|other|upcoming"
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
# "2 squads of 6 devs each": the engineers are the product, not the 6
_TEAMS_OF_EACH = re.compile(
    rf"\b(?P<teams>{NUM})\s+(?:squads?|scrum\s+teams?|teams?|pods?)\s+(?:of|with)\s+"
    rf"(?P<size>{NUM})\s+(?:engineers?|devs?|developers?|programmers?|people)\s+(?:each|apiece)\b",
    re.I,
)
_NOUN_ALT = "|".join(f"(?P<n_{name}>{alt})" for name, alt in _NOUNS)

_NUM_NOUN = re.compile(
    rf"(?<![\w.,-]){_QTY}\s*(?:-\s*)?(?:(?:{_ADJ})\s+){{0,2}}?(?:{_NOUN_ALT})(?![\w-])",
    re.I,
)
_PERSON_SIZE = re.compile(
    rf"(?<![\w.,-]){_QTY}\s*-?\s*(?:person|people|strong|member|head)\b"
    r"(?:\s+(?:team|company|startup|start-up|org|organi[sz]ation|shop|business|outfit))?",
    re.I,
)
_ENG_TEAM = re.compile(
    rf"\b(?:engineering|dev|development|tech|r&d)\s+(?:team|org|organi[sz]ation|department|"
    rf"headcount|group)\s+(?:of|is|has|at|:)?\s*(?:size\s+)?{_QTY}(?!\s*[%\w])",
    re.I,
)
_TEAM_OF = re.compile(
    rf"\b(?:team|company|startup|start-up|org|organi[sz]ation|business|shop|headcount|"
    rf"team\s+size|company\s+size|size)\s*(?:of|is|at|:|=|has)?\s*{_QTY}(?!\s*[%\w])",
    re.I,
)
_WE_ARE = re.compile(
    rf"\b(?:we're|we\s+are|were|there\s+are)\s+(?:a\s+team\s+of\s+|only\s+|just\s+)?{_QTY}"
    rf"(?:\s+of\s+us)?(?!\s*[%\w])",
    re.I,
)
_OF_US = re.compile(rf"(?<![\w.,-]){_QTY}\s+of\s+us\b", re.I)
_SINGLE = re.compile(
    rf"\b(?:a\s+single|single|only\s+one|just\s+one|one)\s+(?:(?:{_ADJ})\s+){{0,2}}?"
    rf"(?:{_NOUN_ALT})(?![\w-])",
    re.I,
)
# "one person can do both", "two people or one", "one of us": about the roles, not the team
_MASKS = [
    re.compile(
        r"\b(?:one|1|a\s+single|single|the\s+same|same|a|another|second|one\s+more|an\s+extra|"
        r"two|2|separate|different|dedicated|extra)\s+(?:person|individual|human|hire)s?\b"
        r"(?!\s*(?:team|company|startup|org|shop))",
        re.I,
    ),
    re.compile(
        r"\b(?:two|2|separate|different|dedicated)\s+people\b"
        r"(?=\s*(?:[?.,!]|$|or\b|for\b|to\b|doing\b|instead\b|in\s+the\b|on\s+the\b))",
        re.I,
    ),
    re.compile(r"\bone\s+of\s+(?:us|them|the|our|my)\b", re.I),
    re.compile(r"\b(?:one|two)\s+(?:roles?|jobs?|hats?|titles?)\b", re.I),
    re.compile(
        r"\b(?:\d+|one|two|three|four|six)[-\s]+(?:weeks?|months?|days?|years?|hours?)\b", re.I
    ),
]

_FRACTIONS = {
    "half": 50.0,
    "third": 100 / 3,
    "quarter": 25.0,
    "fifth": 20.0,
    "tenth": 10.0,
}
_SHARE = re.compile(
    r"(?<![\w.])(?P<pa>-?\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(?P<pb>\d+(?:\.\d+)?))?\s*(?:%|percent\b|"
    r"per\s+cent\b|pct\b)"
    r"|(?<![\w/])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\w/])"
    r"|\b(?P<word>(?:(?:a|an|one|two|three|four|1|2|3|4)\s+)?(?:half|thirds?|quarters?|fifths?|"
    r"tenths?)|most|almost\s+all|nearly\s+all|all|the\s+majority|hardly\s+any|little)"
    r"(?=\s+(?:of\s+)?(?:her|his|their|the|my|our|pm's|its|a)?\s*(?:time|week|day|days|hours|"
    r"working|calendar|capacity|energy|bandwidth)|\s+(?:of\s+)?(?:her|his|their|my|the\s+pm's)\b)",
    re.I,
)
_WORD_SHARE = {
    "most": 75.0,
    "almost all": 90.0,
    "nearly all": 90.0,
    "all": 100.0,
    "the majority": 75.0,
    "hardly any": 10.0,
    "little": 10.0,
}
_BACKLOG_WORDS = re.compile(
    r"\b(?:backlog|groom|refine|refinement|stor(?:y|ies)|tickets?|jira|sprint|standups?|"
    r"acceptance\s+criteria|delivery|execution|po\s+work|scrum|planning|specs?|requirements)\w*",
    re.I,
)
_STRATEGY_WORDS = re.compile(
    r"\b(?:strateg|discovery|roadmap|research|customers?|interviews?|vision|market)\w*", re.I
)

_TRUE = r"(?:yes|y|true|1|on|suffering)"
_FALSE = r"(?:no|n|false|0|off|none|fine|ok)"
_NEG = r"(?:hasn't|has\s+not|hasnt|haven't|have\s+not|havent|wasn't|was\s+not|isn't|is\s+not|not)"

_STRATEGY_BAD = [
    rf"roadmap\s+(?:\w+\s+)?{_NEG}\s+(?:been\s+)?(?:touched|updated|looked\s+at|revisited|"
    r"reviewed|refreshed|changed|opened|maintained)",
    rf"{_NEG}\s+(?:touched|updated|looked\s+at|revisited|reviewed|refreshed|opened)\s+"
    r"(?:the|our|my|a|their)\s+roadmap",
    r"(?:stale|outdated|out-of-date|out\s+of\s+date|dusty|abandoned|neglected|old|dead)\s+roadmap",
    r"roadmap\s+(?:is|'s|has\s+gone|went|got|looks|feels)\s+(?:\w+\s+)?(?:stale|outdated|"
    r"out\s+of\s+date|out-of-date|months\s+old|years\s+old|dusty|neglected|ignored|abandoned|dead)",
    r"roadmap\s+(?:was|were)\s+(?:last\s+)?(?:touched|updated|reviewed)\s+(?:\w+\s+){0,3}?"
    r"(?:months|years|a\s+year|last\s+year)",
    r"no\s+(?:time\s+for\s+|more\s+|recent\s+)?(?:customer|user)\s+(?:interviews|research|calls|"
    r"conversations)",
    r"(?:customer|user)\s+(?:interviews?|research|calls)\s+(?:\w+\s+){0,3}?(?:postponed|cancell?ed|"
    r"skipped|dropped|pushed\s+back|put\s+off|delayed|stopped|stalled)",
    rf"(?:{_NEG}|didn't|did\s+not|never)\s+(?:done|run|had|held|talked\s+to|spoken\s+to|"
    r"interviewed|met|visited)\s+(?:any\s+|a\s+single\s+)?(?:customers?|users?)",
    r"roadmap\s+reviews?\s+(?:\w+\s+){0,3}?(?:cancell?ed|skipped|postponed|dropped|stopped)",
    r"strateg(?:y|ic\s+work|ic\s+thinking)\s+(?:is\s+|'s\s+|has\s+been\s+|keeps\s+)?"
    r"(?:suffering|slipping|stalled|neglected|falling\s+behind|suffers|stopped|lacking|dying|"
    r"on\s+hold|gets?\s+(?:dropped|skipped|neglected))",
    r"no\s+(?:time|room|space)\s+(?:left\s+)?for\s+(?:strategy|discovery|strategic|the\s+roadmap)",
    r"(?:pm|she|he|they|we)\s+(?:is|are|'s|'re)\s+(?:purely\s+|always\s+|only\s+|just\s+)?"
    r"(?:reactive|firefighting|fire-fighting)",
    r"(?:strategy|roadmap)\s+(?:only\s+)?(?:happens|gets\s+done)\s+(?:on\s+)?weekends",
    rf"strategy[_ ]?(?:suffering)?\s*[=:]\s*{_TRUE}\b",
]
_STRATEGY_OK = [
    r"strateg(?:y|ic\s+work)\s+(?:is\s+|'s\s+|seems\s+|looks\s+)?(?:fine|ok|okay|healthy|"
    r"on\s+track|good|solid|in\s+good\s+shape|going\s+well|not\s+suffering|under\s+control)",
    rf"strateg(?:y|ic\s+work)\s+{_NEG}\s+suffering",
    r"roadmap\s+(?:is|'s)\s+(?:\w+\s+)?(?:up\s+to\s+date|up-to-date|current|fresh|healthy|"
    r"in\s+good\s+shape)",
    r"roadmap\s+(?:was|got|is)\s+(?:updated|refreshed|reviewed)\s+(?:last|this|every)\s+"
    r"(?:week|month|sprint|quarter)",
    r"(?:regular|weekly|monthly|frequent|ongoing)\s+(?:customer|user)\s+(?:interviews|calls|research)",
    r"(?:still\s+)?(?:has|have)\s+(?:plenty\s+of\s+|enough\s+)?time\s+for\s+strategy",
    rf"strategy[_ ]?(?:suffering)?\s*[=:]\s*{_FALSE}\b",
]
_FOUNDER_YES = [
    r"(?<!no\s)(?<!not\s)(?<!without\s)(?<!not\sa\s)\b(?:technical|tech|engineering)\s+"
    r"(?:co-?)?founders?",
    r"\b(?:cto|co-?founder|founder|ceo)\s+(?:\w+\s+)?(?:is|acts\s+as|acting\s+as|plays|does|"
    r"handles|owns|sets|is\s+also|doubles\s+as|works\s+as|serves\s+as)\s+(?:the\s+|our\s+|as\s+)?"
    r"(?:pm|product\s+manager|product\s+strategy|the\s+strategy|strategy|product\b)",
    r"founder-led\s+product",
]
_FOUNDER_NO = [
    r"\b(?:no|not\s+a|without\s+a|don't\s+have\s+a|do\s+not\s+have\s+a)\s+(?:technical\s+|tech\s+)?"
    r"(?:co-?)?founder",
    r"founder[s]?\s+(?:is|are)\s+not\s+(?:technical|involved)",
    r"non-technical\s+(?:co-?)?founders?",
]
_HYBRID_YES = [
    r"(?:experienced|seasoned|veteran)\s+(?:hybrid|pm/po|pm-po|pm\s+and\s+po|in\s+both)",
    r"(?:has|have|'s|'ve)\s+(?:already\s+)?(?:done|held|played)\s+both\s+(?:roles|jobs)",
    r"(?:has|have)\s+been\s+(?:both\s+)?(?:a\s+)?pm\s+and\s+(?:a\s+)?po\s+before",
]
_STAGE = [
    (
        "scale-up",
        r"scale-?ups?|scaling\s+up|series\s+[b-e]\b|growth[- ]stage|hypergrowth|"
        r"(?:past|beyond|outgrown|out\s*grown)\s+(?:the\s+)?start-?up|no\s+longer\s+a\s+start-?up",
    ),
    (
        "enterprise",
        r"\b(?:an|large|big|global)\s+enterprise\b|\benterprise\s+(?:company|organi[sz]ation|org|"
        r"corporation|business)\b|large\s+(?:company|companies|organi[sz]ation|corporation)|"
        r"big\s+(?:company|corporation|organi[sz]ation)|corporation|multinational|fortune\s+500",
    ),
    (
        "startup",
        r"start-?up|early[- ]stage|seed[- ]stage|pre-?seed|series\s+a\b|seed\s+round",
    ),
]
_STAGE_WORDS = {
    "startup": "startup",
    "start-up": "startup",
    "early": "startup",
    "early-stage": "startup",
    "seed": "startup",
    "scale-up": "scale-up",
    "scaleup": "scale-up",
    "scale": "scale-up",
    "growth": "scale-up",
    "enterprise": "enterprise",
    "large": "enterprise",
    "corporate": "enterprise",
}

_KV = re.compile(
    r"(?<![\w-])(?P<key>[a-z][a-z_-]*)\s*(?P<sep>=|:)\s*(?P<val>[^\s,;=()\[\]\"?!]+"
    r"(?:\s*(?:-|to)\s*[^\s,;=()\[\]\"?!]+)?)",
    re.I,
)


def _clean(text: str) -> str:
    """Same-length normalization so every span still points at what the user typed."""
    table = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " ", "“": '"'})
    return text.translate(table)


def _size(fact: Fact) -> float:
    value = fact.high if fact.high is not None else fact.value
    return float(value) if isinstance(value, int | float) else 0.0


class _Reader:
    def __init__(self, text: str, prose: bool = False) -> None:
        self.prose = prose
        self.original = _clean(text or "")
        self.text = self.original
        self.parsed = Parsed()
        self._seen: dict[str, Fact] = {}

    # spans we have used are blanked out so no later pattern reads them twice
    def _consume(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def said(self, match: re.Match[str]) -> str:
        return " ".join(self.original[match.start() : match.end()].split())

    def error(self, said: str, message: str) -> None:
        if self.prose:
            return  # a story about a team is read for what it says plainly, not checked
        self.parsed.errors.append(f"“{said}”: {message}")

    def add(self, fact: Fact) -> None:
        previous = self._seen.get(fact.name)
        if previous is not None:
            if self.prose:
                # "3 projects (5 devs), a sister product (4 devs)": the larger count is the team
                if _size(fact) > _size(previous):
                    self._seen[fact.name] = fact
                    self.parsed.facts[fact.name] = fact
            elif (previous.value, previous.high) != (fact.value, fact.high):
                self.error(
                    fact.said,
                    f"{LABELS[fact.name]} given twice (“{previous.said}” and “{fact.said}”); "
                    "which is it?",
                )
                self.parsed.facts.pop(fact.name, None)
            return
        self._seen[fact.name] = fact
        self.parsed.facts[fact.name] = fact

    # --- numbers -------------------------------------------------------------------------

    def number(self, name: str, match: re.Match[str], said: str) -> None:
        groups = match.groupdict()
        if groups.get("many"):
            low, high = 2.0, float(BOUNDS[name][1])
            if groups["many"].lower().startswith("a"):  # "a few"
                low, high = 2.0, 5.0
            self.count(name, low, high, said)
            return
        first, second = groups.get("ba") or groups.get("a"), groups.get("bb") or groups.get("b")
        if first is None:
            return
        low = to_number(first)
        high = to_number(second) if second else low
        pre = " ".join((groups.get("pre") or "").lower().split())
        top = float(BOUNDS[name][1])
        if self.prose and low < 0:  # "- 4 teams": a dash in a sentence, not a minus
            low, high = abs(low), abs(high)
        if low < 0 or high < 0:
            self.error(said, f"the number of {LABELS[name]} can't be negative.")
            return
        if pre in ("more than", "over", "above", ">"):
            low, high = low + 1, max(top, low + 1)
        elif pre in ("at least", ">=") or groups.get("plus"):
            high = max(top, low)
        elif pre in ("fewer than", "less than", "under", "below", "<"):
            low, high = float(BOUNDS[name][0] or 1), high - 1
        elif pre in ("up to", "at most", "<="):
            low = float(BOUNDS[name][0] or 1)
        self.count(name, low, high, said)

    def count(self, name: str, low: float, high: float, said: str) -> None:
        lo_bound, hi_bound = BOUNDS[name]
        label = LABELS[name]
        if low != int(low) or high != int(high):
            self.error(said, f"{label} must be a whole number.")
            return
        if high < low:
            self.error(said, "the range runs backwards; write the smaller number first.")
            return
        if low > hi_bound or (high > hi_bound and high != float(hi_bound)):
            bad = low if low > hi_bound else high
            self.error(
                said,
                f"{_fmt(bad)} {label} is more than I can take seriously "
                f"(I accept up to {_fmt(hi_bound)}).",
            )
            return
        if low < lo_bound:
            self.error(said, f"{label} must be at least {lo_bound}.")
            return
        self.add(Fact(name, low, high, said))

    def share(self, low: float, high: float, said: str) -> None:
        if self.prose and low < 0:  # "- 4 teams": a dash in a sentence, not a minus
            low, high = abs(low), abs(high)
        if low < 0 or high < 0:
            self.error(said, "a share of the PM's time can't be negative.")
            return
        if low > 100 or high > 100:
            self.error(said, "a share of the PM's time must be between 0% and 100%.")
            return
        if high < low:
            self.error(said, "the range runs backwards; write the smaller number first.")
            return
        self.add(Fact("backlog_share", round(low, 1), round(high, 1), said))

    # --- passes --------------------------------------------------------------------------

    def key_values(self) -> None:
        for match in list(_KV.finditer(self.text)):
            key = match["key"].lower()
            name = KEY_ALIASES.get(key)
            if name is None:
                if match["sep"] == "=":
                    known = ", ".join(ORDER)
                    self.error(self.said(match), f"I don't know the fact “{key}”; I know {known}.")
                    self._consume(match.start(), match.end())
                continue
            self._consume(match.start(), match.end())
            self.key_value(name, match["val"].strip().rstrip("."), self.said(match))

    def key_value(self, name: str, value: str, said: str) -> None:
        low_value = value.lower()
        if name in BOOLEAN:
            if re.fullmatch(_TRUE, low_value):
                self.add(Fact(name, True, None, said))
            elif re.fullmatch(_FALSE, low_value):
                self.add(Fact(name, False, None, said))
            else:
                self.error(said, f"{LABELS[name]} takes yes or no.")
            return
        if name == "stage":
            stage = _STAGE_WORDS.get(low_value)
            if stage is None:
                self.error(said, "stage takes startup, scale-up or enterprise.")
            else:
                self.add(Fact("stage", stage, None, said))
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
                self.share(low, high, said)
                return
            fraction = _word_share(low_value.replace("_", " ").replace("-", " "))
            if fraction is None:
                self.error(said, "the backlog share takes a percent such as 40% or a fraction.")
            else:
                self.share(fraction, fraction, said)
            return
        match = re.fullmatch(_QTY, value.replace("_", " "), re.I)
        if not match:
            self.error(said, f"{LABELS[name]} takes a number such as 3 or a range such as 2-4.")
            return
        self.number(name, match, said)

    def counted(self) -> None:
        for mask in _MASKS:
            for match in list(mask.finditer(self.text)):
                self._consume(match.start(), match.end())
        for match in list(_TEAMS_OF_EACH.finditer(self.text)):
            teams, size = to_number(match.group("teams")), to_number(match.group("size"))
            if teams > 0 and size > 0:
                said = self.said(match)
                self._consume(match.start(), match.end())
                self.count("squads", teams, teams, said)
                self.count("engineers", teams * size, teams * size, said)
        for pattern, fixed in ((_PERSON_SIZE, "people"), (_NUM_NOUN, None)):
            for match in list(pattern.finditer(self.text)):
                name = fixed or next(
                    _NOUN_FACT[k] for k, v in match.groupdict().items() if k in _NOUN_FACT and v
                )
                self._consume(match.start(), match.end())
                self.number(name, match, self.said(match))
        for match in list(_SINGLE.finditer(self.text)):
            name = next(
                _NOUN_FACT[k] for k, v in match.groupdict().items() if k in _NOUN_FACT and v
            )
            self._consume(match.start(), match.end())
            self.count(name, 1, 1, self.said(match))
        for pattern, name in (
            (_ENG_TEAM, "engineers"),
            (_TEAM_OF, "people"),
            (_WE_ARE, "people"),
            (_OF_US, "people"),
        ):
            for match in list(pattern.finditer(self.text)):
                if not (match.group("a") or match.group("ba")):
                    continue
                self._consume(match.start(), match.end())
                self.number(name, match, self.said(match))

    def backlog(self) -> None:
        for sentence in re.finditer(r"[^.;!?\n]+", self.text):
            body = sentence.group()
            for match in _SHARE.finditer(body):
                if not _about_backlog(body, match.start(), match.end()):
                    continue
                start, end = sentence.start() + match.start(), sentence.start() + match.end()
                said = " ".join(self.original[start:end].split())
                if match["pa"] is not None:
                    low = float(match["pa"])
                    high = float(match["pb"]) if match["pb"] else low
                    self.share(low, high, said)
                elif match["num"] is not None:
                    den = float(match["den"])
                    if den == 0:
                        self.error(said, "that fraction divides by zero.")
                        continue
                    value = float(match["num"]) / den * 100
                    self.share(value, value, said)
                else:
                    value = _word_share(" ".join(match["word"].lower().split()))
                    if value is not None:
                        self.share(value, value, said)
                self._consume(start, end)

    def flags(self) -> None:
        text = self.original
        bad = _any(_STRATEGY_BAD, text)
        if bad:
            self.add(Fact("strategy_suffering", True, None, bad))
        elif ok := _any(_STRATEGY_OK, text):
            self.add(Fact("strategy_suffering", False, None, ok))
        if no := _any(_FOUNDER_NO, text):
            self.add(Fact("technical_founder", False, None, no))
        elif yes := _any(_FOUNDER_YES, text):
            self.add(Fact("technical_founder", True, None, yes))
        if hybrid := _any(_HYBRID_YES, text):
            self.add(Fact("experienced_hybrid", True, None, hybrid))
        for stage, pattern in _STAGE:
            found = re.search(pattern, text, re.I)
            if found:
                self.add(Fact("stage", stage, None, " ".join(found.group().split())))
                break


def _any(patterns: list[str], text: str) -> str:
    for pattern in patterns:
        found = re.search(pattern, text, re.I)
        if found:
            return " ".join(found.group().split())
    return ""


def _word_share(word: str) -> float | None:
    word = word.strip()
    if word in _WORD_SHARE:
        return _WORD_SHARE[word]
    match = re.fullmatch(
        r"(?:(?P<n>a|an|one|two|three|four|1|2|3|4)\s+)?(?P<d>half|third|quarter|fifth|tenth)s?",
        word,
    )
    if not match:
        return None
    count = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(match["n"] or "a")
    if count is None:
        count = int(match["n"])
    return round(min(count * _FRACTIONS[match["d"]], 100.0), 1)


def _about_backlog(sentence: str, start: int, end: int) -> bool:
    """Is the nearest topic word to this share about backlog work rather than strategy?

    Words after the share count double ("70% on the backlog"), so "30% on strategy and 70% on
    the backlog" reads each share with its own topic.
    """
    window_start, window_end = max(0, start - 70), min(len(sentence), end + 70)
    best: tuple[float, bool] | None = None
    for pattern, is_backlog in ((_BACKLOG_WORDS, True), (_STRATEGY_WORDS, False)):
        for word in pattern.finditer(sentence, window_start, window_end):
            if word.start() >= end:
                distance: float = (word.start() - end) / 2
            else:
                distance = start - word.end()
            if best is None or distance < best[0]:
                best = (distance, is_backlog)
    return bool(best and best[1])


def parse(text: str, prose: bool = False) -> Parsed:
    """Team facts in `text`. `prose`: a question's story, where a slip is ignored, not refused."""
    reader = _Reader(text, prose)
    reader.key_values()
    reader.backlog()
    reader.counted()
    reader.flags()
    parsed = reader.parsed
    parsed.facts = {name: parsed.facts[name] for name in ORDER if name in parsed.facts}
    return parsed


def parse_value(name: str, value: str) -> tuple[Fact | None, str]:
    """One fact from one form field (the Slack modal): `("squads", "four")` → 4.

    Returns the fact, or None and a problem naming the value as typed.
    """
    reader = _Reader("")
    text = " ".join(_clean(value or "").split())
    reader.key_value(name, text, text)
    if reader.parsed.errors:
        return None, reader.parsed.errors[0]
    return reader.parsed.facts.get(name), ""
