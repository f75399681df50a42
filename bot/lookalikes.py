"""Words spelt like the roles that mean something else: a time of day ("3 PM"), a private
message ("PM me"), a prime minister ("the PM of the UK"), a purchase order ("the PO number on
the invoice"), a post office ("is the PO open on saturday? I need to mail a package"); and
the asker's own boss ("how do I convince my boss we need a PM?"), a person to persuade rather
than anyone's reporting line; and the other way round, "answer to", "accountable to" or "work
for" said of a person ("who does the PO answer to?"), which is a reporting line and not
answering questions. Beside the project
managers' certifications (PMP, PRINCE2), with nothing about the product, a PM is a project
manager.

Read as the roles, they turned questions about nothing pmpo covers into ask-backs with PM and
PO entries, or into "my sources don't cover that about the Product Owner", and a forum sign-off
("please PM me") pulled a plain question towards how PMs and POs work together. Each reading
needs context that a team's count or a role question does not have, so "1 PM and 4 devs" and
"I'm the PO of our procurement app" keep their roles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot import regex_store


@lru_cache(maxsize=8192)  # bounded; a reload reads mostly the texts the last one read
def without_lookalikes(text: str) -> str:
    """The text with clock times, private-message verbs, a post office's PO and the asker's own
    boss blanked, a purchase order, a prime minister or a project manager spelt out and
    "answers to" read as "reports to", so the words that remain are read as the question means
    them.

    Every entry's texts pass through here when the index is built (about 4,000 of them), so
    each reading runs only when the text holds what it needs (a digit, "pm"/"dm", "po",
    "boss") and
    results are kept: run on every text, the patterns made each reload about 50 ms slower."""
    if _DIGIT.search(text):
        text = _without_clock(text)
    if _PM_OR_DM.search(text):
        text = _HEAD_OF_GOVERNMENT.sub(" prime minister ", _PRIVATE_MESSAGE.sub(" ", text))
    if _PO.search(text):
        text = _purchase_order(text)
    if _PROJECT_CERT.search(text) and not _PRODUCT_SIDE.search(text):
        text = _PM_WORD.sub(" project manager ", text)
    if _REPORTING.search(text):
        text = _REPORTS_TO.sub(lambda m: f" {m.group('subject') or ''}reports to ", text)
    if _BOSS.search(text):
        text = _OWN_BOSS.sub(_boss_unless_named, text)
    return text


def _boss_unless_named(found: re.Match[str]) -> str:
    """ "My boss thinks we don't need a PO" is about a person the asker answers to; "my boss is
    the PM", "is the PO my boss?" or "the CTO is our boss" names whom someone reports to, and
    keeps the word."""
    if found.group("before") or found.group("after"):
        return found.group(0)
    return " "


def _without_clock(text: str) -> str:
    """"3 PM" is a time only beside a clock nobody counts with ("3:30 pm", "3 p.m.", "3pm",
    "at 3 PM", "3 AM"): alone it may be a team's count ("1 PM and 4 devs")."""
    if not _CLOCK.search(text):
        return text
    return _HOUR_PM.sub(" ", _CLOCK.sub(" ", text))


def _purchase_order(text: str) -> str:
    """Beside invoices, vendors and procurement, "PO" is a purchase order (and "PO box" a post
    office box). A question about product work keeps its PO ("I'm the PO of our procurement
    app: who writes the stories?"), and an ERP's name is no cue: SAP projects have Product
    Owners too."""
    folded = text.lower()
    if _POST.search(text) and not _PRODUCT_WORK.search(text):
        return _PO.sub(" ", text)  # the post office
    trade = (
        any(word in folded for word in _TRADE_WORDS)
        or _PO_NUMBER.search(text)
        or _PO_HANDLED.search(text)
    )
    if not trade or _PRODUCT_WORK.search(text):
        return text
    return _PO.sub(" purchase order ", _PO_BOX.sub(" ", text))


_CLOCK = regex_store.compile(
    r"\b(?:[01]?\d:[0-5]\d\s*[ap]\.?m\b\.?|[01]?\d\s*[ap]\.m\.|[01]?\d[ap]m\b|"
    r"(?:at|by|until|till|from|before|after|around|since|between|to)\s+[01]?\d\s*[ap]m\b|"
    r"[01]?\d\s*am\b)",
    re.I,
)
_HOUR_PM = regex_store.compile(r"\b[01]?\d\s*pm\b", re.I)
_DIGIT = regex_store.compile(r"\d")
_PM_OR_DM = regex_store.compile(r"\b[pd]m", re.I)
# "PM me", "pm'd me", "send me a PM", "drop a DM": a message, not a role
_PRIVATE_MESSAGE = regex_store.compile(
    r"\b(?:pm|dm)(?:'?d|'?ing|'?s)?\s+me\b|"
    r"\b(?:send|drop|shoot|sent|dropped)\s+(?:me\s+|you\s+)?an?\s+(?:pm|dm)\b",
    re.I,
)
# "the PM of the UK", "the Canadian PM": a prime minister
_HEAD_OF_GOVERNMENT = regex_store.compile(
    r"\b(?:(?:uk|u\.k\.|british|canadian|australian|indian|japanese|israeli|italian|irish|"
    r"dutch|new\s+zealand)\s+pm|pm\s+of\s+(?:the\s+)?(?:uk|u\.k\.|united\s+kingdom|britain|"
    r"england|canada|australia|india|japan|israel|italy|ireland|netherlands|new\s+zealand|"
    r"pakistan|malaysia|singapore)\b(?!\s+(?:team|office|org|business|division|squad|site|"
    r"branch|market|product|store|app)))\b",
    re.I,
)
# mail, not product work: "is the PO open on saturday? I need to mail a package" (not "email
# a PO", which is a person)
_POST = regex_store.compile(
    r"\b(?:mail(?:ing|ed)?\s+(?:a|the|my)\b|parcels?\b|packages?\s+to\b|stamps\b|postage\b|"
    r"post\s+office\b)",
    re.I,
)
# the trade's words, matched as plain substrings: a pattern tried at every word of every
# entry text cost a reload 20 ms
_TRADE_WORDS = (
    "invoic", "vendor", "supplier", "procurement", "purchas", "accounts payable", "requisition",
    "goods receipt",
)
_PO_NUMBER = regex_store.compile(r"\bp\.?o\.?\s*(?:number|no\b|#|box|amount|line)", re.I)
# what is done to a purchase order, not to a person: "who can approve a PO?", "how do I close
# a PO in NetSuite?", "raise a PO for the licences"; a PO followed by anything else ("approve
# the PO's plan", "approve PO decisions", "approve the PO hire") keeps the role
_PO_HANDLED = regex_store.compile(
    r"\b(?:approv|rais|issu|cancel|clos|receiv|submit|amend)\w*\s+"
    r"(?:(?:a|an|the|this|that|my|our|your|their|new)\s+)?p\.?o\.?s?\b"
    r"(?=\s*(?:[?.!,;:)]|$|(?:for|in|on|from|over|above|under|number|amount)\b))",
    re.I,
)
_PRODUCT_WORK = regex_store.compile(
    r"\b(?:backlogs?|sprints?|stor(?:y|ies)|scrum|agile|roadmaps?|features?|releases?|"
    r"developers?|devs?|engineers?|product\s+(?:owner|manager)s?)\b",
    re.I,
)
_PO = regex_store.compile(r"\bp\.?o\.?s?\b", re.I)
_BOSS = regex_store.compile(r"\bboss", re.I)
_OWN_BOSS = regex_store.compile(
    r"(?P<before>\b(?:is|was|are|be|as)\s+(?:[\w']+\s+){0,3}?)?\b(?:my|our)\s+boss(?:es)?\b"
    r"(?P<after>\s*(?:is|was|are|were|'s)\b)?",
    re.I,
)
# the project managers' certifications: beside them, with nothing about the product, a PM is
# a project manager ("is the PMP worth it? has it made you a better PM?")
_PROJECT_CERT = regex_store.compile(r"\b(?:pmp|pmi|pmbok|prince\s?2|capm|ipma)\b", re.I)
_PRODUCT_SIDE = regex_store.compile(r"\b(?:product\w*|pos?|p\.o\.|backlogs?|scrum)\b", re.I)
_PM_WORD = regex_store.compile(r"\bp\.?m\.?s?\b(?!-)", re.I)
_REPORTING = regex_store.compile(
    r"\b(?:answer|accountable\s+to|works?\s+(?:directly\s+)?for)", re.I
)
# "who does the PO answer to?", "the PM answers directly to the CPO", "who is the PO accountable
# to?", "does the PO work for the PM?": whom someone reports to, not answering questions ("who
# answers the devs' questions?", "the answer to this") or being accountable for something. Read
# word by word, the first was answered with who answers the Developers' questions (p 0.89).
_REPORTS_TO = regex_store.compile(
    r"\b(?:(?:(?<!the\s)(?<!an\s)(?:answers?|answering|answered)|accountable)\s+(?:directly\s+)?to|"
    # the verb, not "ordering work for the PO": "works", or "work" after its subject or "do"
    r"(?P<subject>(?:do|does|did|should|would|to|i|we|you|they|po|pm|pos|pms|owners?|managers?)\s+)?"
    r"(?(subject)work|works)\s+(?:directly\s+)?for)\b"
    r"(?=\s*(?:[?!.,;:)]|$|(?:in|at|within|when|if|and|or|now|today|these|nowadays|usually|"
    r"typically|normally)\b|(?:the|a|an|our|my|their|his|her|its)\s+(?:\w+\s+)?(?:ceo|cto|cpo|"
    r"coo|cio|vp|head|director|boss|manager|pm|po|product\s+(?:manager|owner|lead|director)|"
    r"board|founder|chief|department)\b))",
    re.I,
)
_PO_BOX = regex_store.compile(r"\bp\.?\s?o\.?\s*box\b", re.I)
