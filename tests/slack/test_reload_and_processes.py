"""Admin reload and several processes: two `web:` servers share one knowledge directory and
one state directory, as gunicorn workers or a web + worker pair would."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.slack.conftest import make_kb
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    BOT_TOKEN,
    SIGNING_SECRET,
    WebServer,
    assert_fits_slack,
    command_body,
    event_body,
    mention,
    server_env,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"

NEW_ENTRY = """\
entries:
  - id: owns-zebra-test
    kind: ownership
    title: Zebra crossing duty
    keywords: [zebra crossing]
    owner: po
    verdict: The Product Owner walks the zebra crossing.
    reason: A test entry added while the bot runs.
    sources: [adair]
"""
OLD_VERDICT = "The Product Manager owns the roadmap."
NEW_VERDICT = "The Product Manager owns the roadmap, end to end."


class Pair:
    def __init__(self, a: WebServer, b: WebServer, kb: Path) -> None:
        self.a, self.b, self.kb = a, b, kb


@pytest.fixture(scope="module")
def pair(fake_slack: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    root = tmp_path_factory.mktemp("pair")
    kb = make_kb(root / "kb")
    # DEBUG on purpose: the SDK then logs request headers, so the redaction test below bites
    env = server_env(fake_slack.api_url, kb, root / "state", LOG_LEVEL="DEBUG")
    a = WebServer(env, root / "a.log", workers=1)
    b = WebServer(env, root / "b.log", workers=1)
    yield Pair(a, b, kb)
    a.stop()
    b.stop()


def reload_as(server: WebServer, fake: FakeSlack, user_id: str, name: str) -> dict:
    body = command_body("reload", user_id=user_id, response_url=fake.response_url(name))
    resp = signed_post(server.base, "/slack/events", body, FORM)
    assert resp.status == 200
    posted = fake.wait_for("response_url", _id=name)
    assert posted, "no reload result"
    message = posted[0].params
    assert message["response_type"] == "ephemeral"
    assert_fits_slack(message)
    return message


def ask(server: WebServer, text: str) -> dict:
    return signed_post(server.base, "/slack/events", command_body(text), FORM).json()


def test_non_admin_reload_is_refused_and_logged(pair: Pair, fake: FakeSlack) -> None:
    message = reload_as(pair.a, fake, "U0NOBODY", "refuse1")
    assert "only pmpo admins" in message["text"]
    assert pair.a.wait_log("reload refused: user=U0NOBODY")
    assert fake.calls_for("users.info", user="U0NOBODY")


def test_admin_named_in_text_does_not_count(pair: Pair, fake: FakeSlack) -> None:
    body = command_body(
        f"reload <@{ADMIN_ID}>", user_id="U0NOBODY2", response_url=fake.response_url("r2")
    )
    signed_post(pair.a.base, "/slack/events", body, FORM)
    assert "only pmpo admins" in fake.wait_for("response_url", _id="r2")[0].params["text"]


def test_admin_reload_reports_changes_and_other_process_follows(
    pair: Pair, fake: FakeSlack
) -> None:
    assert ask(pair.b, "whois-owns zebra crossing")["blocks"][0]["text"]["text"] == "Not sure"
    ownership = pair.kb / "ownership.yml"
    original = ownership.read_text()
    assert OLD_VERDICT in original
    try:
        (pair.kb / "zz-extra.yml").write_text(NEW_ENTRY)
        ownership.write_text(original.replace(OLD_VERDICT, NEW_VERDICT))
        message = reload_as(pair.a, fake, ADMIN_ID, "admin1")
        assert "Knowledge base reloaded" in message["text"]
        assert "1 added, 0 removed, 1 changed" in message["text"]
        assert "All 2 pmpo processes answer from it" in message["text"]  # counted, not assumed
        text = json.dumps(message["blocks"])
        assert "owns-zebra-test" in text and "owns-roadmap" in text
        # the other process answers from the new files without being told
        answer = ask(pair.b, "whois-owns zebra crossing")
        # the answer or its closest topic (the matcher may ask "Did you mean…"): either way
        # only the new knowledge base knows this entry
        assert "Zebra crossing duty" in json.dumps(answer)
        assert NEW_VERDICT in ask(pair.b, "whois-owns roadmap")["text"]
    finally:
        (pair.kb / "zz-extra.yml").unlink(missing_ok=True)
        ownership.write_text(original)
    message = reload_as(pair.a, fake, ADMIN_ID, "admin2")
    assert "0 added, 1 removed, 1 changed" in message["text"]


def test_workspace_admin_may_reload_via_users_info(pair: Pair, fake: FakeSlack) -> None:
    fake.set_user("U0WSADMIN", is_admin=True)
    message = reload_as(pair.a, fake, "U0WSADMIN", "wsadmin")
    assert "Knowledge base reloaded" in message["text"]
    assert fake.calls_for("users.info", user="U0WSADMIN")
    fake.set_user("U0OWNER", is_owner=True)
    assert "Knowledge base reloaded" in reload_as(pair.b, fake, "U0OWNER", "owner")["text"]


def test_broken_file_is_refused_and_old_kb_keeps_answering(pair: Pair, fake: FakeSlack) -> None:
    before = ask(pair.a, "whois-owns roadmap")
    broken = pair.kb / "broken.yml"
    broken.write_text("entries:\n  - id: x\n    kind: [unclosed\n")
    try:
        message = reload_as(pair.a, fake, ADMIN_ID, "broken")
        assert "Reload refused" in message["text"]
        assert "broken.yml:" in message["text"]
        assert "previous knowledge base" in message["text"]
        assert ask(pair.a, "whois-owns roadmap") == before
        assert ask(pair.b, "whois-owns roadmap") == before
    finally:
        broken.unlink()


def test_duplicate_delivery_to_two_processes_answered_once(pair: Pair, fake: FakeSlack) -> None:
    body = event_body(mention(f"<@{BOT_USER_ID}> compare", channel="C0TWOPROC"), "Ev0TWOPROC")
    for server in (pair.a, pair.b, pair.a, pair.b):
        assert signed_post(server.base, "/slack/events", body, "application/json").status == 200
    fake.wait_for("chat.postMessage", channel="C0TWOPROC")
    time.sleep(0.6)
    assert len(fake.calls_for("chat.postMessage", channel="C0TWOPROC")) == 1


def test_no_token_or_secret_in_any_log_line(pair: Pair, fake: FakeSlack) -> None:
    ask(pair.a, "compare")
    signed_post(
        pair.b.base,
        "/slack/events",
        event_body(mention(f"<@{BOT_USER_ID}> define po", channel="C0LOGS")),
        "application/json",
    )
    fake.wait_for("chat.postMessage", channel="C0LOGS")
    time.sleep(0.3)
    logs = pair.a.log_text() + pair.b.log_text()
    assert "Sending a request" in logs  # DEBUG request logging really was on
    assert BOT_TOKEN not in logs
    assert BOT_TOKEN.split("-", 1)[1] not in logs
    assert SIGNING_SECRET not in logs
