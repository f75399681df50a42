"""What a question is after, when it is not knowledge about the two roles.

The matcher uses this to keep favours ("draft 5 user stories"), facts about the user's own
team ("who's our PO", "did the PO accept my story yet") and how-to questions ("how do I write
a good story") from landing on the ownership entry that shares their words.
"""

from __future__ import annotations

import re
import unicodedata

from bot import regex_store
from bot.career_move import role_mentions

# "wo" and "hwo" are "who" as typed in a hurry: too short for spelling repair to reach, and
# without them "wo writes teh user storys" loses the one word that says it asks for an owner
OWNER_QUESTION = frozenset("who whos whose whom wo hwo responsible accountable charge".split())
# "team members who skip the stand-up", "a PO who codes": "who" after people describes them and
# asks no owner. After a role name it may still ask one ("is it the PO who accepts it?").
_PEOPLE = frozenset(
    "people person someone somebody anyone anybody everyone everybody those members member "
    "colleagues colleague folks guys guy staff employees stakeholders customers users clients "
    "developers devs engineers managers leads analysts designers testers candidates".split()
)


def asks_owner(raw: list[str]) -> bool:
    """Does the question ask for an owner ("who writes...", "whose call", "responsible")?"""
    return any(
        word in OWNER_QUESTION and not (word == "who" and i and raw[i - 1] in _PEOPLE)
        for i, word in enumerate(raw)
    )


# "should the EM or the PO decide it?": a choice of owners, asked without "who"
_OWNER_VERBS = frozenset(
    "own owns decide decides write writes run runs set sets accept accepts approve approves "
    "prioritize prioritizes prioritise prioritises".split()
)


def offers_owners(raw: list[str]) -> bool:
    """Does the question offer roles to choose from for a piece of work ("X or the PO own...")?"""
    return "or" in raw and not _OWNER_VERBS.isdisjoint(raw)


def offers_the_roles(raw: list[str]) -> bool:
    """Does the question hold the two roles up as owners ("MVP - PM or PO?", "is that on the pm
    or the po") or call something one role's responsibility ("is the roadmap the PO's
    responsibility")? Either asks for an owner without "who". The plural asks for a role's
    duties, not an owner: "where do PO responsibilities end?" was answered with the lifecycle
    entry, wrongly, when it counted."""
    roles = {role for _, role in role_mentions(raw)}
    return (len(roles) == 2 and "or" in raw) or ("responsibility" in raw and bool(roles))


_METHOD = (
    "how do i",
    "how to",
    "how do you",
    "how do we",
    # asking for a way of working, not who owns it ("how would you prioritize features?")
    "how would you",
    "how would i",
    "how should i",
    "how should we",
    "how can i",
    "how can we",
    "how could i",
    "how could we",
    "explain",
    # why a practice is as it is ("why are user stories not estimated in hours?"); "why merge?"
    # and "why should we combine the roles?" stay questions about the roles
    "why are",
    "why is",
    "why do",
    "why does",
    "why dont",
    "why doesnt",
    "why arent",
    "why isnt",
    "how long",
    "how many",
    "what are",
    "what is",
    "whats a",
)
_ACTIONS = frozenset(
    "add create write draft ping set schedule remind send make give review update fix book "
    "file assign summarise summarize translate generate build draw find show".split()
)
_ASKING = ("can you", "could you", "would you", "will you", "pls", "please", "plz")
_STATUS_OPENERS = frozenset("did was has".split())
# A status check is short ("did the PO accept my story yet"); in a longer question "today" or
# "when is the right time" is the story or a condition.
SHORT_QUESTION_WORDS = 12
_TEAM_FACTS = (
    "who is our",
    "whos our",
    "who are our",
    "whats our",
    "what is our",
    "what are our",
    "what was",
    "what were",
    "when is",
    "whens",
)
# "who's the PO for the payments team?", "who is the PM on checkout?", "who is the PO here?":
# which person holds the role somewhere, which only the asker's org knows. "who is the PO in
# Scrum?" and "who is the PM at a startup?" ask what the role is, and stay questions.
_HOLDER = (
    r"^(?:who\s+is|whos|who\s+are)\s+(?:the\s+|our\s+|your\s+)?"
    r"(?:pos?|pms?|product\s+owners?|product\s+managers?)\s+"
    r"(?:here\b|(?:for|of|on|at)\s+(?!(?:a|an|any|every|each|scrum|safe|agile|kanban)\b)\w)"
)
# "when is it time to hire our first PM?", "when is the right moment to split?": a condition,
# not a date from the asker's own calendar ("when is the sprint review?")
_CONDITION = frozenset("time moment idea".split())
_TIMES = frozenset("yet today tomorrow yesterday tonight".split())
_RECENT = ("last sprint", "this sprint", "next sprint", "last week", "this week", "next week")
# Two or more of these and the question is not in English (pmpo only knows English).
_FOREIGN_WORDS = frozenset(
    "ist das der die und wer wann wie nicht cest quoi qui est une les quel quelle el es que "
    "quien cuando como para por una los las del".split()
)


# letters a question must hold before its script is judged (a Latin role name in a short
# non-Latin question, "PO?" with an emoji, stays English)
_SCRIPT_MIN_LETTERS = 12


def other_script(text: str) -> bool:
    """Mostly written in a script other than Latin (Cyrillic, Greek, CJK, Arabic...).

    The tokenizer keeps only a-z after folding accents, so such a question shrinks to its
    Latin role names ("Product Owner", "Project Manager") and, without this, was answered
    as if it asked nothing else."""
    if text.isascii():
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < _SCRIPT_MIN_LETTERS:
        return False
    latin = sum(ch.isascii() or unicodedata.normalize("NFKD", ch)[0].isascii() for ch in letters)
    return latin * 2 < len(letters)


def question_shape(raw: list[str], question: str = "") -> str | None:
    """What kind of thing the user wants, when it is not knowledge about the two roles.

    "request": a favour ("draft 5 user stories", "can you set up a retro"); "status": a fact
    about the user's own team or a recent event ("did the PO accept my story yet", "who's our
    PO"); "method": how to do something or what a term means ("how do I write a good story");
    "foreign": not English (`question`, the text itself, when given, is checked for its script).
    """
    if not raw:
        return None
    if question and other_script(question):  # the words in `raw` are only its Latin ones
        return "foreign"
    text = " ".join(raw)
    first = raw[0]
    if len(_FOREIGN_WORDS.intersection(raw)) >= 2:
        return "foreign"
    asked = next((a for a in _ASKING if text.startswith(a + " ")), None)
    verb = raw[len(asked.split())] if asked and len(raw) > len(asked.split()) else first
    if verb in _ACTIONS and not (first in ("show", "find") and len(raw) > 1 and raw[1] != "me"):
        return "request"
    if len(raw) <= SHORT_QUESTION_WORDS:
        if text.startswith(_TEAM_FACTS) and not _CONDITION.intersection(raw):
            return "status"
        if first in ("who", "whos") and regex_store.compile(_HOLDER).match(text):
            return "status"
        recent = first in _STATUS_OPENERS or _TIMES.intersection(raw)
        if (recent or any(r in text for r in _RECENT)) and not asks_owner(raw):
            return "status"
    if text.startswith(_METHOD) or _asks_meaning(raw, text):
        return "method"
    return None


def _asks_meaning(raw: list[str], text: str) -> bool:
    """ "What does the Definition of Done mean?", "what does MVP stand for?": what a term
    means, which an entry saying who owns the thing does not answer."""
    if raw[0] not in ("what", "whats"):
        return False
    return raw[-1] in ("mean", "means") or text.endswith(" stand for") or " meant by " in text


# Roles next to PM and PO that people ask about; pmpo knows them only in passing.
OTHER_ROLES = (
    "scrum master",
    "project manager",
    "engineering manager",
    "tech lead",
    "agile coach",
    "business analyst",
    "release train engineer",
    "delivery manager",
    "product marketing manager",
    "ux designer",
    "cto",
)


def other_role(raw: list[str], synonyms: dict[str, tuple[str, ...]]) -> str | None:
    """The neighbouring role a question is about ("how much does a scrum master earn"), if any.

    `synonyms` (knowledge/synonyms.yml) adds the spellings people use ("scrummaster", "em").
    """
    text = f" {' '.join(raw)} "
    for role in OTHER_ROLES:
        for spelling in (role, *synonyms.get(role, ())):
            if f" {' '.join(spelling.replace('-', ' ').split())} " in text:
                return role
    return None


# "what should a PO NOT be doing?": "not" is a stopword, so the matcher reads "what should a
# PO be doing" and matched the PO's card with confidence (p 0.92).
_NOT_TO_DO = (
    r"\b(?:should|must|can|could|would)(?:\s+not|n't|\s+never)\s+(?:\w+\s+){0,3}?"
    r"(?:do|doing|be\s+doing|own|handle|touch)\b|\bnot\s+(?:be\s+)?(?:doing|responsible\s+for)\b|"
    r"\b(?:never|not)\s+(?:to\s+)?do\b"
)


def asks_what_not_to_do(text: str) -> bool:
    """Asked what a role should *not* do: its card, which says what it does, is offered, never
    asserted."""
    return regex_store.compile(_NOT_TO_DO, re.I).search(text) is not None
