"""Yes/no facts and the stage from prose: strategy suffering ("the roadmap hasn't been touched
in months"), a technical founder acting as PM, an experienced hybrid, startup/scale-up/enterprise.

The patterns are strings, compiled by `re` on first use: most questions never need them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot import regex_store
from bot.advisor_intent import STRATEGY_DROPPED
from bot.team_facts.model import Fact

if TYPE_CHECKING:
    from bot.team_facts.reader import Reader

TRUE = r"(?:yes|y|true|1|on|suffering)"
FALSE = r"(?:no|n|false|0|off|none|fine|ok)"
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
    r"interviewed|met|visited)\s+(?:any\s+|a\s+single\s+|a\s+)?(?:customers?|users?)",
    r"roadmap\s+reviews?\s+(?:\w+\s+){0,3}?(?:cancell?ed|skipped|postponed|dropped|stopped)",
    r"strateg(?:y|ic\s+work|ic\s+thinking)\s+(?:is\s+|'s\s+|has\s+been\s+|keeps\s+)?"
    r"(?:suffering|slipping|stalled|neglected|falling\s+behind|suffers|stopped|lacking|dying|"
    r"on\s+hold|gets?\s+(?:dropped|skipped|neglected))",
    r"no\s+(?:time|room|space)\s+(?:left\s+)?for\s+(?:strategy|discovery|strategic|the\s+roadmap)",
    r"(?:pm|she|he|they|we)\s+(?:is|are|'s|'re)\s+(?:purely\s+|always\s+|only\s+|just\s+)?"
    r"(?:reactive|firefighting|fire-fighting)",
    r"(?:strategy|roadmap)\s+(?:only\s+)?(?:happens|gets\s+done)\s+(?:on\s+)?weekends",
    STRATEGY_DROPPED,  # "since the merge nobody does discovery anymore"
    rf"strategy[_ ]?(?:suffering)?\s*[=:]\s*{TRUE}\b",
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
    rf"strategy[_ ]?(?:suffering)?\s*[=:]\s*{FALSE}\b",
]
_FOUNDER_YES = [
    r"(?<!no\s)(?<!not\s)(?<!without\s)(?<!not\sa\s)\b(?:technical|tech|engineering)\s+"
    r"(?:co-?)?founders?",
    # Adair's exception is a *technical* founder handling strategy: a CTO or a founder, not
    # any CEO ("the CEO does product strategy" had tipped a 12-person team to "borderline")
    r"\b(?:cto|co-?founder|founder)\s+(?:\w+\s+)?(?:is|acts\s+as|acting\s+as|plays|does|"
    r"handles|owns|sets|is\s+also|doubles\s+as|works\s+as|serves\s+as)\s+(?:the\s+|our\s+|as\s+)?"
    r"(?:pm|product\s+manager|product\s+strategy|the\s+strategy|strategy|product\b(?!\s+owner))",
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
# For each pattern above, in order, words of which every match holds one (what
# `bot.regex_anchors.anchors` finds in it; tests/advisor/test_fact_screens.py checks they
# agree): a pattern whose words are all missing from the text is neither compiled nor run.
# Most questions name none of them.
_ANCHORS: dict[str, list[tuple[str, ...]]] = {
    "strategy_bad": [
        *[("roadmap",)] * 5,
        ("calls", "conversations", "interviews", "research"),
        ("calls", "interview", "research"),
        ("customer", "user"),
        ("roadmap",),
        ("strateg",),
        ("discovery", "roadmap", "strategic", "strategy"),
        ("fire-fighting", "firefighting", "reactive"),
        ("weekends",),
        ("discovery", "research", "roadmap", "strategic", "strategy"),
        ("strategy",),
    ],
    "strategy_ok": [
        ("strateg",),
        ("suffering",),
        ("roadmap",),
        ("roadmap",),
        ("frequent", "monthly", "ongoing", "regular", "weekly"),
        ("strategy",),
        ("strategy",),
    ],
    "founder_yes": [("founder",), ("cto", "founder"), ("founder-led",)],
    "founder_no": [("founder",), ("involved", "technical"), ("non-technical",)],
    "hybrid_yes": [("experienced", "seasoned", "veteran"), ("done", "held", "played"), ("before",)],
    "stage": [
        ("growth", "hypergrowth", "longer", "scale", "scaling", "series", "start"),
        ("companies", "company", "corporation", "enterprise", "fortune", "multinational", "organi"),
        ("early", "round", "seed", "series", "stage", "start"),
    ],
}
_LISTS = {
    "strategy_bad": _STRATEGY_BAD,
    "strategy_ok": _STRATEGY_OK,
    "founder_yes": _FOUNDER_YES,
    "founder_no": _FOUNDER_NO,
    "hybrid_yes": _HYBRID_YES,
    "stage": [pattern for _, pattern in _STAGE],
}
STAGE_WORDS = {
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


def read(reader: Reader) -> None:
    """The yes/no facts and the stage, read from the whole text as typed."""
    text = reader.original
    if bad := _first("strategy_bad", text)[1]:
        reader.add(Fact("strategy_suffering", True, None, bad))
    elif ok := _first("strategy_ok", text)[1]:
        reader.add(Fact("strategy_suffering", False, None, ok))
    if no := _first("founder_no", text)[1]:
        reader.add(Fact("technical_founder", False, None, no))
    elif yes := _first("founder_yes", text)[1]:
        reader.add(Fact("technical_founder", True, None, yes))
    if hybrid := _first("hybrid_yes", text)[1]:
        reader.add(Fact("experienced_hybrid", True, None, hybrid))
    index, said = _first("stage", text)
    if said:
        reader.add(Fact("stage", _STAGE[index][0], None, said))


def _first(name: str, text: str) -> tuple[int, str]:
    """Which of the list's patterns is the first found in `text`, and what it matched as typed;
    `(-1, "")` when none is. A pattern whose anchor words are all missing is skipped."""
    lowered = text.lower() if text.isascii() else None  # ASCII: `re.I` equality is lower()
    for index, (words, pattern) in enumerate(zip(_ANCHORS[name], _LISTS[name], strict=True)):
        if lowered is not None:
            if not any(word in lowered for word in words):
                continue
        elif not re.search("|".join(map(re.escape, words)), text, re.I):
            continue
        if found := regex_store.compile(pattern, re.I).search(text):
            return index, " ".join(found.group().split())
    return -1, ""
