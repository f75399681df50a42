"""The knowledge-gap loop through real HTTP, on SQLite and on a real PostgreSQL: declines,
ask-backs and *Not helpful* clicks reach an admin's `/pmpo gaps` and `pmpo gaps --json`; members are
refused; a second vote replaces the first; DMs are not logged; purge empties the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from bot.answering import answer_text
from bot.gaps.text import normalise
from bot.matcher import Index
from tests.slack.conftest import make_kb
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    ROOT,
    WebServer,
    assert_fits_slack,
    command_body,
    dm,
    event_body,
    interactive_body,
    mention,
    server_env,
    signed_post,
)
from tests.slack.test_short_and_home import STORY, buttons, send_event
from tests.slack.test_short_and_home import click as home_click

FORM = "application/x-www-form-urlencoded"
LUNCH = "where should we go for lunch on friday"
# Answered whatever the matcher's tuning: `compare` and `define po` name their entry.
ANSWERED, ANSWERED_ENTRY = "compare", "compare"


class GapServer:
    def __init__(self, server: WebServer, env: dict[str, str]) -> None:
        self.server, self.env = server, env

    @property
    def base(self) -> str:
        return self.server.base


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def gap_web(
    request: pytest.FixtureRequest, fake_slack: FakeSlack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GapServer]:
    root = tmp_path_factory.mktemp(f"gaps-{request.param}")
    extra = {}
    if request.param == "postgresql":
        extra["DATABASE_URL"] = request.getfixturevalue("postgres").new_database()
    env = server_env(fake_slack.api_url, make_kb(root / "kb"), root / "state", **extra)
    server = WebServer(env, root / "server.log", workers=1)  # one writer: FIFO, see DM test
    yield GapServer(server, env)
    server.stop()


def slash(web: GapServer, text: str, user_id: str = "U0USER1", response_url: str = "") -> Any:
    urls = {"response_url": response_url} if response_url else {}
    body = command_body(text, user_id=user_id, **urls)
    resp = signed_post(web.base, "/slack/events", body, FORM)
    assert resp.status == 200, resp.text
    return resp.json() if resp.body else {}


def admin_report(web: GapServer, fake: FakeSlack, name: str, user: str = ADMIN_ID) -> dict:
    slash(web, "gaps", user_id=user, response_url=fake.response_url(name))
    posted = fake.wait_for("response_url", _id=name)
    assert posted, "no gap report"
    message = posted[0].params
    assert message["response_type"] == "ephemeral"
    assert_fits_slack(message)
    return message


def report_until(web: GapServer, fake: FakeSlack, needle: str, timeout: float = 8.0) -> str:
    """The admin's report text once it mentions `needle` (writes land a moment after the
    answer, off the ack path)."""
    deadline = time.monotonic() + timeout
    n = 0
    while True:
        n += 1
        text = json.dumps(admin_report(web, fake, f"gaps-{time.time_ns()}-{n}"), ensure_ascii=False)
        if needle in text or time.monotonic() > deadline:
            return text
        time.sleep(0.2)


def vote_buttons(message: dict) -> list[dict]:
    block = next(b for b in message["blocks"] if b.get("block_id") == "pmpo_feedback")
    return block["elements"]


def click(
    web: GapServer,
    button: dict,
    *,
    user_id: str = "U0USER1",
    response_url: str = "http://127.0.0.1:9/none",
    ephemeral: bool = True,
    message: dict | None = None,
    channel: str = "C0CHAN1",
) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEST", "domain": "pmpo-test"},
        "user": {"id": user_id, "username": "voter", "team_id": "T0TEST"},
        "api_app_id": "A0PMPO",
        "token": "legacy-unused",
        "container": {
            "type": "message",
            "message_ts": (message or {}).get("ts", "1700000000.000001"),
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        },
        "trigger_id": "1337.44.abcd",
        "channel": {"id": channel, "name": "general"},
        "response_url": response_url,
        "actions": [{**button, "block_id": "pmpo_feedback", "action_ts": "1700000000.2"}],
    }
    if message is not None:
        payload["message"] = message
    resp = signed_post(web.base, "/slack/events", interactive_body(payload), FORM)
    assert resp.status == 200, resp.text


def pmpo_gaps_cli(web: GapServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **web.env}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "gaps", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def ask_back_question(index: Index, nth: int = 0, choices: int = 1) -> str:
    """The `nth` question the matcher answers with "Did you mean…" and at least `choices`
    choices today (its tuning moves)."""
    questions = yaml.safe_load((ROOT / "tests" / "questions" / "questions.yml").read_text())
    found = (
        str(item["q"])
        for item in questions["questions"]
        if (result := answer_text(index, str(item["q"]))).kind == "clarify"
        and len(result.suggestions) >= choices
    )
    for _ in range(nth):
        next(found, None)
    question = next(found, None)
    if question is None:
        pytest.fail("too few questions in questions.yml get an ask-back")
    return question


def test_decline_and_not_helpful_reach_admin_report_and_cli(
    gap_web: GapServer, fake: FakeSlack, real_index: Index
) -> None:
    ask_back = ask_back_question(real_index)
    kept = normalise(ask_back)
    declined = slash(gap_web, LUNCH)
    assert "Not sure" in declined["blocks"][0]["text"]["text"]
    assert not any(b.get("block_id") == "pmpo_feedback" for b in declined["blocks"])

    asked_back = slash(gap_web, ask_back)
    assert "Did you mean" in asked_back["blocks"][0]["text"]["text"]

    answered = slash(gap_web, ANSWERED)
    helpful, unhelpful = vote_buttons(answered)
    assert (helpful["text"]["text"], unhelpful["text"]["text"]) == ("Helpful", "Not helpful")
    assert_fits_slack(answered)
    click(gap_web, unhelpful, response_url=fake.response_url("vote-1"))
    thanks = fake.wait_for("response_url", _id="vote-1")[0].params
    assert thanks["replace_original"] is True and thanks["response_type"] == "ephemeral"
    assert [e["text"]["text"] for e in vote_buttons(thanks)] == ["Thanks! Change to Helpful"]
    assert thanks["blocks"][0] == answered["blocks"][0]  # the answer stays, redrawn

    text = report_until(gap_web, fake, "rated not helpful")
    assert "where should we go for lunch on friday" in text
    assert f"“{kept}” (asked back 1; entry: " in text
    assert f"“{ANSWERED}” (rated not helpful 1; entry: {ANSWERED_ENTRY})" in text
    assert f"{ANSWERED_ENTRY}: 0/1 helpful" in text
    assert "Suggest YAML #1" in text

    done = pmpo_gaps_cli(gap_web, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    samples = {s: g for g in report["groups"] for s in g["samples"]}
    assert samples[LUNCH]["kinds"] == {"declined": 1}
    assert samples[ANSWERED]["kinds"] == {"unhelpful": 1}
    assert samples[kept]["kinds"] == {"clarify": 1}
    assert report["helpful"][ANSWERED_ENTRY]["votes"] == 1
    assert report["asked"] >= 2 and 0 < report["answered_share"] < 1

    group_id = samples[LUNCH]["id"]
    snippet = pmpo_gaps_cli(gap_web, "--yaml", group_id)
    assert snippet.returncode == 0 and "lunch" in snippet.stdout and "TODO" in snippet.stdout


def pick_buttons(message: dict) -> list[dict]:
    return [b for k, b in sorted(buttons(message).items()) if k.startswith("pmpo_pick_")]


def test_a_choice_clicked_after_an_ask_back_shows_the_admin_which_entry_was_meant(
    gap_web: GapServer, fake: FakeSlack, real_index: Index
) -> None:
    question = ask_back_question(real_index, nth=1, choices=2)
    kept = normalise(question)
    picks = pick_buttons(slash(gap_web, question))
    ids = [b["value"].partition("\n")[0].removeprefix("entry:") for b in picks]
    wanted = ids[-1]
    assert wanted != ids[0]  # so the report can only show it because it was picked
    assert picks[-1]["value"] == f"entry:{wanted}\n{kept}"  # the question rides along, as logged
    click(gap_web, picks[-1], response_url=fake.response_url("picked"))
    chosen = fake.wait_for("response_url", _id="picked")[0].params
    assert chosen["replace_original"] is True and not pick_buttons(chosen)
    following = [b["value"] for b in buttons(chosen).values()]
    assert f"entry:{wanted}" in following and not any(kept in v for v in following)

    # the group is still one ask-back; the entry it shows (and its YAML) is the one picked
    text = report_until(gap_web, fake, f"picked {wanted} 1")
    assert f"“{kept}” (asked back 1; picked {wanted} 1; entry: {wanted})" in text
    report = json.loads(pmpo_gaps_cli(gap_web, "--json").stdout)
    group = next(g for g in report["groups"] if kept in g["samples"])
    assert (group["count"], group["kinds"], group["picked"]) == (1, {"clarify": 1}, {wanted: 1})
    snippet = pmpo_gaps_cli(gap_web, "--yaml", group["id"]).stdout
    assert f"askers picked `{wanted}` 1 time(s)" in snippet and json.dumps(kept) in snippet

    # DMs are not logged, so their choices carry no question
    signed_post(gap_web.base, "/slack/events", event_body(dm(question)), "application/json")
    posted = fake.wait_for("chat.postMessage", channel="D0DM0001")[0].params
    assert [b["value"] for b in pick_buttons(posted)] == [f"entry:{i}" for i in ids]


def test_a_story_that_wanted_the_advisor_is_not_filed_under_an_entry(
    gap_web: GapServer, fake: FakeSlack
) -> None:
    kept = normalise(STORY)
    picks = pick_buttons(slash(gap_web, STORY))
    advisor = picks[-1]
    assert advisor["text"]["text"] == "Advice for your team"
    click(gap_web, advisor, response_url=fake.response_url("advisor-picked"))
    advice = fake.wait_for("response_url", _id="advisor-picked")[0].params
    assert "Split or combine PM and PO?" in json.dumps(advice["blocks"])

    text = report_until(gap_web, fake, "picked the advisor 1")
    assert f"“{kept}” (asked back 1; picked the advisor 1; entry: the advisor)" in text
    report = json.loads(pmpo_gaps_cli(gap_web, "--json").stdout)
    group = next(g for g in report["groups"] if kept in g["samples"])
    assert group["picked"] == {"advice": 1} and group["entry_id"] == "advice"
    # without the pick its YAML filed the story under the first choice as an example
    snippet = pmpo_gaps_cli(gap_web, "--yaml", group["id"]).stdout
    assert "Nothing to paste" in snippet and json.dumps(kept) in snippet
    assert "examples:" not in snippet and "- id:" not in snippet
    # the admin's Suggest YAML button says the same in Slack
    row = next(
        b
        for b in admin_report(gap_web, fake, "advisor-report")["blocks"]
        if b.get("block_id") == "pmpo_gap_yaml"
    )
    suggest = next(e for e in row["elements"] if e["value"] == group["id"])
    click(gap_web, suggest, user_id=ADMIN_ID, response_url=fake.response_url("advisor-yaml"))
    told = json.dumps(fake.wait_for("response_url", _id="advisor-yaml")[0].params)
    assert "No YAML: these askers wanted the advisor" in told and "Nothing to paste" in told


def test_none_of_these_closes_the_ask_back_and_asks_the_admin_for_a_new_entry(
    gap_web: GapServer, fake: FakeSlack, real_index: Index
) -> None:
    question = ask_back_question(real_index, nth=2, choices=2)  # not the pick test's question
    kept = normalise(question)
    asked = slash(gap_web, question)
    none = buttons(asked)["pmpo_none"]
    assert (none["text"]["text"], none["value"]) == ("None of these", kept)
    click(gap_web, none, response_url=fake.response_url("none-fit"))
    closed = fake.wait_for("response_url", _id="none-fit")[0].params
    assert closed["replace_original"] is True
    assert_fits_slack(closed)
    said = json.dumps(closed["blocks"])
    assert "None of those" in said and "noted the question" in said
    assert not any(k.startswith("pmpo_") for k in buttons(closed))  # nothing left to click

    text = report_until(gap_web, fake, "none fit 1")
    assert f"“{kept}” (asked back 1; none fit 1; entry: " in text
    report = json.loads(pmpo_gaps_cli(gap_web, "--json").stdout)
    group = next(g for g in report["groups"] if kept in g["samples"])
    assert (group["count"], group["none_fit"], group["picked"]) == (1, 1, {})
    snippet = pmpo_gaps_cli(gap_web, "--yaml", group["id"]).stdout
    assert "TODO" in snippet and "came close" not in snippet  # a new entry, not the first choice

    # a DM is not logged: its button carries no question and the reply claims nothing
    signed_post(gap_web.base, "/slack/events", event_body(dm(question)), "application/json")
    posted = fake.wait_for("chat.postMessage", channel="D0DM0001")[0].params
    none = buttons(posted)["pmpo_none"]
    assert none["value"] == "-"
    message = {"ts": "1700000000.000999", "blocks": posted["blocks"], "text": posted["text"]}
    click(gap_web, none, ephemeral=False, message=message, channel="D0DM0001")
    updated = fake.wait_for("chat.update", channel="D0DM0001")[0].params
    assert "None of those" in json.dumps(updated) and "noted" not in json.dumps(updated)


def test_small_talk_gets_a_reply_and_is_never_a_gap(gap_web: GapServer, fake: FakeSlack) -> None:
    """ "thanks!" and "hi, what can you do?" are no questions pmpo failed: they got "I need a
    question about PM and PO roles" and filled the admins' gap log."""
    thanks = slash(gap_web, "thanks a lot! :pray:")
    assert "You're welcome" in thanks["blocks"][0]["text"]["text"]
    assert not any(b.get("block_id") == "pmpo_feedback" for b in thanks["blocks"])
    hello = json.dumps(slash(gap_web, "hi pmpo, what can you do?"))
    assert "Hi! I'm pmpo" in hello and "whois-owns" in hello
    sorry = json.dumps(slash(gap_web, "that answer was wrong"))
    assert "Sorry that missed" in sorry and "Did you mean" not in sorry
    slash(gap_web, LUNCH)  # logged after the three, by the same queue
    text = report_until(gap_web, fake, "lunch")
    assert "lunch" in text
    for said in ("thanks a lot", "what can you do", "answer was wrong"):
        assert said not in text, text


def test_suggest_yaml_button_for_admins_only(gap_web: GapServer, fake: FakeSlack) -> None:
    slash(gap_web, "lunch menu for the offsite")
    report = json.loads(report_until(gap_web, fake, "lunch menu for the offsite"))
    buttons = next(b for b in report["blocks"] if b.get("block_id") == "pmpo_gap_yaml")
    line = next(ln for ln in json.dumps(report).split("\\n") if "lunch menu for the offsite" in ln)
    group_id = line.split("[", 1)[1].split("]", 1)[0]
    button = next(e for e in buttons["elements"] if e["value"] == group_id)
    for user, name in ((ADMIN_ID, "yaml-admin"), ("U0USER1", "yaml-member")):
        payload = {
            "type": "block_actions",
            "user": {"id": user},
            "team": {"id": "T0TEST"},
            "api_app_id": "A0PMPO",
            "container": {"type": "message", "is_ephemeral": True},
            "trigger_id": "1.2.3",
            "response_url": fake.response_url(name),
            "actions": [{**button, "block_id": "pmpo_gap_yaml", "action_ts": "1.2"}],
        }
        signed_post(gap_web.base, "/slack/events", interactive_body(payload), FORM)
    admin = json.dumps(fake.wait_for("response_url", _id="yaml-admin")[0].params)
    member = json.dumps(fake.wait_for("response_url", _id="yaml-member")[0].params)
    assert "```" in admin and "pmpo kb check" in admin and "lunch menu for the offsite" in admin
    assert "only pmpo admins" in member and "- id: " not in member


def test_admin_home_tab_shows_gaps_and_suggests_yaml_by_dm(
    gap_web: GapServer, fake: FakeSlack
) -> None:
    slash(gap_web, "where do the otters have lunch")
    report_until(gap_web, fake, "where do the otters have lunch")
    server = gap_web.server
    for user in ("U0MEMBER", ADMIN_ID):
        send_event(server, {"type": "app_home_opened", "user": user, "tab": "home"})
    member = json.dumps(fake.wait_for("views.publish", user_id="U0MEMBER")[0].params["view"])
    assert "What people asked" not in member and "otters" not in member
    view = fake.wait_for("views.publish", user_id=ADMIN_ID)[0].params["view"]
    shown = json.dumps(view, ensure_ascii=False)
    assert "What people asked and did not get" in shown and "otters have lunch" in shown
    line = next(ln for ln in shown.split("\\n") if "otters have lunch" in ln)
    group_id = line.split("[", 1)[1].split("]", 1)[0]
    yaml_button = next(e for e in buttons(view).values() if e.get("value") == group_id)
    home_click(server, yaml_button, user=ADMIN_ID, view=True)
    dm = fake.wait_for("chat.postMessage", channel=ADMIN_ID)[0].params
    assert "```" in json.dumps(dm) and "otters have lunch" in json.dumps(dm)


def test_member_gaps_is_refused(gap_web: GapServer, fake: FakeSlack) -> None:
    message = admin_report(gap_web, fake, "gaps-member", user="U0MEMBER")
    text = json.dumps(message)
    assert "only pmpo admins" in text and "lunch" not in text
    assert gap_web.server.wait_log("gaps refused: user=U0MEMBER")


def test_second_vote_by_same_user_replaces_first(gap_web: GapServer, fake: FakeSlack) -> None:
    answered = slash(gap_web, "define po")
    helpful, unhelpful = vote_buttons(answered)
    entry = json.loads(helpful["value"])["e"]
    click(gap_web, helpful, user_id="U0VOTER")
    click(gap_web, unhelpful, user_id="U0VOTER")
    click(gap_web, helpful, user_id="U0VOTER")
    click(gap_web, helpful, user_id="U0OTHER")
    text = report_until(gap_web, fake, f"{entry}: 2/2 helpful")
    assert f"{entry}: 2/2 helpful" in text
    assert "“po”" not in text  # the Not helpful was taken back (`define po` asks about "po")


def test_mention_and_dm_votes_thank_quietly_and_dms_are_not_logged(
    gap_web: GapServer, fake: FakeSlack
) -> None:
    event = mention(f"<@{BOT_USER_ID}> {ANSWERED}", channel="C0VOTES")
    signed_post(gap_web.base, "/slack/events", event_body(event), "application/json")
    posted = fake.wait_for("chat.postMessage", channel="C0VOTES")[0].params
    _, unhelpful = vote_buttons(posted)
    message = {"ts": "1700000000.000777", "blocks": posted["blocks"], "text": posted["text"]}
    click(gap_web, unhelpful, ephemeral=False, message=message, channel="C0VOTES")
    thanks = fake.wait_for("chat.postEphemeral", channel="C0VOTES")[0].params
    assert thanks["user"] == "U0USER1" and "Change to Helpful" in json.dumps(thanks)
    assert fake.calls_for("chat.update") == []  # everyone else still sees the answer as it was

    secret = "where do zebras eat lunch on mondays"
    signed_post(gap_web.base, "/slack/events", event_body(dm(secret)), "application/json")
    posted = fake.wait_for("chat.postMessage", channel="D0DM0001")[0].params
    if any(b.get("block_id") == "pmpo_feedback" for b in posted["blocks"]):
        pytest.fail("a declined DM must not get vote buttons")
    signed_post(gap_web.base, "/slack/events", event_body(dm(ANSWERED)), "application/json")
    answered = fake.wait_for("chat.postMessage", 2, channel="D0DM0001")[1].params
    helpful, _ = vote_buttons(answered)
    message = {"ts": "1700000000.000888", "blocks": answered["blocks"], "text": answered["text"]}
    click(gap_web, helpful, ephemeral=False, message=message, channel="D0DM0001")
    updated = fake.wait_for("chat.update", channel="D0DM0001")[0].params
    assert "Thanks! Change to Not helpful" in json.dumps(updated["blocks"])

    slash(gap_web, "marker question after the dm")  # one writer: logged after the DM would be
    text = report_until(gap_web, fake, "marker question after the dm")
    assert "marker question after the dm" in text and "zebra" not in text


def test_purge_empties_the_log(gap_web: GapServer, fake: FakeSlack) -> None:
    slash(gap_web, "question to be purged about lunch")
    report_until(gap_web, fake, "question to be purged")
    slash(gap_web, "gaps purge", user_id="U0USER1", response_url=fake.response_url("purge-no"))
    assert "only pmpo admins" in json.dumps(fake.wait_for("response_url", _id="purge-no")[0].params)
    slash(gap_web, "gaps purge", user_id=ADMIN_ID, response_url=fake.response_url("purge"))
    purged = json.dumps(fake.wait_for("response_url", _id="purge")[0].params)
    assert "Gap log purged" in purged
    text = json.dumps(admin_report(gap_web, fake, "after-purge"))
    assert "purged about lunch" not in text and "Nothing logged" in text
    assert "no questions counted yet" in text


def test_cli_reads_same_store_as_bot_and_says_when_empty(gap_web: GapServer) -> None:
    done = pmpo_gaps_cli(gap_web, "--yaml", "nosuchgroup")
    assert done.returncode == 1 and "no group 'nosuchgroup'" in done.stderr
