"""Shared fixtures: the real knowledge base and a minimal one for schema tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb.loader import load_dir
from bot.matcher import Index

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
KB_MIN = ROOT / "tests" / "fixtures" / "kb_min"


@pytest.fixture(scope="session")
def real_index() -> Index:
    result = load_dir(KNOWLEDGE)
    assert result.kb is not None, "\n".join(map(str, result.errors))
    return Index(result.kb)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal knowledge base."""
    target = tmp_path / "kb"
    shutil.copytree(KB_MIN, target)
    return target
