"""The README's advice examples are real: each block is exactly what `pmpo` prints now."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.core.test_cli import pmpo

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(
    r"```text\n\$ pmpo (advise [^\n]*)\n(.*?)\n```", README.read_text("utf-8"), re.S
)


def test_the_doc_has_three_examples_with_different_verdicts() -> None:
    assert len(EXAMPLES) == 3
    verdicts = {body.splitlines()[1].split(",")[0].split(":")[0] for _, body in EXAMPLES}
    assert verdicts == {"Split the roles", "One person can do both", "Borderline"}


@pytest.mark.parametrize(("command", "printed"), EXAMPLES)
def test_example_matches_the_cli(command: str, printed: str) -> None:
    out = pmpo(*shlex.split(command), kb=None)
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n") == printed
