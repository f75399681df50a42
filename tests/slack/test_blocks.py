"""The Block Kit renderer on its own: Slack's limits and inert markup, whatever the input."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import Answer, Cite, Column, Section, Suggestion
from bot.render.blocks import render
from bot.safety import RedactingFilter, cut, escape, from_slack
from tests.slack.helpers import assert_fits_slack, assert_no_live_markup

HOSTILE = "<!channel> <!here> <@U123> @here @everyone & <https://evil.example|click>"


def huge_answer(text: str = "x") -> Answer:
    long = (text * 6000)[:6000]
    return Answer(
        kind="compare",
        answered=True,
        title=long,
        verdict=long,
        reason=long,
        columns=tuple(Column(long, long, long) for _ in range(60)),
        sections=tuple(Section(long, tuple(long for _ in range(30))) for _ in range(60)),
        sources=tuple(Cite(long, long, "https://example.com/" + long) for _ in range(40)),
        matched=tuple(long for _ in range(40)),
        suggestions=tuple(Suggestion("id", long, long) for _ in range(20)),
        follow_ups=tuple(long for _ in range(20)),
    )


def test_huge_answer_fits_slack() -> None:
    message = render(huge_answer(), share_value="x" * 5000, full=True)
    assert_fits_slack(message)
    assert len(message["blocks"]) == 50
    assert message["blocks"][-1]["type"] == "actions"


def test_entities_are_never_cut_in_half() -> None:
    message = render(huge_answer("&"), full=True)
    assert_fits_slack(message)
    for block in message["blocks"]:
        for text in _texts(block):
            assert "&amp" not in text.replace("&amp;", "")


def test_hostile_text_everywhere_is_inert() -> None:
    message = render(huge_answer(HOSTILE + " "), full=True)
    shown = json.dumps(message, ensure_ascii=False)
    assert_no_live_markup(shown)
    assert "<https://" not in shown
    assert_fits_slack(message)


def test_source_links_cannot_carry_markup() -> None:
    answer = Answer(
        kind="faq",
        answered=True,
        title="t",
        verdict="v",
        sources=(
            Cite("Boundev", "2026", "https://www.boundev.com/"),
            Cite("Evil", "undated", "https://x.example/|<!channel>"),
            Cite("Js", "2026", "javascript:alert(1)"),
        ),
    )
    context = json.dumps(render(answer)["blocks"][-1])
    assert "<https://www.boundev.com/|Boundev> (2026)" in context
    assert "Evil (undated)" in context and "Js (2026)" in context
    assert_no_live_markup(context)
    assert "javascript:" not in context.replace("Js (2026)", "")


def test_escape_and_from_slack() -> None:
    assert escape("a & <b> @here") == "a &amp; &lt;b&gt; @\u200bhere"
    assert from_slack("&lt;!channel&gt; &amp;") == "<!channel> &"
    assert cut("abcdef", 4) == "abc…"
    assert cut("a&amp;b", 6) == "a…"


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=400),
    st.lists(st.text(max_size=3000), max_size=12),
    st.lists(st.tuples(st.text(max_size=2500), st.text(max_size=2500)), max_size=12),
)
def test_any_text_fits_and_stays_inert(title: str, lines: list[str], cols: list) -> None:
    answer = Answer(
        kind="faq",
        answered=True,
        title=title,
        verdict=HOSTILE + title,
        sections=(Section(title, tuple(lines)),),
        columns=tuple(Column(a, a, b) for a, b in cols),
        sources=tuple(Cite(line, title, line) for line in lines),
        matched=(title,),
    )
    message = render(answer, share_value=title)
    assert_fits_slack(message)
    visible = [b for b in message["blocks"] if b["type"] != "actions"]
    assert_no_live_markup(json.dumps(visible, ensure_ascii=False) + message["text"])


def _texts(block: dict) -> list[str]:
    out = []
    if "text" in block:
        out.append(block["text"]["text"])
    out += [f["text"] for f in block.get("fields", [])]
    out += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return out


def test_log_records_are_scrubbed_of_tokens_and_secrets() -> None:
    import logging

    record = logging.LogRecord(
        "x",
        logging.DEBUG,
        __file__,
        1,
        "headers %s secret %s",
        ({"Authorization": "Bearer xoxb-1-2-abcdef"}, "s3cr3tsecretvalue"),
        None,
    )
    RedactingFilter(("s3cr3tsecretvalue",)).filter(record)
    message = record.getMessage()
    assert "xoxb-1-2-abcdef" not in message and "s3cr3tsecretvalue" not in message
    assert "xoxb-[redacted]" in message
