"""`pmpo console` in a real pseudo-terminal: readline history, `more`, numbered choices,
escape sequences, and Ctrl-C / Ctrl-D leaving without a traceback."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.slack.helpers import ROOT

UP = "\x1b[A"


def _take_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty, so Ctrl-C typed
    into it sends SIGINT, as in a real terminal. SIGINT is reset to its default first: a test
    run started in the background (`make test &`, nohup) passes it down ignored, and Python
    keeps an ignored SIGINT ignored, so Ctrl-C would never reach the console."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, home: Path) -> None:
        self.master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PMPO_"))}
        env.update({"TERM": "xterm", "HOME": str(home), "XDG_STATE_HOME": str(home / "state")})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "console"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=env,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.seen = ""

    def read_until(self, needle: str, timeout: float = 20.0, count: int = 1) -> str:
        deadline = time.monotonic() + timeout
        while self.seen.count(needle) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} never came; screen so far:\n{self.seen}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    break
                self.seen += chunk.decode("utf-8", "replace")
        if self.seen.count(needle) < count:
            raise AssertionError(f"{needle!r} never came; screen so far:\n{self.seen}")
        return self.seen

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 20.0) -> int:
        """The exit code, reading the screen meanwhile: a child whose last words fill the
        terminal's buffer would otherwise wait on us while we wait on it."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:  # the child closed the terminal
                    break
        try:
            code = self.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            left = f"the console did not leave; screen so far:\n{self.seen}"
            raise AssertionError(left) from None
        try:
            while chunk := os.read(self.master, 65536):
                self.seen += chunk.decode("utf-8", "replace")
        except OSError:
            pass
        os.close(self.master)
        return code


@pytest.fixture
def term(tmp_path: Path):
    terminal = Terminal(tmp_path)
    yield terminal
    if terminal.proc.poll() is None:
        terminal.proc.kill()
        terminal.proc.wait()


def test_history_more_and_ctrl_d(term: Terminal, tmp_path: Path) -> None:
    term.read_until("pmpo> ")
    assert "`more`" in term.seen and "`exit`" in term.seen
    verdict = "A Product Manager is the strategist"
    term.type("define pm\r")  # a subcommand: no matching involved
    term.read_until("(`more` for the full answer)")
    assert term.seen.count(verdict) == 1
    term.type(UP + "\r")  # readline recalls the last line
    term.read_until(verdict, count=2)
    term.read_until("pmpo> ", count=3)
    term.type("more\r")
    term.read_until("Where the sources disagree:")
    term.read_until("pmpo> ", count=4)
    # colour codes pasted in (bracketed paste, as terminals send a paste) are stripped
    term.type("\x1b[200~\x1b[1;31mdefine po\x1b[0m\x1b[201~\r")
    term.read_until("Product Owner (PO)")
    term.read_until("pmpo> ", count=5)  # Ctrl-D only means "leave" at an empty prompt
    term.type("\x04")
    assert term.finish() == 0
    assert "Traceback" not in term.seen
    history = (tmp_path / "state" / "pmpo" / "console_history").read_text()
    assert "define pm" in history


def test_numbered_choice_answers_the_ask_back(term: Terminal) -> None:
    term.read_until("pmpo> ")
    term.type("Are PM and PO basically synonyms?\r")
    screen = term.read_until("to pick)")
    first = screen.split("  1. ", 1)[1].split("\r\n", 1)[0]
    term.type("1\r")
    term.read_until(f"\r\n{first}\r\n")
    term.type("exit\r")
    assert term.finish() == 0


def test_ctrl_c_leaves_quietly(term: Terminal) -> None:
    term.read_until("pmpo> ")
    term.type("half a quest")
    time.sleep(0.2)
    term.type("\x03")  # Ctrl-C
    assert term.finish() == 0
    assert "Traceback" not in term.seen and "KeyboardInterrupt" not in term.seen
