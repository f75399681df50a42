"""Short answers, More detail in place, "Did you mean…" choices and the App Home, through
real HTTP: signed requests to the running server, its Web API calls recorded by the fake."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    WebServer,
    assert_fits_slack,
    command_body,
    dm,
    event_body,
    interactive_body,
    mention,
    new_ts,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# (what is asked, most plain-text lines, most blocks) per the limits
SHORT_LIMITS = {"compare": (16, 8), "advice": (16, 8)}
DEFAULT_LIMITS = (12, 8)
QUESTIONS = [
    "whois-owns roadmap",
    "whois-owns user stories",
    "define pm",
    "define po",
    "compare",
    "topics",
    "help",
    "how much does a PO earn vs a PM",
    "who writes acceptance criteria?",
    "is a product manager more senior than a product owner?",
    "advise 4 squads, 40 engineers",
    "please draft 5 user stories",
    "how much does a scrum master earn",
    "who owns the office coffee machine?",
]


def slash(web: WebServer, text: str, **kwargs: str) -> dict[str, Any]:
    resp = signed_post(web.base, "/slack/events", command_body(text, **kwargs), FORM)
    assert resp.status == 200
    return resp.json()


def send_event(web: WebServer, event: dict[str, Any]) -> None:
    assert signed_post(web.base, "/slack/events", event_body(event), JSON).status == 200


def click(
    web: WebServer,
    element: dict[str, Any],
    *,
    user: str = "U0USER1",
    response_url: str = "http://127.0.0.1:9/response/none",
    container: dict[str, Any] | None = None,
    view: bool = False,
) -> None:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "T0TEST", "domain": "pmpo-test"},
        "user": {"id": user, "username": user.lower(), "team_id": "T0TEST"},
        "api_app_id": "A0PMPO",
        "token": "legacy-unused",
        "trigger_id": "1337.44.abcd",
        "actions": [
            {
                "action_id": element["action_id"],
                "block_id": "b",
                "text": element["text"],
                "value": element["value"],
                "type": "button",
                "action_ts": new_ts(),
            }
        ],
    }
    if view:
        payload["container"] = {"type": "view", "view_id": "V0HOME"}
        payload["view"] = {"id": "V0HOME", "type": "home"}
    else:
        payload["container"] = container
        payload["response_url"] = response_url
        payload["channel"] = {"id": container["channel_id"], "name": "x"}
    resp = signed_post(web.base, "/slack/events", interactive_body(payload), FORM)
    assert resp.status == 200


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        e["action_id"]: e
        for b in message.get("blocks", [])
        if b["type"] == "actions"
        for e in b["elements"]
    }


def assert_short(message: dict[str, Any], question: str) -> None:
    assert_fits_slack(message)
    kind = "advice" if question.startswith("advise") else question.split()[0]
    lines, most_blocks = SHORT_LIMITS.get(kind, DEFAULT_LIMITS)
    text = message["text"]
    assert len(text.splitlines()) <= lines, f"{question}: {len(text.splitlines())} lines\n{text}"
    assert len(message["blocks"]) <= most_blocks, f"{question}: {len(message['blocks'])} blocks"


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_surface_answers_within_the_limits(
    web: WebServer, fake: FakeSlack, question: str
) -> None:
    assert_short(slash(web, question), question)
    send_event(web, mention(f"<@{BOT_USER_ID}> {question}", channel="C0SIZE"))
    send_event(web, dm(question, channel="D0SIZE"))
    for channel in ("C0SIZE", "D0SIZE"):
        posts = fake.wait_for("chat.postMessage", channel=channel)
        assert len(posts) == 1
        assert_short(posts[0].params, question)


def test_salary_short_answer_says_each_figure_once_and_links_sources(
    web: WebServer, fake: FakeSlack
) -> None:
    body = slash(web, "how much does a PO earn vs a PM")
    shown = json.dumps(body["blocks"])
    assert shown.count("$159k") == 1 and "LiveSession 2022" not in shown
    assert "<https://www.boundev.com/|Boundev> (2026)" in shown
    assert "PM Exercises" in shown and "(undated)" in shown and "2023" not in shown


def test_more_detail_on_a_slash_answer_replaces_it_through_response_url(
    web: WebServer, fake: FakeSlack
) -> None:
    short = slash(web, "compare")  # a subcommand: no matching involved
    more = buttons(short)["pmpo_more"]
    assert buttons(short)["pmpo_share"]["value"] == more["value"]
    container = {"type": "message", "is_ephemeral": True, "channel_id": "C0CHAN1"}
    click(web, more, response_url=fake.response_url("more1"), container=container)
    posted = fake.wait_for("response_url", _id="more1")
    assert len(posted) == 1
    full = posted[0].params
    assert full["replace_original"] is True
    assert_fits_slack(full)
    assert len(full["text"].splitlines()) > len(short["text"].splitlines())
    shown = "\n".join(json.dumps(b, ensure_ascii=False) for b in full["blocks"])
    assert "*Where the sources disagree*" in shown
    for name in ("Boundev", "Adair", "LiveSession"):
        assert shown.count(f"• {name}: ") == 1  # each source's view, once
    assert shown.count("$159k") == 1  # the salary row, hidden in the short form
    assert "$159k" not in json.dumps(short["blocks"])
    assert "pmpo_more" not in buttons(full) and "pmpo_share" in buttons(full)
    assert fake.calls_for("chat.update") == []


def test_more_detail_on_a_thread_answer_updates_that_message(
    web: WebServer, fake: FakeSlack
) -> None:
    event = mention(f"<@{BOT_USER_ID}> compare", channel="C0MORE")
    send_event(web, event)
    post = fake.wait_for("chat.postMessage", channel="C0MORE")[0]
    assert len(post.params["text"].splitlines()) <= 16
    ts = f"1700000000.{len(fake.calls):06d}"  # where the fake says it posted doesn't matter
    container = {"type": "message", "message_ts": ts, "channel_id": "C0MORE"}
    click(web, buttons(post.params)["pmpo_more"], container=container)
    updates = fake.wait_for("chat.update", channel="C0MORE", ts=ts)
    assert len(updates) == 1
    full = updates[0].params
    assert_fits_slack(full)
    assert full["text"].count("\n• ") > post.params["text"].count("\n• ")  # every row
    assert "pmpo_more" not in buttons(full)
    assert len(fake.calls_for("chat.postMessage", channel="C0MORE")) == 1  # no second message


def test_did_you_mean_choices_answer_in_place(web: WebServer, fake: FakeSlack) -> None:
    asked = slash(web, "Are PM and PO basically synonyms?")
    picks = {k: v for k, v in buttons(asked).items() if k.startswith("pmpo_pick_")}
    assert 1 <= len(picks) <= 3
    assert_fits_slack(asked)
    choice = picks["pmpo_pick_1"]
    container = {"type": "message", "is_ephemeral": True, "channel_id": "C0CHAN1"}
    click(web, choice, response_url=fake.response_url("pick1"), container=container)
    chosen = fake.wait_for("response_url", _id="pick1")[0].params
    assert chosen["replace_original"] is True
    assert_fits_slack(chosen)
    assert len(chosen["text"].splitlines()) <= 12
    assert not any(k.startswith("pmpo_pick_") for k in buttons(chosen))
    assert chosen["blocks"][0]["text"]["text"] != asked["blocks"][0]["text"]["text"]


# A team's own story whose cues fall short of routing it to the advisor: it asks back
STORY = (
    "We are 2 squads and our PO keeps getting pulled into customer calls, so refinement "
    "slips every sprint. Is this normal or should something change?"
)


def test_an_ask_back_on_a_team_story_offers_the_advisor_in_place(
    web: WebServer, fake: FakeSlack
) -> None:
    send_event(web, mention(f"<@{BOT_USER_ID}> {STORY} <!channel>", channel="C0ADV"))
    post = fake.wait_for("chat.postMessage", channel="C0ADV")[0].params
    assert_fits_slack(post)
    picks = [v for k, v in buttons(post).items() if k.startswith("pmpo_pick_")]
    assert [p["text"]["text"] for p in picks][-1] == "Advice for your team"
    assert 2 <= len(picks) <= 4
    ts = f"1700000000.{len(fake.calls):06d}"
    container = {"type": "message", "message_ts": ts, "channel_id": "C0ADV"}
    click(web, picks[-1], container=container)
    advice = fake.wait_for("chat.update", channel="C0ADV", ts=ts)[0].params
    assert_fits_slack(advice)
    shown = json.dumps(advice["blocks"])
    assert "Split or combine PM and PO?" in shown
    assert "2 squads" in shown  # the facts came from the story the button carried
    assert "<!channel>" not in shown
    assert not any(k.startswith("pmpo_pick_") for k in buttons(advice))
    assert len(fake.calls_for("chat.postMessage", channel="C0ADV")) == 1  # no second message


def test_the_advisor_choice_carries_a_long_story_within_slacks_limit(
    web: WebServer, fake: FakeSlack
) -> None:
    asked = slash(web, STORY + " More context: " + "we ship weekly and " * 150)
    picks = [v for k, v in buttons(asked).items() if k.startswith("pmpo_pick_")]
    assert picks[-1]["text"]["text"] == "Advice for your team"
    assert len(picks[-1]["value"]) <= 2000
    assert_fits_slack(asked)


def test_advice_that_needs_facts_opens_the_form_filled_in_with_the_storys(
    web: WebServer, fake: FakeSlack
) -> None:
    story = (
        "Our PO keeps getting pulled into sales calls and the 12 engineers wait on answers. "
        "I'm the PM. What should we change?"
    )
    send_event(web, mention(f"<@{BOT_USER_ID}> {story}", channel="C0FORM"))
    post = fake.wait_for("chat.postMessage", channel="C0FORM")[0].params
    assert "Need more facts" in post["text"]
    form = buttons(post)["pmpo_advise_form"]
    assert form["text"]["text"] == "Open the team form"
    container = {"type": "message", "message_ts": "1.2", "channel_id": "C0FORM"}
    click(web, form, container=container)
    opened = fake.wait_for("views.open")[0].params
    assert opened["trigger_id"] == "1337.44.abcd"
    fields = {b["block_id"]: b["element"] for b in opened["view"]["blocks"] if "block_id" in b}
    assert fields["engineers"]["initial_value"] == "12"
    assert "initial_value" not in fields["squads"]  # the story gave no squad count
    assert json.loads(opened["view"]["private_metadata"]) == {"channel": "C0FORM", "ts": "1.2"}
    # the asker adds the squads the story lacked; the verdict replaces the message in place
    submit_form(web, opened["view"], squads="4")
    update = fake.wait_for("chat.update", channel="C0FORM")[0].params
    assert update["ts"] == "1.2" and "Need more facts" not in update["text"]
    assert "4 squads" in update["text"] and "12 engineers" in update["text"]
    assert "pmpo_advise_form" not in buttons(update)
    assert not fake.calls_for("chat.postMessage", channel="U0USER1")  # no second copy by DM
    # rated like any advice in a channel
    vote = json.loads(buttons(update)["pmpo_vote_helpful"]["value"])
    assert (vote["e"], vote["s"]) == ("advice", "mention")
    # More detail asks the advisor again with the same facts, and gets the whole verdict
    click(web, buttons(update)["pmpo_more"], container=container)
    full = fake.wait_for("chat.update", count=2, channel="C0FORM")[1].params
    assert "4 squads" in full["text"] and "Need more facts" not in full["text"]
    # a verdict needs no form
    send_event(web, mention(f"<@{BOT_USER_ID}> advise 4 squads, 40 engineers", channel="C0VERD"))
    verdict = fake.wait_for("chat.postMessage", channel="C0VERD")[0].params
    assert "pmpo_advise_form" not in buttons(verdict)


def submit_form(web: WebServer, view: dict[str, Any], user: str = "U0USER1", **typed: str) -> None:
    """Submit the opened modal as Slack would: its prefilled values plus what was `typed`."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block.get("element") or {}
        if block.get("type") != "input":
            continue
        if element["type"] == "plain_text_input":
            text = typed.get(block["block_id"], element.get("initial_value"))
            state = {"type": "plain_text_input", "value": text}
        else:
            state = {"type": "static_select", "selected_option": element.get("initial_option")}
        values[block["block_id"]] = {element["action_id"]: state}
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEST"},
        "user": {"id": user, "team_id": "T0TEST"},
        "api_app_id": "A0PMPO",
        "trigger_id": "1.2.3",
        "view": {**view, "id": "V0FORM", "state": {"values": values}},
    }
    resp = signed_post(web.base, "/slack/events", interactive_body(payload), FORM)
    assert resp.status == 200
    assert not resp.body or resp.json().get("response_action") != "errors"


def test_form_advice_goes_by_dm_when_its_message_cannot_be_replaced(
    web: WebServer, fake: FakeSlack
) -> None:
    form = {"action_id": "pmpo_advise_form", "text": {"type": "plain_text", "text": "x"}}
    # a message pmpo may no longer edit: the advice arrives by DM instead
    fake.inject("chat.update", "message_not_found")
    container = {"type": "message", "message_ts": "1.5", "channel_id": "C0GONE"}
    click(web, {**form, "value": '{"engineers": 30}'}, container=container, user="U0GONE")
    view = fake.wait_for("views.open")[0].params["view"]
    submit_form(web, view, user="U0GONE", squads="3")
    assert fake.wait_for("chat.update", channel="C0GONE")
    dm_post = fake.wait_for("chat.postMessage", channel="U0GONE")[0].params
    assert "3 squads" in dm_post["text"] and "30 engineers" in dm_post["text"]
    assert json.loads(buttons(dm_post)["pmpo_vote_helpful"]["value"])["s"] == "dm"
    # an ephemeral /pmpo answer cannot be edited: its response_url takes the advice
    url = fake.response_url("form-ephemeral")
    container = {
        "type": "message",
        "message_ts": "1.6",
        "channel_id": "C0EPH",
        "is_ephemeral": True,
    }
    click(web, {**form, "value": "{}"}, container=container, response_url=url, user="U0EPH")
    view = fake.wait_for("views.open", count=2)[1].params["view"]
    assert json.loads(view["private_metadata"]) == {"channel": "C0EPH", "response_url": url}
    submit_form(web, view, user="U0EPH", squads="2", engineers="14")
    replaced = fake.wait_for("response_url", _id="form-ephemeral")[0].params
    assert replaced["replace_original"] is True and "2 squads" in replaced["text"]
    # an ephemeral answer can be shared, and its vote redraws it from the typed facts
    assert buttons(replaced)["pmpo_share"]["value"].startswith("advise ")
    helpful = buttons(replaced)["pmpo_vote_helpful"]
    vote = json.loads(helpful["value"])
    assert vote["s"] == "command" and vote["t"].startswith("advise ")
    voted = fake.response_url("form-voted")
    click(web, helpful, container={**container, "message_ts": "1.7"}, response_url=voted)
    thanked = fake.wait_for("response_url", _id="form-voted")[0].params
    assert "2 squads" in thanked["text"] and "pmpo_vote_helpful" not in buttons(thanked)
    assert not fake.calls_for("chat.postMessage", channel="U0EPH")


def test_the_form_button_with_a_forged_value_opens_an_empty_form(
    web: WebServer, fake: FakeSlack
) -> None:
    forged = {"action_id": "pmpo_advise_form", "text": {"type": "plain_text", "text": "x"}}
    container = {"type": "message", "message_ts": "1.3", "channel_id": "C0FORGE"}
    click(web, {**forged, "value": "<!channel> not json"}, container=container)
    fields = {
        b["block_id"]: b["element"]
        for b in fake.wait_for("views.open")[0].params["view"]["blocks"]
        if "block_id" in b
    }
    assert not any("initial_value" in f or "initial_option" in f for f in fields.values())


def test_when_slack_refuses_the_form_the_asker_is_told_how_to_type_the_facts(
    web: WebServer, fake: FakeSlack
) -> None:
    fake.inject("views.open", "invalid_auth")
    form = {"action_id": "pmpo_advise_form", "text": {"type": "plain_text", "text": "x"}}
    container = {"type": "message", "message_ts": "1.4", "channel_id": "C0NOFORM"}
    url = fake.response_url("form-refused")
    click(web, {**form, "value": '{"engineers": 12}'}, container=container, response_url=url)
    told = fake.wait_for("response_url", _id="form-refused")[0].params
    assert told["replace_original"] is False and told["response_type"] == "ephemeral"
    assert "Could not open the form" in told["text"] and "/pmpo advise" in told["text"]


def home_views(fake: FakeSlack, user: str, count: int = 1) -> list[dict[str, Any]]:
    calls = fake.wait_for("views.publish", count=count, user_id=user)
    assert len(calls) >= count
    return [c.params["view"] for c in calls]


def test_home_tab_for_members_has_examples_and_no_reload(web: WebServer, fake: FakeSlack) -> None:
    send_event(web, {"type": "app_home_opened", "user": "U0USER1", "tab": "home"})
    view = home_views(fake, "U0USER1")[0]
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    found = buttons(view)
    examples = [k for k in found if k.startswith("pmpo_home_ask_")]
    assert len(examples) == 5
    assert "pmpo_home_reload" not in found
    shown = json.dumps(view)
    assert "/pmpo whois-owns roadmap" in shown and "@pmpo" in shown and "Who owns what" in shown
    # an example answers in the person's DM, short, with More detail
    assert found[examples[2]]["value"] == "compare"
    click(web, found[examples[2]], view=True)
    post = fake.wait_for("chat.postMessage", channel="U0USER1")[0].params
    assert post["text"].startswith("Product Manager vs Product Owner")
    assert "pmpo_more" in buttons(post) and len(post["text"].splitlines()) <= 16


def test_messages_tab_opening_publishes_nothing(web: WebServer, fake: FakeSlack) -> None:
    send_event(web, {"type": "app_home_opened", "user": "U0USER1", "tab": "messages"})
    send_event(web, {"type": "app_home_opened", "user": "U0USER1", "tab": "home"})
    assert len(home_views(fake, "U0USER1")) == 1


def test_home_tab_for_admins_reloads_only_for_admins(web: WebServer, fake: FakeSlack) -> None:
    send_event(web, {"type": "app_home_opened", "user": ADMIN_ID, "tab": "home"})
    view = home_views(fake, ADMIN_ID)[0]
    shown = json.dumps(view)
    assert "For admins" in shown and "entries" in shown and "Last reload" in shown
    reload_button = buttons(view)["pmpo_home_reload"]

    fake.set_user("U0MEMBER")  # a member who forged the click: refused, nothing reloaded
    click(web, reload_button, user="U0MEMBER", view=True)
    refused = home_views(fake, "U0MEMBER")[0]
    assert "pmpo_home_reload" not in buttons(refused)
    web.wait_log("reload refused: user=U0MEMBER")
    assert "reload by user=U0MEMBER" not in web.log_text()

    click(web, reload_button, user=ADMIN_ID, view=True)
    after = home_views(fake, ADMIN_ID, count=2)[1]
    web.wait_log(f"reload by user={ADMIN_ID} ok=True")
    shown = json.dumps(after)
    assert f"<@{ADMIN_ID}>" in shown and "Knowledge base reloaded" in shown
