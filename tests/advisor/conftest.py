"""Advisor fixtures: a knowledge directory with the real advice file and the real sources.

The advice tests build their own small directory (the minimal entries + knowledge/sources.yml +
knowledge/advice.yml) so they exercise the advice rules as shipped, without depending on the
rest of the knowledge base being mid-edit.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.kb.loader import load_dir
from bot.kb.model import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
KB_MIN = ROOT / "tests" / "fixtures" / "kb_min"

MINIMAL_SOURCES = """\
sources:
"""
for _id in ("boundev", "adair", "productlift", "livesession", "pmexercises"):
    MINIMAL_SOURCES += (
        f'  - id: {_id}\n    title: "{_id} article"\n    publisher: {_id.title()}\n'
        f"    year: 2026\n    seed: {_id}.txt\n"
    )


def make_kb_dir(target: Path) -> Path:
    """A loadable knowledge dir: minimal entries, the real sources (if present), the real advice."""
    shutil.copytree(KB_MIN, target)
    sources = KNOWLEDGE / "sources.yml"
    if sources.exists():
        shutil.copy(sources, target / "sources.yml")
    else:
        (target / "sources.yml").write_text(MINIMAL_SOURCES, encoding="utf-8")
    shutil.copy(KNOWLEDGE / "advice.yml", target / "advice.yml")
    return target


@pytest.fixture(scope="session")
def advice_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    directory = make_kb_dir(tmp_path_factory.mktemp("advice") / "kb")
    result = load_dir(directory)
    assert result.kb is not None, "\n".join(map(str, result.errors))
    return result.kb


@pytest.fixture
def kb_dir_factory(tmp_path: Path) -> Callable[[], Path]:
    return lambda: make_kb_dir(tmp_path / "kb")
