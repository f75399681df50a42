"""`pmpo run` / `python -m bot.run` start-up: one clear line for bad settings, the offline
console without Slack settings, Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.run import check_token
from bot.startup_checks import mode_mismatch
from tests.slack.conftest import knowledge_source
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import (
    BOT_TOKEN,
    ROOT,
    SIGNING_SECRET,
    WebServer,
    free_port,
    request,
    server_env,
)


def run(
    env: dict[str, str], tmp_path: Path, stdin: str = "", argv: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    base["PMPO_KNOWLEDGE_DIR"] = str(knowledge_source())
    return subprocess.run(
        argv or [sys.executable, "-m", "bot.run"],
        env={**base, **env},
        cwd=tmp_path,  # no .env here
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET is missing: copy it from"),
        ({"SLACK_SIGNING_SECRET": SIGNING_SECRET}, "SLACK_BOT_TOKEN is missing: copy the Bot"),
        (
            {"SLACK_BOT_TOKEN": "xoxp-9999-secretsecret", "SLACK_SIGNING_SECRET": SIGNING_SECRET},
            "SLACK_BOT_TOKEN must start with xoxb-",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "app-token-oops"},
            "SLACK_APP_TOKEN must start with xapp-",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "short"},
            "SLACK_SIGNING_SECRET is malformed",
        ),
        (
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "PMPO_ADMINS": "UADMIN1, bob",
            },
            "PMPO_ADMINS has 'bob'",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "PORT": "http"},
            "PORT is 'http'",
        ),
        (
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": "ftp://x",
            },
            "SLACK_API_URL is not an http(s) URL",
        ),
    ],
    ids=[
        "no-secret",
        "no-bot-token",
        "user-token",
        "bad-app-token",
        "short-secret",
        "bad-admin",
        "bad-port",
        "bad-api-url",
    ],
)
def test_bad_settings_give_one_clear_line(env: dict, expected: str, tmp_path: Path) -> None:
    result = run(env, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert "secretsecret" not in result.stderr


def test_no_slack_settings_starts_the_offline_console(tmp_path: Path) -> None:
    result = run({}, tmp_path, stdin="whois-owns roadmap\n")
    assert result.returncode == 0
    assert "Connect to Slack" in result.stderr
    assert "Product Manager" in result.stdout


def test_pmpo_run_console_script_works_too(tmp_path: Path) -> None:
    pmpo = Path(sys.executable).with_name("pmpo")
    result = run({}, tmp_path, stdin="compare\n", argv=[str(pmpo), "run"])
    assert result.returncode == 0
    assert "Product Owner" in result.stdout


def test_revoked_token_is_one_line(fake: FakeSlack, tmp_path: Path) -> None:
    fake.inject("auth.test", "invalid_auth")
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
    }
    result = run(env, tmp_path)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in result.stderr
    assert "Traceback" not in result.stderr


def test_app_token_means_socket_mode(fake: FakeSlack, tmp_path: Path) -> None:
    """The Procfile's `worker: pmpo run` really opens a Socket Mode connection."""
    fake.inject("apps.connections.open", "invalid_auth", times=5)
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": "xapp-1-A0PMPO-1234-abcdef",
        "SLACK_API_URL": fake.api_url,
        "PMPO_STATE_DIR": str(tmp_path / "state"),
    }
    result = run(env, tmp_path)
    calls = fake.calls_for("apps.connections.open")
    assert calls, result.stderr
    assert calls[0].headers["Authorization"].startswith("Bearer xapp-")
    assert result.returncode == 2
    assert "Socket Mode" in result.stderr
    assert "Traceback" not in result.stderr
    assert "xapp-1-A0PMPO-1234-abcdef" not in result.stderr


def test_gunicorn_with_missing_setting_stops_with_one_line(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "PORT": str(free_port())}
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "bot" / "gunicorn_conf.py"),
        "bot.web:create_asgi_app()",
    ]
    result = run(env, tmp_path, argv=argv)
    assert result.returncode != 0
    assert "pmpo: SLACK_SIGNING_SECRET is missing" in result.stderr
    assert "Traceback" not in result.stderr


def _settings(fake: FakeSlack) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
    }
    return Settings.from_env(env)


@pytest.mark.parametrize(
    ("fault", "options", "expected"),
    [
        ("html", {}, "a reply that is not JSON"),
        ("stall", {"seconds": 7}, "no reply in time"),
        ("500", {"times": 5}, "HTTP 500"),
    ],
)
def test_network_trouble_at_start_is_not_called_a_refused_token(
    fake: FakeSlack, capsys: pytest.CaptureFixture[str], fault: str, options: dict, expected: str
) -> None:
    fake.inject("auth.test", fault, **options)
    assert check_token(_settings(fake)) == ""  # starts anyway
    err = capsys.readouterr().err
    assert "a network problem" in err and expected in err and "refused" not in err.split("not")[0]
    assert len(err.strip().splitlines()) == 1


def test_refused_token_is_still_refused(fake: FakeSlack) -> None:
    fake.inject("auth.test", "invalid_auth")
    assert "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in check_token(_settings(fake))


def test_manifest_mode_mismatch_is_one_line(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.yml"
    manifest.write_text("settings:\n  socket_mode_enabled: true\n", encoding="utf-8")
    line = mode_mismatch(socket_mode=False, path=manifest)
    assert "HTTP mode" in line and "socket_mode_enabled: true" in line and "\n" not in line
    assert mode_mismatch(socket_mode=True, path=manifest) == ""
    manifest.write_text("settings:\n  socket_mode_enabled: false\n", encoding="utf-8")
    assert mode_mismatch(socket_mode=False, path=manifest) == ""
    assert "Socket Mode" in mode_mismatch(socket_mode=True, path=manifest)
    assert mode_mismatch(socket_mode=False, path=tmp_path / "missing.yml") == ""
    # the shipped manifest is Socket Mode: HTTP settings get the warning
    assert mode_mismatch(socket_mode=False)


def test_gunicorn_writes_nothing_into_the_home_directory(fake: FakeSlack, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    kb = tmp_path / "kb"
    shutil.copytree(knowledge_source(), kb)
    env = server_env(fake.api_url, kb, tmp_path / "state", HOME=str(home))
    server = WebServer(env, tmp_path / "server.log", workers=1)
    try:
        assert request(server.base, "GET", "/healthz").status == 200
    finally:
        server.stop()
    assert list(home.iterdir()) == []  # gunicorn 24+ would add .gunicorn/gunicorn.ctl
