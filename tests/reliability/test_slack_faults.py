"""Slack misbehaving, on each call pmpo makes: chat.postMessage (mentions), users.info (the
admin check) and response_url (the Share button). Faults come from the fake Web API: 429 with
Retry-After, 500, invalid_auth, a 5-second stall, a dropped connection.

For each: retries stay bounded, the person gets the answer or a clear apology, the server stays
up (healthz 200), and the log says what happened once: one line per retry, one line for a
final failure, never a traceback.

Each fault kind hits the three calls at once (a 5-second stall costs 5 seconds, not 15): the
fake here keys faults by channel, user or response_url, so concurrent cases never take each
other's faults, and log lines name the call they are about.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from tests.reliability.conftest import LOGS
from tests.reliability.corpus import fresh_kb
from tests.slack.fake_slack import BOT_USER_ID, Call, FakeSlack
from tests.slack.fake_slack import Fault as FakeFault
from tests.slack.helpers import (
    WebServer,
    command_body,
    event_body,
    interactive_body,
    mention,
    request,
    server_env,
    share_payload,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Case:
    kind: str
    times: int = 1
    retry_after: int = 1
    seconds: float = 0.0
    retries: int = 0  # retry lines the log must show
    fails: bool = False  # the call gives up: the person gets an apology instead

    @property
    def calls(self) -> int:
        """Calls the fake sees for the faulted request (the answer's own attempts)."""
        return 1 + self.retries


FAULTS = {
    "429": Case("429", retry_after=1, retries=1),
    "500": Case("500", retries=1),
    "invalid_auth": Case("invalid_auth", fails=True),
    "stall-5s": Case("stall", seconds=5.0),
    "drop": Case("drop", retries=1),
    "500-persistent": Case("500", times=3, retries=2, fails=True),
    "429-too-long": Case("429", retry_after=60, fails=True),
    "drop-persistent": Case("drop", times=2, retries=1, fails=True),
}


class KeyedFake(FakeSlack):
    """The fake Web API, with faults that hit only one channel, user or response_url."""

    def __init__(self) -> None:
        super().__init__()
        self.keyed: dict[tuple[str, str], list[FakeFault]] = {}

    def inject_for(self, method: str, key: str, case: Case) -> None:
        fault = FakeFault(case.kind, case.times, case.retry_after, case.seconds)
        with self._cond:
            self.keyed.setdefault((method, key), []).append(fault)

    def _record(self, call: Call) -> FakeFault | None:
        key = str(call.params.get("channel") or call.params.get("user") or "")
        key = str(call.params.get("_id") or key)
        with self._cond:
            queue = self.keyed.get((call.method, key))
            if queue:
                self.calls.append(call)
                self._cond.notify_all()
                fault = queue[0]
                fault.times -= 1
                if fault.times <= 0:
                    queue.pop(0)
                return fault
        return super()._record(call)


@pytest.fixture(scope="module")
def keyed() -> Iterator[KeyedFake]:
    fake = KeyedFake().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def server(keyed: KeyedFake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """Its own server at INFO, the production level, so the log lines can be counted."""
    root = tmp_path_factory.mktemp("faults")
    env = server_env(keyed.api_url, fresh_kb(root / "kb"), root / "state")
    LOGS.append(root / "server.log")
    web = WebServer(env, root / "server.log", workers=1)
    yield web
    web.stop()


class LogWindow:
    def __init__(self, server: WebServer) -> None:
        self.server = server
        self.start = len(server.log_text())

    def lines(self) -> list[str]:
        return self.server.log_text()[self.start :].splitlines()

    def count(self, needle: str) -> int:
        return sum(needle in line for line in self.lines())


def check_log(window: LogWindow, cases: dict[str, Case | None]) -> None:
    """One line per retry, one line per final failure, the SDK's per-attempt lines dropped, an
    ERROR only for an answer that was lost, and no traceback."""
    time.sleep(0.3)  # let the last line land
    lines = window.lines()
    shown = "\n".join(lines)
    assert not any("Traceback" in ln for ln in lines), shown
    assert window.count("Failed to send a request") == 0, shown  # the SDK's per-attempt lines
    assert window.count("A retry handler found") == 0, shown
    assert window.count("/response/") == 0, shown  # a response_url is a credential
    markers = {
        "chat.postMessage": "error rid=",
        "users.info": "admin check: users.info failed",
        "response_url": "share: answer not delivered",
    }
    for call, case in cases.items():
        if case is None:
            continue
        assert window.count(f"slack {call}: ") == case.retries, (call, shown)
        assert window.count(markers[call]) == (1 if case.fails else 0), (call, shown)
    errors = [ln for ln in lines if " ERROR " in ln]
    lost = sum(
        1 for call, case in cases.items() if case and case.fails and call != "users.info"
    )  # a refused admin check is a WARNING: the person was told
    assert len(errors) == lost, shown


def chat_case(case: Case, fake: KeyedFake, server: WebServer, tag: str) -> Callable[[], None]:
    channel = f"C0F{tag}"
    fake.inject_for("chat.postMessage", channel, case)
    event = mention(f"<@{BOT_USER_ID}> who owns the roadmap?", channel=channel)
    status = signed_post(server.base, "/slack/events", event_body(event), "application/json")
    assert status.status == 200
    expected = case.calls + (1 if case.fails else 0)

    def verify() -> None:
        posts = fake.calls_for("chat.postMessage", channel=channel)
        assert len(posts) == expected, [p.params.get("text", "")[:60] for p in posts]
        apology = "Sorry, something went wrong"
        answers = [p for p in posts if apology not in p.params["text"]]
        apologies = [p for p in posts if apology in p.params["text"]]
        assert len(answers) == case.calls
        assert all(p.params == answers[0].params for p in answers)  # the same answer, retried
        assert "Product Manager" in answers[0].params["text"]
        assert len(apologies) == (1 if case.fails else 0)
        for message in apologies:
            assert message.params["thread_ts"] == event["ts"]  # where they asked
            assert "ref " in message.params["text"]

    fake.wait_for("chat.postMessage", count=expected, timeout=15, channel=channel)
    return verify


def admin_case(case: Case, fake: KeyedFake, server: WebServer, tag: str) -> Callable[[], None]:
    admin = f"U0AD{tag}"  # a workspace admin, not in PMPO_ADMINS: users.info decides
    fake.set_user(admin, is_admin=True)
    fake.inject_for("users.info", admin, case)
    reply = f"ui-{tag}"
    body = command_body("reload", user_id=admin, response_url=fake.response_url(reply))
    assert signed_post(server.base, "/slack/events", body, FORM).status == 200
    fake.wait_for("response_url", _id=reply, timeout=15)

    def verify() -> None:
        posted = fake.calls_for("response_url", _id=reply)
        assert len(posted) == 1
        text = posted[0].params["text"]
        if case.fails:
            assert "could not ask Slack whether you are an admin" in text
            assert "Nothing was reloaded" in text
        else:
            assert "Knowledge base reloaded" in text
        assert len(fake.calls_for("users.info", user=admin)) == case.calls

    return verify


def share_case(case: Case, fake: KeyedFake, server: WebServer, tag: str) -> Callable[[], None]:
    reply = f"share-{tag}"
    sharer = f"U0SH{tag}"
    fake.inject_for("response_url", reply, case)
    payload = share_payload("whois-owns roadmap", fake.response_url(reply), user_id=sharer)
    assert signed_post(server.base, "/slack/events", interactive_body(payload), FORM).status == 200
    fake.wait_for("response_url", count=case.calls, _id=reply, timeout=15)
    if case.fails:
        fake.wait_for("chat.postMessage", channel=sharer, timeout=15)

    def verify() -> None:
        posted = fake.calls_for("response_url", _id=reply)
        assert len(posted) == case.calls
        assert all(p.params["response_type"] == "in_channel" for p in posted)
        dms = fake.calls_for("chat.postMessage", channel=sharer)
        if case.fails:
            assert len(dms) == 1 and "Slack did not accept my answer" in dms[0].params["text"]
        else:
            assert dms == []

    return verify


ADMIN_CASES = {"429", "500", "invalid_auth", "stall-5s", "drop"}
SHARE_CASES = ADMIN_CASES | {"500-persistent"}


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_on_every_call(name: str, server: WebServer, keyed: KeyedFake) -> None:
    case = FAULTS[name]
    tag = "".join(c for c in name.upper() if c.isalnum())  # a valid Slack id part
    window = LogWindow(server)
    runs: dict[str, Callable[..., Callable[[], None]]] = {"chat.postMessage": chat_case}
    if name in ADMIN_CASES:
        runs["users.info"] = admin_case
    if name in SHARE_CASES:
        runs["response_url"] = share_case
    verifiers: dict[str, Callable[[], None]] = {}
    failures: list[BaseException] = []

    def run(call: str) -> None:
        try:
            verifiers[call] = runs[call](case, keyed, server, tag)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(call,)) for call in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=40)
    if failures:
        raise failures[0]
    # long enough after the stall for a wrong extra retry or apology to land
    time.sleep(max(0.6, started + case.seconds + 0.6 - time.monotonic()))
    for verify in verifiers.values():
        verify()
    assert server.proc.poll() is None
    assert request(server.base, "GET", "/healthz").status == 200
    check_log(window, {call: case for call in runs})
