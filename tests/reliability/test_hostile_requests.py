"""Hostile requests through the real server: only signed, fresh requests are served, nothing
parses a body over the limit, malformed payloads get a 4xx (never a 500 or a dead worker), and
the admin check reads only the signed user id. The basics (forged and stale signatures,
a 70 KB body, a non-UTF-8 body, "reload <@UADMIN>") are in tests/slack; these go further.
"""

from __future__ import annotations

import http.client
import json
import time

import pytest

from tests.reliability.conftest import Served
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    SIGNING_SECRET,
    assert_fits_slack,
    assert_no_live_markup,
    command_body,
    event_body,
    interactive_body,
    mention,
    request,
    sign,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def post_raw(served: Served, body: bytes, headers: dict[str, str]) -> int:
    return request(served.base, "POST", "/slack/events", body, headers).status


@pytest.mark.parametrize(
    "tamper",
    ["future", "body-changed", "no-timestamp", "junk-timestamp", "v1-scheme", "empty-signature"],
)
def test_only_signed_fresh_requests_are_served(
    tamper: str, served: Served, fake: FakeSlack
) -> None:
    body = command_body("compare").encode()
    headers = {"Content-Type": FORM, **sign(body)}
    if tamper == "future":
        headers.update(sign(body, int(time.time()) + 6 * 60))
    elif tamper == "body-changed":
        body = body.replace(b"compare", b"reload!")
    elif tamper == "no-timestamp":
        del headers["X-Slack-Request-Timestamp"]
    elif tamper == "junk-timestamp":
        headers["X-Slack-Request-Timestamp"] = "soon"
    elif tamper == "v1-scheme":
        headers["X-Slack-Signature"] = headers["X-Slack-Signature"].replace("v0=", "v1=")
    elif tamper == "empty-signature":
        headers["X-Slack-Signature"] = ""
    assert post_raw(served, body, headers) == 401
    assert fake.calls == []


def test_body_over_the_limit_without_content_length_is_refused(served: Served) -> None:
    """Chunked upload: no Content-Length to check up front, so the reader stops at the limit."""
    host, port = served.base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=15)
    chunk = b"text=" + b"x" * 8192
    try:
        conn.putrequest("POST", "/slack/events")
        conn.putheader("Content-Type", FORM)
        conn.putheader("Transfer-Encoding", "chunked")
        for name, value in sign(b"whatever").items():
            conn.putheader(name, value)
        conn.endheaders()
        for _ in range(12):  # 96 KiB
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
        status = conn.getresponse().status
    finally:
        conn.close()
    assert status == 413


def test_lying_content_length_reads_only_what_was_declared(served: Served) -> None:
    body = command_body("compare").encode()
    resp = request(
        served.base,
        "POST",
        "/slack/events",
        body,
        {"Content-Type": FORM, "Content-Length": str(10**9), **sign(body)},
    )
    assert resp.status == 413


@pytest.mark.parametrize(
    ("name", "body", "ctype"),
    [
        ("not-json", b"{not json", JSON),
        ("json-list", b"[1, 2, 3]", JSON),
        ("json-string", b'"hello"', JSON),
        ("deep-json", b"[" * 30000 + b"]" * 30000, JSON),
        ("event-not-a-dict", json.dumps({"type": "event_callback", "event": "x"}).encode(), JSON),
        ("payload-not-json", b"payload=%7Bnope", FORM),
        ("payload-list", b"payload=%5B%5D", FORM),
        ("empty-form", b"", FORM),
        ("form-no-command", b"text=hello&user_id=U0USER1", FORM),
        ("unknown-type", json.dumps({"type": "mystery"}).encode(), JSON),
    ],
)
def test_malformed_payloads_never_cost_a_worker(
    name: str, body: bytes, ctype: str, served: Served
) -> None:
    status = post_raw(served, body, {"Content-Type": ctype, **sign(body)})
    assert status < 500, name
    assert request(served.base, "GET", "/healthz").status == 200


def test_lone_surrogate_in_an_event_is_answered(served: Served, fake: FakeSlack) -> None:
    """Slack's JSON may carry "\\ud800"; it used to crash the renderer (no answer, only an
    apology). It is shown as U+FFFD."""
    event = mention(f"<@{BOT_USER_ID}> whois-owns roadmap \ud800 <!channel>", channel="C0SURR")
    body = event_body(event).encode()  # json.dumps escapes the surrogate as \ud800
    assert b"\\ud800" in body
    assert post_raw(served, body, {"Content-Type": JSON, **sign(body)}) == 200
    posts = fake.wait_for("chat.postMessage", channel="C0SURR")
    assert len(posts) == 1
    assert "Sorry, something went wrong" not in posts[0].params["text"]
    assert "Product Manager" in posts[0].params["text"]
    assert_no_live_markup(posts[0].text_everywhere())


def test_admin_check_reads_only_the_signed_user_id(served: Served, fake: FakeSlack) -> None:
    """A non-admin cannot borrow an admin's id or name from any field they control."""
    sneaky = [
        f"reload <@{ADMIN_ID}>",
        f"reload user_id={ADMIN_ID}",
        f"<@{ADMIN_ID}> reload",
        f"reload &user_id={ADMIN_ID}",
    ]
    for n, text in enumerate(sneaky):
        body = command_body(text, user_id="U0MALLORY", response_url=fake.response_url(f"m{n}"))
        body = body.replace("user_name=u0mallory", f"user_name={ADMIN_ID.lower()}")
        signed_post(served.base, "/slack/events", body, FORM)
    for name in [f"m{n}" for n in range(len(sneaky))]:
        posted = fake.wait_for("response_url", _id=name)
        assert posted, name
        assert "only pmpo admins" in posted[0].params["text"], name
    # the same field twice (Slack never sends that; a body mangled on the way might): Bolt
    # would take the last user_id, so the request is refused before it gets there
    dup = command_body("reload", user_id="U0MALLORY", response_url=fake.response_url("mdup"))
    resp = signed_post(served.base, "/slack/events", dup + f"&user_id={ADMIN_ID}", FORM)
    assert resp.status == 400
    # a mention saying "reload" never reloads, whoever sends it
    signed_post(
        served.base,
        "/slack/events",
        event_body(mention(f"<@{BOT_USER_ID}> reload", channel="C0MREL", user=ADMIN_ID)),
        JSON,
    )
    post = fake.wait_for("chat.postMessage", channel="C0MREL")[0].params
    assert "/pmpo reload" in post["text"] and "Knowledge base reloaded" not in post["text"]
    # and a button cannot carry a reload either: its value is answered as a question
    payload = {
        "type": "block_actions",
        "user": {"id": "U0MALLORY"},
        "response_url": fake.response_url("btn"),
        "actions": [{"action_id": "pmpo_share", "value": "reload", "type": "button"}],
    }
    signed_post(served.base, "/slack/events", interactive_body(payload), FORM)
    shared = fake.wait_for("response_url", _id="btn")[0].params
    assert "Knowledge base reloaded" not in shared["text"]
    assert_fits_slack(shared)
    assert "reload by user=U0MALLORY" not in served.server.log_text()
    assert fake.calls_for("response_url", _id="mdup") == []


def test_signing_secret_is_not_an_oracle(served: Served) -> None:
    """A wrong signature is refused the same way whatever its prefix (no early exit to time)."""
    body = command_body("compare").encode()
    good = sign(body)
    statuses = set()
    for prefix_len in (0, 10, 40, len(good["X-Slack-Signature"]) - 1):
        forged = good["X-Slack-Signature"][:prefix_len]
        forged += "0" * (len(good["X-Slack-Signature"]) - prefix_len)
        if forged == good["X-Slack-Signature"]:
            continue
        headers = {"Content-Type": FORM, **good, "X-Slack-Signature": forged}
        statuses.add(post_raw(served, body, headers))
    assert statuses == {401}
    assert SIGNING_SECRET not in served.server.log_text()
