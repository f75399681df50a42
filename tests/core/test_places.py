"""Pay figures for one country, asked about another: the answer says so before the figures."""

from __future__ import annotations

import pytest

from bot.answering import answer_text
from bot.matcher import Index
from bot.places import named_places


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("how much does a PO make in germany", ("Germany",)),
        ("senior PM salary Bengaluru?", ("India",)),
        ("what do product owners earn in London vs the U.S.?", ("the UK", "the US")),
        ("PO pay in the Bay Area", ("the US",)),
        ("is a product owner paid well in the EU", ("Europe",)),
        # words that are no place here: a verb, a pronoun, a person
        ("will they pay us more if we polish the backlog?", ()),
        ("does Jordan earn more as a PO?", ()),
        ("what do POs make in Australian dollars", ("Australia",)),
        ("Latin American PO salaries", ("Latin America",)),
    ],
)
def test_places_named(question: str, places: tuple[str, ...]) -> None:
    assert named_places(question) == places


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("How much does a product owner make in Germany?", "Germany"),
        ("Product manager salary in India", "India"),
        ("What do POs earn in London?", "the UK"),
    ],
)
def test_pay_asked_for_another_country_says_the_figures_are_not_for_it(
    real_index: Index, question: str, place: str
) -> None:
    reply = answer_text(real_index, question)
    assert reply.answered and reply.id == "faq-salary", reply
    assert reply.verdict.startswith(f"The sources give no figures for {place}, only for the US.")
    # the figures still follow, with their sources
    assert any("$" in line for s in reply.sections for line in s.lines)


@pytest.mark.parametrize(
    "question",
    [
        "PO salary in the US?",
        "how much does a product owner earn",
        "what does a PM make in Seattle?",
    ],
)
def test_pay_asked_for_the_us_or_nowhere_has_no_note(real_index: Index, question: str) -> None:
    reply = answer_text(real_index, question)
    assert reply.answered and reply.id == "faq-salary", reply
    assert "no figures for" not in reply.verdict


def test_a_place_outside_pay_changes_nothing(real_index: Index) -> None:
    """The title-popularity entry is about Europe; it declares no figures, so no note."""
    reply = answer_text(real_index, "Why is product owner a more common title in Germany?")
    assert reply.answered and "no figures for" not in reply.verdict, reply
