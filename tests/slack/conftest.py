"""Fixtures: the fake Slack Web API, a temp knowledge base and state dir, and the real `web:`
server (gunicorn, two workers) pointed at the fake through SLACK_API_URL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.kb.loader import load_dir
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import ROOT, WebServer, server_env


def knowledge_source() -> Path:
    """The real knowledge base when it loads, else the minimal fixture."""
    real = ROOT / "knowledge"
    if real.is_dir() and load_dir(real).kb is not None:
        return real
    return ROOT / "tests" / "fixtures" / "kb_min"


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake(fake_slack: FakeSlack) -> FakeSlack:
    fake_slack.reset()
    return fake_slack


def make_kb(target: Path) -> Path:
    shutil.copytree(knowledge_source(), target)
    return target


@pytest.fixture(scope="session")
def web(fake_slack: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    root = tmp_path_factory.mktemp("web")
    env = server_env(fake_slack.api_url, make_kb(root / "kb"), root / "state")
    server = WebServer(env, root / "server.log", workers=2)
    yield server
    server.stop()
