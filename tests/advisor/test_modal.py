"""The advisor modal as data: the view Slack opens and the submission it sends back."""

from __future__ import annotations

from typing import Any

import pytest

from bot import advisor
from bot.advisor.modal import CALLBACK_ID, build_view, prefill, read_submission
from bot.kb.model import KnowledgeBase


def text_input(value: str | None) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


def select(value: str | None) -> dict[str, Any]:
    option = {"text": {"type": "plain_text", "text": value}, "value": value} if value else None
    return {"value": {"type": "static_select", "selected_option": option}}


def test_view_is_a_modal_with_every_field_optional() -> None:
    view = build_view("C123|U456")
    assert view["type"] == "modal" and view["callback_id"] == CALLBACK_ID
    assert view["private_metadata"] == "C123|U456"
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    ids = [b["block_id"] for b in inputs]
    for needed in ("squads", "people", "products", "markets", "backlog", "strategy"):
        assert needed in ids
    assert all(b["optional"] for b in inputs)
    assert len(ids) == len(set(ids))
    strategy = next(b for b in inputs if b["block_id"] == "strategy")
    assert strategy["element"]["type"] in ("static_select", "radio_buttons")
    assert {o["value"] for o in strategy["element"]["options"]} == {"yes", "no"}
    # Slack's limits: title and submit labels up to 24 characters, labels up to 2000
    assert len(view["title"]["text"]) <= 24 and len(view["submit"]["text"]) <= 24
    assert all(len(b["label"]["text"]) <= 2000 for b in inputs)


def test_valid_submission_becomes_advisor_text(advice_kb: KnowledgeBase) -> None:
    values = {
        "squads": text_input("four"),
        "people": text_input("20-30"),
        "products": text_input(""),
        "markets": text_input(None),
        "backlog": text_input("half"),
        "strategy": select("yes"),
    }
    text, errors = read_submission(values)
    assert errors == {}
    assert text == "squads=4 people=20-30 backlog=50% strategy=yes"
    answer = advisor.advise(advice_kb, text)
    assert answer.extra["verdict"] == "split the roles"
    assert answer.matched == (
        "squads=4",
        "people=20-30",
        "backlog_share=50%",
        "strategy_suffering=yes",
    )


def test_empty_submission_asks_for_facts(advice_kb: KnowledgeBase) -> None:
    text, errors = read_submission({"strategy": select(None)})
    assert (text, errors) == ("", {})
    answer = advisor.advise(advice_kb, text)
    assert answer.extra["verdict"] == "need more facts" and answer.follow_ups


@pytest.mark.parametrize(
    ("block", "value", "fragment"),
    [
        ("squads", "-3", "can't be negative"),
        ("people", "a million", "more than"),
        ("engineers", "lots", "takes a number"),
        ("markets", "1.5", "whole number"),
        ("products", "0", "at least 1"),
        ("backlog", "150%", "between 0% and 100%"),
        ("backlog", "sometimes", "percent"),
    ],
)
def test_invalid_field_gives_an_error_on_its_block(block: str, value: str, fragment: str) -> None:
    text, errors = read_submission(
        {block: text_input(value), "squads" if block != "squads" else "people": text_input("3")}
    )
    assert text == ""
    assert list(errors) == [block]
    assert fragment in errors[block] and f"“{value}”" in errors[block]


def test_several_invalid_fields_all_reported() -> None:
    _, errors = read_submission({"squads": text_input("-3"), "backlog": text_input("150%")})
    assert set(errors) == {"squads", "backlog"}


def test_a_storys_facts_fill_the_form_and_read_back_as_typed(advice_kb: KnowledgeBase) -> None:
    """What `ask --json` prints as a story's facts fills the form; submitted untouched, the
    form gives the advisor the same facts."""
    story = "we have 3 squads, 20-30 people, backlog 60%, strategy suffers"
    told = advisor.advise(advice_kb, story)
    filled = prefill(told.extra["facts"])
    assert filled == {"squads": "3", "people": "20-30", "backlog": "60%", "strategy": "yes"}
    view = build_view("", filled)
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block.get("element") or {}
        if "initial_option" in element:
            values[block["block_id"]] = select(element["initial_option"]["value"])
        elif "initial_value" in element:
            values[block["block_id"]] = text_input(element["initial_value"])
    facts, errors = read_submission(values)
    assert not errors
    assert advisor.advise(advice_kb, facts).extra["facts"] == told.extra["facts"]


def test_a_forged_facts_value_fills_in_nothing() -> None:
    forged = {"squads": ["a", "b"], "engineers": float("inf"), "people": "lots", "markets": None}
    assert prefill(forged) == {}
