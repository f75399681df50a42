"""Does a free-form question belong to the advisor? Kept apart from the facts parser.

Every question passes through this check, so it must stay cheap: the facts parser's large
regular expressions (~90 ms to compile) load only when a question shows split/combine intent.
"""

from __future__ import annotations

import re

_ROLE = r"(?:pm|po|p\.m\.|p\.o\.|product\s+manager|product\s+owner|pm/po|pm-po)s?"
INTENT = re.compile(
    r"\b(?:split(?:ting)?|separat(?:e|ing)|combin(?:e|ed|ing)|merg(?:e|ed|ing)|both|"
    r"one\s+person|same\s+person|two\s+people|single\s+person|dual|hybrid|double\s+as|"
    r"two\s+hats|both\s+hats|wear\s+both|also\s+(?:be|act\s+as|serve\s+as)|"
    rf"(?:need|hire|add|get)\s+(?:a|an|another|a\s+separate|a\s+dedicated)\s+{_ROLE}|"
    rf"{_ROLE}\s+(?:too|as\s+well))\b",
    re.I,
)
# "should our PM also be our PO": a team asking about its own people, no numbers needed
_OWN_ROLES = re.compile(
    rf"\b(?:our|my)\s+{_ROLE}\b.*\b(?:also|too|as\s+well|both|double|same|our\s+{_ROLE})", re.I
)


def looks_like_advice(text: str) -> bool:
    """A split/combine question about *this* team: intent plus team facts, or "our PM ... PO".

    "can one person be both PM and PO?" has no team facts, so it stays with the FAQ entry.
    """
    if not text or not INTENT.search(text):
        return False
    if _OWN_ROLES.search(text):
        return True
    from bot.advisor import facts as facts_mod  # heavy; only for questions with intent

    parsed = facts_mod.parse(text)
    # "do startups need both?" is the FAQ's: a stage word alone describes no particular team
    return bool(parsed.errors or set(parsed.facts) - {"stage"})
