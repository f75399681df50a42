"""Reload under load: while signed requests stream in from several threads, an admin reloads
again and again, alternating two good versions of the knowledge base (A and B) and a broken
one. Every answer must come whole from A or from B: the exact bytes of A's answer or of B's,
never an error, never A's title with B's verdict."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from bot.kb.loader import load_dir
from bot.safety import from_slack
from tests.reliability.conftest import Served
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    command_body,
    event_body,
    mention,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
QUESTION = "whois-owns roadmap"
RELOADS = 18
CLIENTS = 6


def versions(kb: Path) -> tuple[Path, str, str]:
    """The file holding `owns-roadmap`, and its text as version A and as version B: title,
    verdict and reason all carry the version, so a mix would show."""
    entry = load_dir(kb).kb.entries["owns-roadmap"]
    path = kb / Path(entry.file).name
    text = path.read_text(encoding="utf-8")
    at = text.index("id: owns-roadmap")
    head, tail = text[:at], text[at:]

    def version(tag: str) -> str:
        out = tail
        for field in (entry.title, entry.verdict, entry.reason):
            assert field in out, field
            out = out.replace(field, f"{field} (version {tag})", 1)
        return head + out

    return path, version("A"), version("B")


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def reload(served: Served, fake: FakeSlack, name: str) -> str:
    body = command_body("reload", user_id=ADMIN_ID, response_url=fake.response_url(name))
    assert signed_post(served.base, "/slack/events", body, FORM).status == 200
    posted = fake.wait_for("response_url", _id=name, timeout=20)
    assert posted, name
    return from_slack(posted[0].params["text"])


def ask(served: Served) -> tuple[int, bytes]:
    resp = signed_post(served.base, "/slack/events", command_body(QUESTION), FORM)
    return resp.status, resp.body


def settle_on(served: Served, expected_tag: str) -> bytes:
    """Ask until both workers answer from the version just loaded; return that answer."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        bodies = {ask(served)[1] for _ in range(6)}
        if len(bodies) == 1 and f"version {expected_tag}".encode() in next(iter(bodies)):
            return bodies.pop()
        time.sleep(0.1)
    raise AssertionError(f"workers never settled on version {expected_tag}")


def test_every_answer_comes_whole_from_a_or_b(served: Served, fake: FakeSlack) -> None:
    served.restore()
    path, text_a, text_b = versions(served.kb)
    write_atomically(path, text_a)
    assert "Knowledge base reloaded" in reload(served, fake, "load-a0")
    answer_a = settle_on(served, "A")
    write_atomically(path, text_b)
    assert "Knowledge base reloaded" in reload(served, fake, "load-b0")
    answer_b = settle_on(served, "B")
    assert answer_a != answer_b

    stop = threading.Event()
    seen: list[bytes] = []
    problems: list[str] = []
    mentions: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            if i % 5 == 0:  # a mention now and then: answered through chat.postMessage
                event = mention(f"<@{BOT_USER_ID}> {QUESTION}", channel="C0UNDERLOAD")
                status = signed_post(
                    served.base, "/slack/events", event_body(event), "application/json"
                ).status
                with lock:
                    mentions.append(event["ts"])
            else:
                status, body = ask(served)
                with lock:
                    seen.append(body)
            if status != 200:
                with lock:
                    problems.append(f"client {n}: HTTP {status}")

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    refused = loaded = 0
    try:
        for round_ in range(RELOADS):
            step = round_ % 3
            if step == 2:  # broken: refused, and nobody notices
                bad = served.kb / "zz-broken.yml"
                bad.write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
                result = reload(served, fake, f"load-bad{round_}")
                bad.unlink()
                assert "Reload refused" in result and "zz-broken.yml:3:" in result, result
                refused += 1
            else:
                write_atomically(path, text_a if step == 0 else text_b)
                result = reload(served, fake, f"load-{round_}")
                assert "Knowledge base reloaded" in result, result
                loaded += 1
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        served.restore()
        assert "Knowledge base reloaded" in reload(served, fake, "load-restore")

    assert not problems, problems[:5]
    assert refused == RELOADS // 3 and loaded == RELOADS - refused
    counts = {"A": seen.count(answer_a), "B": seen.count(answer_b)}
    mixed = [b for b in seen if b not in (answer_a, answer_b)]
    assert not mixed, mixed[0][:500]
    assert counts["A"] and counts["B"], counts
    assert len(seen) >= 50, len(seen)

    posts = fake.wait_for("chat.postMessage", count=len(mentions), channel="C0UNDERLOAD")
    assert len(posts) == len(mentions)  # none lost, none doubled
    assert sorted(p.params["thread_ts"] for p in posts) == sorted(mentions)
    for post in posts:
        text = post.params["text"]
        tags = {tag for tag in "AB" if f"(version {tag})" in text}
        assert len(tags) == 1, text[:400]
        assert text.count(f"(version {tags.pop()})") == 3  # title, verdict, reason: one version
    assert "Traceback" not in served.server.log_text()
