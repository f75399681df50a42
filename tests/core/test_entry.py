"""The `pmpo` entry point ends one-shot commands early without losing output, exit codes
or what the exit handlers write; and a cold ask leaves out what only other paths need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

from tests.conftest import KB_MIN, ROOT

ENTRY = "import sys; from bot.entry import main; sys.exit(main())"


def _pmpo(
    *args: str, cache: Path, stdin: str = "", stdout: IO[str] | int = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PMPO_"))}
    env.update(PMPO_CACHE_DIR=str(cache))
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_every_answer_arrives_and_the_exit_handlers_ran(tmp_path: Path) -> None:
    assert _pmpo("ask", "roadmap", cache=tmp_path).returncode == 0  # builds the index cache
    for store in tmp_path.glob("regex-*.marshal"):
        store.unlink()  # so this ask compiles its patterns and an exit handler stores them
    questions = ["who owns the roadmap?", "advise 4 squads, 40 engineers"] * 150
    out = _pmpo("ask", "--json", cache=tmp_path, stdin="\n".join(questions) + "\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["kind"] for r in rows[:2]] == ["ownership", "advice"] and len(rows) == 300
    assert list(tmp_path.glob("regex-*.marshal"))


def test_a_failing_command_keeps_its_exit_code_and_message(tmp_path: Path) -> None:
    out = _pmpo("kb", "check", str(tmp_path / "missing"), cache=tmp_path)
    assert out.returncode == 1
    assert "knowledge directory not found" in out.stdout + out.stderr


def test_a_cold_ask_loads_only_what_it_needs(tmp_path: Path) -> None:
    """Each of these costs a cold ask milliseconds it does not need (see `bot.entry`; for
    dataclasses, `bot.answer`)."""
    code = (
        "import sys; from bot.cli import main; "
        f"main(['--kb', {str(KB_MIN)!r}, 'ask', 'who owns the rodmap?']); "
        "print(sorted(m for m in ('hashlib', '_hashlib', 'rapidfuzz', 'bot.config', "
        "'bot.console', 'bot.advisor', 'bot.team_facts', 'dataclasses', 'inspect') "
        "if m in sys.modules))"
    )
    env = {**os.environ, "PMPO_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run writes the index cache, the second reads it
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
    assert "owns the roadmap" in out.stdout, out.stderr
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_an_output_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """`pmpo ask ... > file` on a full disk (/dev/full always is): a one-line error, exit 1."""
    _pmpo("ask", "roadmap", cache=tmp_path)  # builds the index cache
    with open("/dev/full", "w") as full:
        out = _pmpo("ask", "who owns the roadmap?", cache=tmp_path, stdout=full)
    assert out.returncode == 1
    assert out.stderr.strip() == "pmpo: could not write the output: No space left on device"
