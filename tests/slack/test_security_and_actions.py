"""Signatures, sizes, paths, health, and the Share button."""

from __future__ import annotations

import json
import time

from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import (
    WebServer,
    assert_fits_slack,
    command_body,
    interactive_body,
    request,
    share_payload,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"


def test_forged_signature_is_refused(web: WebServer, fake: FakeSlack) -> None:
    resp = signed_post(web.base, "/slack/events", command_body("compare"), FORM, secret="f" * 32)
    assert resp.status == 401
    assert fake.calls == []


def test_unsigned_request_is_refused(web: WebServer) -> None:
    resp = request(
        web.base, "POST", "/slack/events", command_body("compare").encode(), {"Content-Type": FORM}
    )
    assert resp.status == 401


def test_stale_timestamp_is_refused(web: WebServer) -> None:
    stale = int(time.time()) - 6 * 60
    resp = signed_post(web.base, "/slack/events", command_body("compare"), FORM, timestamp=stale)
    assert resp.status == 401


def test_oversized_body_is_refused_before_parsing(web: WebServer) -> None:
    body = command_body("x" * (70 * 1024))
    resp = signed_post(web.base, "/slack/events", body, FORM)
    assert resp.status == 413


def test_non_utf8_body_is_refused(web: WebServer) -> None:
    resp = signed_post(web.base, "/slack/events", b"text=\xff\xfe", FORM)
    assert resp.status == 400


def test_healthz(web: WebServer) -> None:
    resp = request(web.base, "GET", "/healthz")
    assert resp.status == 200
    assert resp.text == "ok"


def test_other_paths_are_404(web: WebServer) -> None:
    assert request(web.base, "GET", "/").status == 404
    assert request(web.base, "GET", "/slack/events").status == 404
    assert request(web.base, "POST", "/admin", b"{}").status == 404


def test_share_button_posts_answer_in_channel(web: WebServer, fake: FakeSlack) -> None:
    ephemeral = signed_post(web.base, "/slack/events", command_body("whois-owns roadmap"), FORM)
    value = next(b for b in ephemeral.json()["blocks"] if b["type"] == "actions")["elements"][0][
        "value"
    ]
    payload = share_payload(value, fake.response_url("share1"))
    resp = signed_post(web.base, "/slack/events", interactive_body(payload), FORM)
    assert resp.status == 200
    posted = fake.wait_for("response_url", _id="share1")
    assert len(posted) == 1
    message = posted[0].params
    assert message["response_type"] == "in_channel"
    assert message["blocks"][0] == ephemeral.json()["blocks"][0]
    assert message["text"] == ephemeral.json()["text"]
    actions = [
        e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    # More detail and the vote buttons for everyone in the channel; no re-share
    assert actions == ["pmpo_more", "pmpo_vote_helpful", "pmpo_vote_unhelpful"]
    assert "Shared by <@U0USER2>" in json.dumps(message["blocks"])
    assert_fits_slack(message)
