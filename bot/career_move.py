"""Which way a career move between the two roles goes, when the roles are words apart.

synonyms.yml turns "from PO to PM" into one term, but people rarely put the roles side by
side: "I'm a PO and want to become a PM", "been a product owner for 3 years, how do I make
the jump to product management?". Without the direction those read as "PO, PM, become" and
go to whichever career entry shares most words, often the move the other way. This finds
the move from the words around each role, so the question gets the same term as "from PO to
PM" (the knowledge base's own texts are read the same way). A bare "PO to PM" is read here
too, and is a move only with a move word near it: "PO to PM transition tips" is one, "a good
PM to PO ratio" is not.
"""

from __future__ import annotations

_SINGLE = {
    **dict.fromkeys(("po", "pos", "productowner", "productowners"), "po"),
    # hashtags and CamelCase: "#ProductOwner", "ProductManagers"
    **dict.fromkeys(("pm", "pms", "productmanager", "productmanagers"), "pm"),
}
ONE_WORD_ROLES = frozenset(_SINGLE)  # a role named in one word, not "product owner"
_PAIRS = {
    ("product", "owner"): "po",
    ("product", "owners"): "po",
    ("product", "manager"): "pm",
    ("product", "managers"): "pm",
    ("product", "management"): "pm",
}
# the role one is leaving: "I'm a PO", "as a PM", "been a product owner", "from PO"
_FROM = frozenset("from as im am been currently former ex being".split())
# the role one is heading for: "to PM", "into product management", "become a PM"
_TO = frozenset("to into become becoming towards toward".split())
# a move in so many words, when the role left behind has no cue of its own ("PO wanting to
# become a PM")
# ("change" is left out: "does the PM hand the backlog to the PO when priorities change?")
MOVE_WORDS = frozenset(
    "move moving switch switching transition transitioning jump pivot career become "
    "becoming promoted promotion".split()
)
_REACH = 3  # a cue counts up to this many words before its role ("become a senior PM")
# the synonyms.yml terms, as the matcher stems them
TERMS = {"po": "from_po_to_pm", "pm": "from_pm_to_po"}
# getting into product management from anywhere ("how do I break into product management?")
INTO_PM = "into_pm"
INTO_PM_SHOWN = "getting into product management"  # the term as "Matched:" names it
# words that make "to PM" or "a PM job" a way in: "transition to PM", "land a PM job"
_ENTRY_WORDS = MOVE_WORDS | frozenset(
    "get getting break breaking land landing enter entering pivoting transit transiting "
    "hired first".split()
)
# cues that are a way in by themselves: "become a PM", "into product management"
_INTO = frozenset("into become becoming".split())
_JOB = frozenset("job jobs role roles position positions career".split())
# what may stand between such a cue and the role: "become a senior PM", "into an APM role";
# "breaking features down into epics a PO…" is no way in
_FILLER = frozenset(
    "a an the my our your his her their senior junior associate technical good first "
    "full time fulltime".split()
)


def _led_by(raw: list[str], at: int, cues: frozenset[str]) -> bool:
    """A cue stands before `at` with only filler words between."""
    i = at - 1
    while i >= 0 and at - i <= _REACH and raw[i] in _FILLER:
        i -= 1
    return i >= 0 and at - i <= _REACH and raw[i] in cues


def role_mentions(raw: list[str]) -> list[tuple[int, str]]:
    """(position, "po" | "pm") for each mention of a role, in order."""
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(raw):
        pair = _PAIRS.get((raw[i], raw[i + 1])) if i + 1 < len(raw) else None
        if pair:
            found.append((i, pair))
            i += 2
            continue
        if raw[i] in _SINGLE:
            found.append((i, _SINGLE[raw[i]]))
        i += 1
    return found


def _cued(raw: list[str], at: int, cues: frozenset[str], after: int = -1) -> bool:
    return any(w in cues for w in raw[max(after + 1, at - _REACH) : at])


def move_term(raw: list[str]) -> str | None:
    """The move's term ("from_po_to_pm" or "from_pm_to_po"), or None when no move is told.

    `raw`: the question's words as textnorm.words gives them.
    """
    mentions = role_mentions(raw)
    if not mentions:
        return None
    first_at, first = mentions[0]
    second = next(((at, role) for at, role in mentions if role != first), None)
    if second is None:
        return None
    second_at, _ = second
    if not _cued(raw, second_at, _TO, after=first_at):
        return None
    if _cued(raw, first_at, _FROM) or MOVE_WORDS & set(raw):
        return TERMS[first]
    return None


def into_term(raw: list[str]) -> str | None:
    """INTO_PM when the question is about getting into product management, else None.

    "How do I break into product management?" and "tips to land my first PM job" name no role
    to leave, so they shared only "product" and "manager" with the career entries and lost to
    the PM card or to "Not a how-to". Only when the PM alone is named: with both roles, the
    move has a direction (move_term) or the question weighs them ("should I become a PO or a
    PM?"). Not for the PO: the same term across the eight entries on moving into the PO role
    from somewhere made them tie, and two right answers on questions nobody tuned on became
    ask-backs.
    """
    mentions = role_mentions(raw)
    if {role for _, role in mentions} != {"pm"}:
        return None
    entry_word = bool(_ENTRY_WORDS & set(raw))
    for at, _ in mentions:
        size = 2 if at + 1 < len(raw) and (raw[at], raw[at + 1]) in _PAIRS else 1
        if _led_by(raw, at, _INTO) or (entry_word and _led_by(raw, at, _TO)):
            return INTO_PM
        after = raw[at + size : at + size + 1]
        if after and after[0] in _JOB and _led_by(raw, at, _ENTRY_WORDS):
            return INTO_PM
    return None
