"""Shared fixtures: the real knowledge base, a minimal one for schema tests, and the
databases the gap log runs on (SQLite, and a real PostgreSQL started for the session)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.kb.loader import load_dir
from bot.matcher import Index
from tests.pg import PostgresCluster

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


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A real PostgreSQL server on loopback for the whole session (see tests/pg.py)."""
    cluster = PostgresCluster()
    yield cluster
    cluster.destroy()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test against SQLite and against PostgreSQL (a fresh database each time)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'pmpo.sqlite3'}"
    return request.getfixturevalue("postgres").new_database()
