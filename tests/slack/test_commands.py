"""`/pmpo` through real HTTP: usage cards, answers in the ack, the advisor modal."""

from __future__ import annotations

import json

from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import (
    WebServer,
    assert_fits_slack,
    assert_no_live_markup,
    command_body,
    interactive_body,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"


def slash(web: WebServer, text: str, **kwargs: str):
    return signed_post(web.base, "/slack/events", command_body(text, **kwargs), FORM)


def test_empty_command_gives_usage_card(web: WebServer, fake: FakeSlack) -> None:
    resp = slash(web, "")
    assert resp.status == 200
    body = resp.json()
    assert body["response_type"] == "ephemeral"
    assert body["blocks"][0]["type"] == "header"
    assert "whois-owns" in json.dumps(body["blocks"])
    assert "actions" not in [b["type"] for b in body["blocks"]]  # nothing to share
    assert_fits_slack(body)


def test_unknown_subcommand_gives_usage_card(web: WebServer, fake: FakeSlack) -> None:
    body = slash(web, "compre").json()
    text = json.dumps(body)
    assert "I don't know the subcommand" in text
    assert "`compare`" in text
    assert_fits_slack(body)


def test_whois_owns_answered_in_ack_with_share_button(web: WebServer, fake: FakeSlack) -> None:
    resp = slash(web, "whois-owns roadmap")
    body = resp.json()
    assert body["response_type"] == "ephemeral"
    assert "roadmap" in body["blocks"][0]["text"]["text"].lower()
    actions = [b for b in body["blocks"] if b["type"] == "actions"]
    assert actions and actions[0]["elements"][0]["action_id"] == "pmpo_share"
    assert actions[0]["elements"][0]["value"] == "whois-owns roadmap"
    assert "Product Manager" in body["text"]
    assert_fits_slack(body)
    assert fake.calls_for("chat.postMessage") == []  # the ack is the answer


def test_free_question_answered(web: WebServer, fake: FakeSlack) -> None:
    body = slash(web, "who writes user stories?").json()
    assert body["response_type"] == "ephemeral"
    assert "Not sure" not in body["blocks"][0]["text"]["text"]
    assert "Product Owner" in body["text"]
    assert_fits_slack(body)


def test_compare_has_side_by_side_fields(web: WebServer, fake: FakeSlack) -> None:
    body = slash(web, "compare").json()
    with_fields = [b for b in body["blocks"] if b.get("fields")]
    assert with_fields
    assert with_fields[0]["fields"][0]["text"].startswith("*PM*")
    assert with_fields[0]["fields"][1]["text"].startswith("*PO*")
    assert_fits_slack(body)


def test_compare_with_an_aspect_leads_with_that_row(web: WebServer, fake: FakeSlack) -> None:
    body = slash(web, "compare pricing").json()
    rows = [b for b in body["blocks"] if b.get("fields")]
    assert len(rows) == 3
    assert rows[0]["text"]["text"].startswith("*Pricing")
    assert "Makes pricing decisions" in rows[0]["fields"][0]["text"]
    assert "Makes pricing decisions" not in json.dumps(slash(web, "compare").json()["blocks"])
    assert_fits_slack(body)


def test_hostile_markup_in_command_is_inert(web: WebServer, fake: FakeSlack) -> None:
    body = slash(web, "<!channel> <@U123> @here <!here|here> zyxxy <b>frobnicate</b>").json()
    shown = json.dumps({"text": body["text"], "blocks": body["blocks"]}, ensure_ascii=False)
    for block in body["blocks"]:
        if block["type"] == "actions":
            continue  # the button value is data, never rendered
        assert_no_live_markup(json.dumps(block, ensure_ascii=False))
    assert_no_live_markup(body["text"])
    # Slack's own tags are dropped before matching; anything else is echoed escaped
    assert "<!channel>" not in shown and "<!here" not in shown
    assert "&lt;b&gt;frobnicate" in shown


def test_advise_without_facts_opens_modal(web: WebServer, fake: FakeSlack) -> None:
    resp = slash(web, "advise", trigger_id="9999.1.trigger")
    assert resp.status == 200
    calls = fake.wait_for("views.open")
    assert calls, "views.open was not called"
    assert calls[0].params["trigger_id"] == "9999.1.trigger"
    view = calls[0].params["view"]
    assert view["type"] == "modal"
    assert view["callback_id"] == "pmpo_advise"


def test_view_submission_posts_advice_to_user(web: WebServer, fake: FakeSlack) -> None:
    from bot.advisor import modal

    view = modal.build_view(json.dumps({"channel": "C0CHAN1"}))
    values = {
        block["block_id"]: {
            block["element"]["action_id"]: {"type": "plain_text_input", "value": "3"}
        }
        for block in view["blocks"]
        if block.get("type") == "input" and block["element"]["type"] == "plain_text_input"
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEST"},
        "user": {"id": "U0ADVISE", "team_id": "T0TEST"},
        "api_app_id": "A0PMPO",
        "trigger_id": "1.2.3",
        "view": {**view, "id": "V0TEST", "state": {"values": values}},
    }
    resp = signed_post(web.base, "/slack/events", interactive_body(payload), FORM)
    assert resp.status == 200
    if resp.body:
        assert resp.json().get("response_action") in (None, "errors", "clear")
        if resp.json().get("response_action") == "errors":
            return  # the advisor wants more facts than this minimal form gives
    posts = fake.wait_for("chat.postMessage", channel="U0ADVISE")
    assert posts, "no advice posted to the user"
    assert_fits_slack(posts[0].params)
