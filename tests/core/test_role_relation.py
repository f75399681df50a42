"""The glue words between the role names carry the question (bot/role_relation.py).

Phrasings written for this test; apart from "PM or PO?" (the comparison's own alias, kept to
show the bare pair stays the comparison), none is an example or alias in knowledge/.
"""

from __future__ import annotations

import pytest

from bot.role_relation import (
    CHOICE,
    ONE_PERSON,
    OVER_ROLE,
    RANK,
    TOGETHER,
    WEIGHED,
    WHO_HOLDS,
    WITHOUT,
    goes_without,
    relation_term,
)
from bot.textnorm import words


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("can a product manager double as the product owner?", ONE_PERSON),
        ("is it ok if the PO also plays the PM?", ONE_PERSON),
        ("should the PO be the product manager?", ONE_PERSON),
        ("can I be the PO and the PM at once?", ONE_PERSON),
        ("could I do both?", ONE_PERSON),
        ("should I pick the PO or the PM path?", CHOICE),
        ("shall I go for product owner or product manager?", CHOICE),
        ("is the PO above the PM?", RANK),
        ("does the product owner sit under the product manager?", RANK),
        ("should I pick PM over PO?", CHOICE),
        ("our team has a product owner but no product manager. problem?", WITHOUT),
        ("PM without a PO?", WITHOUT),
        ("must our product owner sync with the product manager every week?", TOGETHER),
        ("how do the PM and the PO collaborate in SAFe?", TOGETHER),
        ("who should act as our product owner?", WHO_HOLDS),
        ("so who could play the role of PO here?", WHO_HOLDS),
        ("who would the product manager be, in a team of five?", WHO_HOLDS),
        ("who will take over the PO role while she is away?", None),  # a stand-in
        ("who should be the product owner's boss?", None),
        ("who is the PO in scrum?", None),  # what the role is
        # the role is the one acted on: hired, reviewed, managed
        ("so who actually hires a product owner?", OVER_ROLE),
        ("who should appraise our PM at year end?", OVER_ROLE),
        ("who decides the product manager's bonus?", OVER_ROLE),
        ("who fires the PO if the product flops?", OVER_ROLE),
        ("who writes the PO's stories?", None),  # a duty of someone else
        ("who hires the PM team?", None),  # the team, not the person
        ("who does the product owner report to?", None),  # the role acts
        ("who coaches the product owner?", None),  # the Scrum Master's job, not a boss's
        # the two weighed on a trait the comparison covers
        ("which is less strategic, the PO or the PM?", WEIGHED),
        ("does a PO sit closer to the engineers than a PM does?", WEIGHED),
        ("is the PM more involved in sprint planning than the PO?", None),  # a duty's question
        ("who is more senior, PM or PO?", None),  # rank
        ("the PO works with developers, the PM with sales: fair?", None),
        ("can a PM work as a PO?", None),
        # the roles side by side, or in a question that is not one of these
        ("PM or PO?", None),
        ("PM vs PO: what's the difference?", None),
        ("should my CV say product owner or product manager?", None),
        ("how can I tell if a job ad is really a PM or a PO role?", None),
        ("will the PM be the PO's manager?", None),
        ("can a PM become a PO?", None),  # a career move: career_move.py
        ("can a PO get promoted to PM?", None),  # a move as well
        ("what should a PM be judged on, and what about a PO?", None),
        ("could one person be both the PM and lead product marketing?", None),
        ("the roadmap is late and tech debt grows, how will you do both?", None),
    ],
)
def test_relation_term(question: str, term: str | None) -> None:
    assert relation_term(words(question)) == term


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("why not just run with no product owners at all?", WITHOUT),
        ("could we scrap our product managers and get rid of the PM layer?", WITHOUT),
        ("is not having a PO a problem?", WITHOUT),
        ("can I apply for a PM role without PM experience?", None),  # a modifier
        ("we have no PO, who writes the stories?", None),  # a bare singular: a setting
        ("No, the PO decides that.", None),  # an answer's "no"
        ("a PO without a PM?", None),  # both roles: relation_term reads it
        ("with no product managers around, who talks to customers?", None),  # the setting
    ],
)
def test_goes_without(question: str, term: str | None) -> None:
    assert goes_without(words(question)) == term
