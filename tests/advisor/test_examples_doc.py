"""The advice examples in the docs are real: each block is exactly what `pmpo` prints now."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.core.test_cli import pmpo

DOC = Path(__file__).resolve().parents[2] / "docs" / "advisor-examples.md"
EXAMPLES = re.findall(
    r"## \d+\. `pmpo ([^`]*)`\n\n```text\n(.*?)\n```", DOC.read_text("utf-8"), re.S
)


def test_the_doc_has_three_examples_with_different_verdicts() -> None:
    assert len(EXAMPLES) == 3
    verdicts = {body.splitlines()[1].split(",")[0].split(":")[0] for _, body in EXAMPLES}
    assert len(verdicts) == 3, verdicts


@pytest.mark.parametrize(("command", "printed"), EXAMPLES)
def test_example_matches_the_cli(command: str, printed: str) -> None:
    out = pmpo(*shlex.split(command), kb=None)
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n") == printed
