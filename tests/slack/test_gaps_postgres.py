"""Several hosts on one PostgreSQL, and PostgreSQL going away.

Two `web:` servers (separate state directories, as two hosts would have) share one
PostgreSQL: gaps recorded on both appear in one list, an event retried to the other host is
answered once, and a reload on one is followed by the other. With PostgreSQL stopped mid-run,
`/pmpo` keeps answering (and an admin can still reload), the failure is logged once, nothing
written before is lost, and everything queued meanwhile is written when the server returns,
even across a restart.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.db.engine import database_url
from tests.pg import PostgresCluster
from tests.slack.conftest import make_kb
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import ADMIN_ID, WebServer, event_body, mention, server_env, signed_post
from tests.slack.test_gaps import GapServer, report_until, slash
from tests.slack.test_reload_and_processes import NEW_ENTRY, NEW_VERDICT, OLD_VERDICT, reload_as

JSON = "application/json"


def logged(url: str) -> list[str]:
    """The logged questions, read straight from the database."""
    engine = create_engine(database_url(Path("."), {"DATABASE_URL": url}))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT question FROM gaps ORDER BY id")).all()
        return [r[0] for r in rows]
    finally:
        engine.dispose()


def signal_generation(url: str) -> str | None:
    engine = create_engine(database_url(Path("."), {"DATABASE_URL": url}))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT generation FROM kb_signal")).scalar()
    finally:
        engine.dispose()


def wait_logged(url: str, count: int, timeout: float = 15.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            rows = logged(url)
        except Exception:  # noqa: BLE001 - the server may still be starting
            rows = []
        if len(rows) >= count or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    """A cluster of its own: these tests stop and start it."""
    pg = PostgresCluster()
    yield pg
    pg.destroy()


def host(fake: FakeSlack, root: Path, name: str, kb: Path, url: str, **extra: str) -> GapServer:
    env = server_env(
        fake.api_url,
        kb,
        root / f"state-{name}",
        DATABASE_URL=url,
        PMPO_VOTE_SALT="shared-by-every-host-0123456789",
        **extra,
    )
    return GapServer(WebServer(env, root / f"{name}.log", workers=1), env)


def test_two_hosts_one_postgres_one_gap_list_one_answer(
    postgres: PostgresCluster, fake: FakeSlack, tmp_path: Path
) -> None:
    url = postgres.new_database()
    kb = make_kb(tmp_path / "kb")
    a = host(fake, tmp_path, "a", kb, url)
    b = host(fake, tmp_path, "b", kb, url)
    try:
        slash(a, "where do the llamas eat lunch on host a")
        slash(b, "where do the llamas eat lunch on host b")
        text_a = report_until(a, fake, "host b")
        assert "host a" in text_a and "host b" in text_a
        assert "2× " in text_a  # one group: the same question asked on two hosts

        # Slack retries an event it thinks was missed; the retry lands on the other host
        event = mention(f"<@{BOT_USER_ID}> compare", channel="C0TWOHOSTS")
        body = event_body(event, "Ev0TWOHOSTS")
        retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        assert signed_post(a.base, "/slack/events", body, JSON).status == 200
        fake.wait_for("chat.postMessage", channel="C0TWOHOSTS")
        for server in (b, a, b):
            assert (
                signed_post(server.base, "/slack/events", body, JSON, headers=retry).status == 200
            )
        b.server.wait_log("duplicate delivery of msg:C0TWOHOSTS")
        time.sleep(0.5)
        assert len(fake.calls_for("chat.postMessage", channel="C0TWOHOSTS")) == 1
    finally:
        a.server.stop()
        b.server.stop()


def test_reload_on_one_host_is_followed_by_the_other(
    postgres: PostgresCluster, fake: FakeSlack, tmp_path: Path
) -> None:
    kb = make_kb(tmp_path / "kb")  # one deploy: both hosts have the same files
    url = postgres.new_database()
    a = host(fake, tmp_path, "a", kb, url)
    b = host(fake, tmp_path, "b", kb, url)
    ownership = kb / "ownership.yml"
    original = ownership.read_text()
    try:
        assert NEW_VERDICT not in slash(b, "whois-owns roadmap")["text"]
        (kb / "zz-extra.yml").write_text(NEW_ENTRY)
        ownership.write_text(original.replace(OLD_VERDICT, NEW_VERDICT))
        message = reload_as(a.server, fake, ADMIN_ID, "reload-two-hosts")
        assert "1 added, 0 removed, 1 changed" in message["text"]
        assert "All 2 pmpo processes answer from it" in message["text"]  # on both hosts
        assert NEW_VERDICT in slash(b, "whois-owns roadmap")["text"]
        b.server.wait_log("knowledge: followed a reload")
    finally:
        a.server.stop()
        b.server.stop()


def test_postgres_stopped_mid_run(cluster: PostgresCluster, fake: FakeSlack, tmp_path: Path):
    url = cluster.new_database()
    web = host(fake, tmp_path, "a", make_kb(tmp_path / "kb"), url)
    try:
        for i in range(3):
            slash(web, f"before the outage question {i} about lunch")
        before = wait_logged(url, 3)
        assert len(before) == 3
        deadline = time.monotonic() + 5
        while not signal_generation(url) and time.monotonic() < deadline:
            time.sleep(0.1)
        published = signal_generation(url)
        assert published  # this host shared the knowledge base it started with

        cluster.stop()
        for i in range(5):
            started = time.monotonic()
            reply = slash(web, f"during the outage question {i} about lunch")
            assert reply["blocks"][0]["text"]["text"] in ("Not sure", "Did you mean…")
            assert time.monotonic() - started < 2.0, "an answer waited on the database"
        answered = slash(web, "compare")
        assert "Product Owner" in answered["text"] and "helpful" in json.dumps(answered).lower()
        refused = report_until(web, fake, "unavailable")
        assert "Gap report unavailable" in refused and "Answers are not affected" in refused
        reloaded = reload_as(web.server, fake, ADMIN_ID, "reload-during-outage")
        assert "Knowledge base reloaded" in reloaded["text"]  # this host's own signal
        log = web.server.wait_log("database unavailable")
        time.sleep(2.5)  # the writer retries every second: still one line a minute
        assert web.server.log_text().count("database unavailable (") == 1, log[-2000:]

        cluster.start()
        cluster.wait_ready()
        after = wait_logged(url, 8)
        assert after[:3] == before  # nothing written before was lost
        assert sorted(after[3:]) == [
            f"during the outage question {i} about lunch" for i in range(5)
        ]
        web.server.wait_log("database reachable again")
        deadline = time.monotonic() + 20  # the signal retries 10 s after a failure
        while signal_generation(url) == published and time.monotonic() < deadline:
            time.sleep(0.2)
        assert signal_generation(url) != published  # the reload made meanwhile is shared
    finally:
        web.server.stop()


def test_writes_waiting_at_shutdown_survive_a_restart(
    cluster: PostgresCluster, fake: FakeSlack, tmp_path: Path
) -> None:
    url = cluster.new_database()
    kb = make_kb(tmp_path / "kb")
    first = host(fake, tmp_path, "a", kb, url)
    try:
        slash(first, "a question to warm the connection about lunch")
        assert len(wait_logged(url, 1)) == 1
        cluster.stop()
        slash(first, "asked while the database was down about lunch")
    finally:
        first.server.stop()
    spooled = list((tmp_path / "state-a").glob("pending-*.jsonl"))
    assert spooled, first.server.log_text()[-2000:]

    cluster.start()
    cluster.wait_ready()
    second = host(fake, tmp_path, "a", kb, url)  # same host, restarted
    try:
        slash(second, "a question after the restart about lunch")
        rows = wait_logged(url, 3)
        assert "asked while the database was down about lunch" in rows
        assert not list((tmp_path / "state-a").glob("pending-*"))
    finally:
        second.server.stop()
