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
