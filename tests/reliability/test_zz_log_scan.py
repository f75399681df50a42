"""Runs last in this directory: every log the reliability tests' servers wrote (web servers at
DEBUG and INFO, faults, reloads, graceful stops, the Socket Mode worker) holds no token, no
signing secret, no response_url, and no traceback."""

from __future__ import annotations

from tests.reliability.conftest import LOGS
from tests.slack.helpers import BOT_TOKEN, SIGNING_SECRET

APP_TOKEN = "xapp-1-A0PMPO-1234-abcdef"


def test_no_secret_or_traceback_in_any_log_line() -> None:
    logs = [path for path in LOGS if path.exists()]
    if not logs:  # this file run on its own
        return
    lines = 0
    for path in logs:
        text = path.read_text(errors="replace")
        lines += text.count("\n")
        for secret in (BOT_TOKEN, BOT_TOKEN.split("-", 1)[1], SIGNING_SECRET, APP_TOKEN):
            assert secret not in text, f"{secret[:6]}… in {path}"
        assert "Bearer xox" not in text
        # response_urls are credentials: only DEBUG (the SDK's request dump) may show one,
        # and a real one (hooks.slack.com) is redacted there too (test below)
        leaks = [ln for ln in text.splitlines() if "/response/" in ln and " DEBUG " not in ln]
        assert not leaks, leaks[:3]
        assert "Traceback" not in text, path
    assert lines > 100  # the servers really logged (DEBUG on the shared one)


def test_hook_urls_are_redacted_even_at_debug() -> None:
    import logging

    from bot.safety import RedactingFilter

    url = "https://hooks.slack.com/commands/T0TEST/1234/AbCdEfSeCrEt"
    record = logging.LogRecord(
        "x", logging.DEBUG, __file__, 1, "Sending a request - url: %s, body: {}", (url,), None
    )
    RedactingFilter(()).filter(record)
    assert "AbCdEfSeCrEt" not in record.getMessage()
    assert "https://hooks.slack.com/[redacted]" in record.getMessage()
