"""Hostile input, property-based: whatever people paste, the grammar, the matcher, the advisor
and the three renderers never raise, every Block Kit message fits Slack's limits, and nothing a
user typed comes back as a live ping.

`tests/slack/test_blocks.py` already drives the Block Kit renderer with arbitrary `Answer`s;
here the text goes through the whole brain first, as it does in Slack.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import advisor
from bot.answer import Answer
from bot.answering import answer_text
from bot.grammar import COMMANDS, parse
from bot.kb.loader import load_dir
from bot.matcher import Index
from bot.render import blocks, jsonout, plain
from bot.safety import from_slack
from tests.conftest import KNOWLEDGE
from tests.slack.helpers import assert_fits_slack, assert_no_live_markup

PINGS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!here|here>",
    "<@U123>",
    "<@UADMIN1|admin>",
    "<#C123|general>",
    "<!subteam^S123>",
    "@here",
    "@channel",
    "@everyone",
    "&lt;!channel&gt;",
    "<https://evil.example|click me>",
    "<mailto:x@y.z|mail>",
]
WORDS = [
    "whois-owns",
    "define",
    "compare",
    "advise",
    "reload",
    "topics",
    "help",
    "roadmap",
    "backlog",
    "po",
    "pm",
    "squads",
    "3",
    "-3",
    "1e308",
    "99999999999999999999999",
    "NaN",
    "half",
    "50%",
    "people=10-15",
    "squads=",
    "=",
    "?",
    "```",
    "*bold*",
    "_x_",
    "~",
    "\u202e",  # right-to-left override
    "\u200b",
    "\x00",
    "\x1b[31m",
    "\ud800",  # a lone surrogate: JSON from Slack can carry one
    "😀" * 3,
    "ﷺ",
    "İ",
]
hostile_piece = st.one_of(
    st.sampled_from(PINGS),
    st.sampled_from(WORDS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=20),
)
hostile_text = st.one_of(
    st.lists(hostile_piece, max_size=25).map(" ".join),
    st.text(max_size=300),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(PINGS + WORDS), st.integers(0, 800)),
)
FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def visible(message: dict) -> str:
    """What Slack shows: the blocks except button values, and the fallback text."""
    shown = [b for b in message["blocks"] if b["type"] != "actions"]
    return json.dumps(shown, ensure_ascii=False) + message["text"]


def _source_links() -> re.Pattern[str]:
    """pmpo's own links: a source's name linked to its URL from sources.yml."""
    result = load_dir(KNOWLEDGE)
    assert result.kb is not None
    urls = "|".join(re.escape(s.url) for s in result.kb.sources.values())
    return re.compile(rf"<(?:{urls})\|[^<>|]*>")


SOURCE_LINKS = _source_links()


def check_message(message: dict) -> None:
    assert_fits_slack(message)
    text = SOURCE_LINKS.sub("", visible(message))
    assert_no_live_markup(text)
    for ping in ("<!", "<@", "<#", "<http", "<mailto"):
        assert ping not in text, text[:300]
    json.dumps(message).encode("utf-8")  # what Bolt and the Web API client send


def check_everywhere(answer: Answer, share: str | None = None) -> None:
    assert isinstance(answer, Answer)
    check_message(blocks.render(answer, share_value=share, more_value=share))
    check_message(blocks.render(answer, full=True))
    plain.render(answer)
    json.loads(jsonout.dumps(answer))


@FAST
@given(hostile_text)
def test_grammar_never_raises(text: str) -> None:
    command = parse(text)
    assert command.name in {*COMMANDS, "question", "empty", "unknown"}
    assert len(command.arg) <= 1000


@FAST
@given(hostile_text)
def test_matcher_and_answers_never_raise_and_stay_inert(real_index: Index, text: str) -> None:
    for variant in (text, from_slack(text), f"whois-owns {text}", f"define {text}"):
        check_everywhere(answer_text(real_index, variant), share=variant)


@FAST
@given(hostile_text)
def test_advisor_never_raises_and_stays_inert(real_index: Index, text: str) -> None:
    check_everywhere(advisor.advise(real_index.kb, text))
    check_everywhere(answer_text(real_index, f"advise {text}"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["squads", "people", "engineers", "backlog", "products"]),
            st.sampled_from(
                [
                    "-1",
                    "0",
                    "1e308",
                    "10-5",
                    "3.7",
                    "99999999999999999999",
                    "nan",
                    "inf",
                    "½",
                    "٣",
                    "0x10",
                    "1,2,3",
                    "--4",
                    "",
                ]
            ),
        ),
        max_size=6,
    )
)
def test_advisor_with_absurd_numbers(real_index: Index, pairs: list[tuple[str, str]]) -> None:
    text = " ".join(f"{k}={v}" for k, v in pairs) + " " + " ".join(f"{v} {k}" for k, v in pairs)
    check_everywhere(advisor.advise(real_index.kb, text))


def test_every_ping_is_inert_in_every_surface(real_index: Index) -> None:
    text = " ".join(PINGS)
    for prefix in ("", "whois-owns ", "define ", "advise ", "compare ", "xyzzy "):
        check_everywhere(answer_text(real_index, prefix + text), share=prefix + text)
