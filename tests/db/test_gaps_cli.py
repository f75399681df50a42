"""`pmpo gaps` on the command line: the table, a snippet, purge, and a one-line error when
the database is away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.answering import answer_text
from bot.db.gaplog import GapLog
from bot.matcher import Index
from tests.conftest import ROOT


def gaps_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PMPO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "gaps", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_table_snippet_and_purge(db_url: str, tmp_path: Path, real_index: Index) -> None:
    state = tmp_path / "state"
    log = GapLog(db_url, state, salt="s")
    for question in ("where do the zebras eat lunch", "where do zebras eat their lunch"):
        log.asked(answer_text(real_index, question), question, "command")
    assert log.flush()
    log.close()
    env = {"PMPO_STATE_DIR": str(state), "DATABASE_URL": db_url}

    table = gaps_cli(env)
    assert table.returncode == 0, table.stderr
    assert "2 gap(s) logged in 1 group(s)" in table.stdout
    assert "where do the zebras eat lunch / where do zebras eat their lunch" in table.stdout

    snippet = gaps_cli(env, "--yaml", "1")
    assert snippet.returncode == 0 and "  - id: " in snippet.stdout and "zebras" in snippet.stdout

    purged = gaps_cli(env, "--purge")
    assert purged.returncode == 0 and "purged: 2 logged question(s)" in purged.stdout
    assert "0 gap(s) logged" in gaps_cli(env).stdout


def test_database_away_is_one_line(tmp_path: Path) -> None:
    env = {"PMPO_STATE_DIR": str(tmp_path), "DATABASE_URL": "postgresql://pmpo@127.0.0.1:9/x"}
    done = gaps_cli(env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "postgresql+psycopg://pmpo@127.0.0.1:9/x) is unavailable" in lines[0]
