"""Fixtures for the reliability tests: the fake Slack Web API (shared with tests/slack), and
one real `web:` server (gunicorn, two workers) with its own knowledge directory, which these
tests break, reload and restore. Every server log written here is scanned for secrets at the
end of the run (`test_zz_log_scan.py`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.corpus import fresh_kb
from tests.slack.conftest import fake, fake_slack  # noqa: F401 - fixtures, re-exported
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import WebServer, server_env

LOGS: list[Path] = []  # every log file a reliability test wrote, for the secret scan


class Served:
    def __init__(self, server: WebServer, kb: Path, root: Path) -> None:
        self.server, self.kb, self.root = server, kb, root

    @property
    def base(self) -> str:
        return self.server.base

    def restore(self) -> None:
        fresh_kb(self.kb)


@pytest.fixture(scope="session")
def served(fake_slack: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:  # noqa: F811
    root = tmp_path_factory.mktemp("reliability")
    kb = fresh_kb(root / "kb")
    env = server_env(fake_slack.api_url, kb, root / "state", LOG_LEVEL="DEBUG")
    log = root / "server.log"
    LOGS.append(log)
    server = WebServer(env, log, workers=2)
    wait_for_workers(server, 2)
    yield Served(server, kb, root)
    server.stop()


def wait_for_workers(server: WebServer, count: int, timeout: float = 30.0) -> None:
    """WebServer returns once one worker answers /healthz; the tests rewrite the knowledge
    directory right away, so wait until every worker has loaded it (a worker booting while
    the directory is half-copied loads half of it, or exits: "not a directory")."""
    deadline = time.monotonic() + timeout
    while server.log_text().count("HTTP mode ready") < count:
        if time.monotonic() > deadline:
            raise RuntimeError(server.log_text()[-3000:])
        time.sleep(0.05)
