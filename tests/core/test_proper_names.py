"""Names inside a question ("a PO in Berlin") are neither topics nor typos (query_terms.py)."""

from __future__ import annotations

import pytest

from bot.answering import answer_text
from bot.matcher import Index
from bot.query_terms import proper_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("how much does a product owner earn in Hamburg?", {"hamburg"}),
        ("PMs at Zalando: do they own the roadmap?", {"zalando"}),
        # the first word of a sentence is capitalised for the sentence, not as a name
        ("Hamburg pays POs well. Is that true?", set()),
        # in Title Case every word looks like a name, so none is taken for one
        ("How Should A Product Owner Handle A Demanding Stakeholder?", set()),
        ("How Does a Product Owner Stand Up to a Powerful Stakeholder?", set()),
        # one name in a short question is not Title Case: "London" had stayed a topic
        ("What does a PM make in London?", {"london"}),
        ("PO salary in Berlin or in Munich?", {"berlin", "munich"}),
        ("who owns the roadmap?", set()),
    ],
)
def test_proper_names(text: str, names: set[str]) -> None:
    assert proper_names(text) == names


def test_a_place_in_a_pay_question_does_not_hide_the_pay_question(real_index: Index) -> None:
    """Counted as a term, the city left the question half explained and it was declined."""
    answer = answer_text(real_index, "what would a product owner earn in Hamburg?")
    assert answer.answered and answer.id == "faq-salary", (answer.kind, answer.id)


def test_a_known_word_written_with_a_capital_is_still_read(real_index: Index) -> None:
    answer = answer_text(real_index, "who writes the user stories in Scrum, the PO?")
    assert answer.answered and answer.id == "owns-user-stories", (answer.kind, answer.id)


def test_a_capitalised_slip_for_a_known_word_is_still_repaired(real_index: Index) -> None:
    """ "budding Agilists" is written like a name, but is a slip for a word pmpo knows."""
    terms, _ = real_index.reader.read("what puzzles budding Agilists about the product owner?")
    assert any(t.word != "agilists" and t.corrected for t in terms), terms
