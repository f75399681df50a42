"""Mentions and DMs through real HTTP: threads, bots ignored, retries answered once."""

from __future__ import annotations

import json
import time

import pytest

from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import (
    WebServer,
    assert_fits_slack,
    assert_no_live_markup,
    dm,
    event_body,
    mention,
    signed_post,
)

JSON = "application/json"


def send(web: WebServer, event: dict, event_id: str | None = None, **headers: str):
    return signed_post(
        web.base, "/slack/events", event_body(event, event_id), JSON, headers=headers
    )


def settle() -> None:
    time.sleep(0.6)  # long enough for a (wrong) answer to have been posted


def test_url_verification(web: WebServer) -> None:
    body = json.dumps({"token": "x", "challenge": "c-123", "type": "url_verification"})
    resp = signed_post(web.base, "/slack/events", body, JSON)
    assert resp.status == 200
    assert resp.json() == {"challenge": "c-123"}


def test_top_level_mention_answered_in_new_thread(web: WebServer, fake: FakeSlack) -> None:
    event = mention(f"<@{BOT_USER_ID}> who owns the roadmap?", channel="C0TOP")
    assert send(web, event).status == 200
    posts = fake.wait_for("chat.postMessage", channel="C0TOP")
    assert len(posts) == 1
    assert posts[0].params["thread_ts"] == event["ts"]
    assert_fits_slack(posts[0].params)
    assert posts[0].headers["Authorization"].startswith("Bearer xoxb-")


def test_mention_inside_thread_answers_in_that_thread(web: WebServer, fake: FakeSlack) -> None:
    event = mention(
        f"<@{BOT_USER_ID}> define po", channel="C0THREAD", thread_ts="1690000000.000100"
    )
    send(web, event)
    posts = fake.wait_for("chat.postMessage", channel="C0THREAD")
    assert posts[0].params["thread_ts"] == "1690000000.000100"
    assert "Product Owner" in posts[0].params["text"]


def test_mention_takes_the_grammar(web: WebServer, fake: FakeSlack) -> None:
    send(web, mention(f"<@{BOT_USER_ID}> whois-owns backlog", channel="C0GRAMMAR"))
    posts = fake.wait_for("chat.postMessage", channel="C0GRAMMAR")
    assert "backlog" in posts[0].params["blocks"][0]["text"]["text"].lower()
    assert posts[0].params["text"].splitlines()[0] != "Not sure"


def test_a_mention_is_read_as_slack_writes_it(web: WebServer, fake: FakeSlack) -> None:
    """Slack escapes "&" and writes emoji by name: ":pray:" is no topic, "P&amp;L" is P&L."""
    send(web, mention(f"<@{BOT_USER_ID}> who owns the P&amp;L? :pray:", channel="C0EMOJI"))
    posts = fake.wait_for("chat.postMessage", channel="C0EMOJI")
    assert posts[0].params["text"].splitlines()[0] == "Who owns it: Profit and loss (P and L)"


def test_dm_answered_in_the_dm(web: WebServer, fake: FakeSlack) -> None:
    event = dm("who writes acceptance criteria?", channel="D0DMTEST")
    send(web, event)
    posts = fake.wait_for("chat.postMessage", channel="D0DMTEST")
    assert len(posts) == 1
    assert posts[0].params.get("thread_ts") is None
    assert "Product Owner" in posts[0].params["text"]


@pytest.mark.parametrize(
    "extra",
    [
        {"bot_id": "B0OTHER"},
        {"subtype": "bot_message", "bot_id": "B0OTHER"},
        {"user": BOT_USER_ID},
    ],
    ids=["bot_id", "bot_message", "own_user"],
)
def test_bot_messages_are_ignored(web: WebServer, fake: FakeSlack, extra: dict) -> None:
    event = dm("who owns the roadmap?", channel="D0BOTS")
    event.update(extra)
    assert send(web, event).status == 200
    mention_event = mention(f"<@{BOT_USER_ID}> who owns the roadmap?", channel="C0BOTS")
    mention_event.update(extra)
    assert send(web, mention_event).status == 200
    settle()
    assert fake.calls_for("chat.postMessage") == []


def test_duplicate_event_answered_once(web: WebServer, fake: FakeSlack) -> None:
    event = mention(f"<@{BOT_USER_ID}> compare", channel="C0DUP")
    body = event_body(event, "Ev0DUPLICATE1")
    first = signed_post(web.base, "/slack/events", body, JSON)
    retries = [
        signed_post(
            web.base,
            "/slack/events",
            body,
            JSON,
            headers={"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"},
        )
        for n in (1, 2, 3)
    ]
    assert first.status == 200 and all(r.status == 200 for r in retries)
    fake.wait_for("chat.postMessage", channel="C0DUP")
    settle()
    assert len(fake.calls_for("chat.postMessage", channel="C0DUP")) == 1


def test_message_subtypes_get_200_and_no_answer(web: WebServer, fake: FakeSlack) -> None:
    edited = dm("", channel="D0EDIT", subtype="message_changed")
    edited["message"] = {"text": "who owns the roadmap?", "user": "U0USER1"}
    assert send(web, edited).status == 200
    assert send(web, dm("bye", channel="D0EDIT", subtype="message_deleted")).status == 200
    other = {"type": "app_home_opened", "user": "U0USER1", "channel": "D0EDIT", "tab": "home"}
    assert send(web, other).status == 200
    assert send(web, {"type": "reaction_added", "user": "U0USER1"}).status == 200
    settle()
    assert fake.calls_for("chat.postMessage") == []


def test_hostile_markup_in_mention_never_reaches_slack_live(
    web: WebServer, fake: FakeSlack
) -> None:
    text = f"<@{BOT_USER_ID}> <!channel> <@U123> @here @everyone &lt;!here&gt; qwzx frobnicate"
    send(web, mention(text, channel="C0HOSTILE"))
    posts = fake.wait_for("chat.postMessage", channel="C0HOSTILE")
    assert posts
    assert_no_live_markup(posts[0].text_everywhere())
    assert "<!here>" not in posts[0].text_everywhere()
    assert "@everyone" not in posts[0].text_everywhere()


def test_rate_limited_post_is_retried_and_answered(web: WebServer, fake: FakeSlack) -> None:
    fake.inject("chat.postMessage", "429", times=1, retry_after=1)
    send(web, mention(f"<@{BOT_USER_ID}> who owns the roadmap?", channel="C0RATE"))
    posts = fake.wait_for("chat.postMessage", count=2, timeout=10, channel="C0RATE")
    assert len(posts) == 2
    assert posts[1].at - posts[0].at >= 0.9  # waited for Retry-After
    assert posts[0].params == posts[1].params
    settle()
    assert len(fake.calls_for("chat.postMessage", channel="C0RATE")) == 2


def test_slack_failure_gets_a_polite_apology_in_thread(web: WebServer, fake: FakeSlack) -> None:
    fake.inject("chat.postMessage", "invalid_auth", times=1)
    event = mention(f"<@{BOT_USER_ID}> who owns the roadmap?", channel="C0FAIL")
    send(web, event)
    posts = fake.wait_for("chat.postMessage", count=2, channel="C0FAIL")
    assert len(posts) == 2
    apology = posts[1].params
    assert apology["thread_ts"] == event["ts"]
    assert "Sorry, something went wrong" in apology["text"]
    log = web.wait_log("error rid=")
    assert "invalid_auth" in log
    assert "Traceback" not in log


def test_team_story_in_a_thread_gets_the_situation_verdict_first(
    web: WebServer, fake: FakeSlack
) -> None:
    """A staffing story asked in a thread: the advisor's verdict leads a short reply in that
    thread, and every source the short reply cites is named in a line it shows."""
    story = (
        "Our product owner now covers four teams on three unrelated products and misses "
        "half of our refinements. Should we push for another PO?"
    )
    event = mention(f"<@{BOT_USER_ID}> {story}", channel="C0STORY", thread_ts="1690000000.000200")
    assert send(web, event).status == 200
    posts = fake.wait_for("chat.postMessage", channel="C0STORY")
    assert len(posts) == 1
    reply = posts[0].params
    assert reply["thread_ts"] == "1690000000.000200"
    assert_fits_slack(reply)
    lines = reply["text"].splitlines()
    assert lines[0] == "One Product Owner spread over too many teams or products"
    assert lines[1].startswith("Too much for one person")
    assert len(lines) <= 16, reply["text"]
    sources_line = next(line for line in lines if line.startswith("Sources:"))
    body = "\n".join(line for line in lines if not line.startswith("Sources:"))
    for name in ("Scrum Guide", "SAFe PO", "Adair"):
        assert name in sources_line and name in body


def test_a_second_question_is_answered_in_its_own_line(web: WebServer, fake: FakeSlack) -> None:
    """Two questions in one mention: the reply answers the first and gives the second its
    own line, with the asker's words shown inert."""
    text = f"<@{BOT_USER_ID}> who owns the roadmap and who writes the acceptance criteria <!here>?"
    send(web, mention(text, channel="C0TWO"))
    posts = fake.wait_for("chat.postMessage", channel="C0TWO")
    assert len(posts) == 1
    reply = posts[0].params
    assert_fits_slack(reply)
    assert_no_live_markup(json.dumps(reply, ensure_ascii=False))
    shown = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "*You also asked:*" in shown and "acceptance criteria" in shown
    assert "You also asked" in reply["text"]
