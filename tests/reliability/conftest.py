"""Fixtures for the reliability tests: the fake Slack Web API (shared with tests/slack), and
one real `web:` server (gunicorn, two workers) with its own knowledge directory, which these
tests break, reload and restore. Every server log written here is scanned for secrets at the
end of the run (`test_zz_log_scan.py`)."""

from __future__ import annotations

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
    yield Served(server, kb, root)
    server.stop()
