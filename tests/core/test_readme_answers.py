"""The README's short and expanded answers are real: each is exactly what `pmpo` prints now."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.core.test_cli import pmpo

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(
    r"```text\n\$ pmpo ((?!advise)[^\n]*)\n(.*?)\n```", README.read_text("utf-8"), re.S
)


def test_the_readme_shows_a_short_and_an_expanded_answer() -> None:
    commands = [command for command, _ in EXAMPLES]
    assert "define po" in commands and "--full define po" in commands


@pytest.mark.parametrize(("command", "printed"), EXAMPLES)
def test_readme_answer_matches_the_cli(command: str, printed: str) -> None:
    out = pmpo(*shlex.split(command), kb=None)
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n") == printed
