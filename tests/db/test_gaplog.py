"""The gap log and votes on SQLite and on a real PostgreSQL (the `db_url` fixture runs each
test on both): what is kept, vote replacement, DMs, expiry, purge, migrations."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from bot.answer import Answer, Suggestion
from bot.answering import answer_text
from bot.db.gaplog import DAY, GapLog
from bot.db.schema import gaps
from bot.gaps.privacy import Privacy
from bot.matcher import Index

DECLINED = "where should we go for lunch <@U0SECRET> mail me at a.b@example.com"


def clarify(question_ids: tuple[str, ...] = ("owns-roadmap", "owns-vision")) -> Answer:
    """An ask-back as the matcher returns it (kind "clarify", not answered, suggestions)."""
    return Answer(
        kind="clarify",
        answered=False,
        title="Did you mean…",
        verdict="Which one?",
        matched=("plan",),
        suggestions=tuple(Suggestion(i, i, f"ask {i}") for i in question_ids),
    )


def stored_questions(log: GapLog) -> list[str]:
    with log.connection() as conn:
        return sorted(r[0] for r in conn.execute(select(gaps.c.question)).all())


@pytest.fixture
def log(db_url: str, tmp_path: Path) -> Iterator[GapLog]:
    gap_log = GapLog(db_url, tmp_path / "state", Privacy(), salt="test-salt")
    yield gap_log
    gap_log.close()


def test_declines_and_ask_backs_are_logged_answers_only_counted(
    log: GapLog, real_index: Index
) -> None:
    log.asked(answer_text(real_index, DECLINED), DECLINED, "command")
    log.asked(clarify(), "who plans the product plan", "mention")
    log.asked(answer_text(real_index, "compare"), "compare", "command")  # always answered
    assert log.flush()
    report = log.report()
    assert (report.asked, report.answered) == (3, 1)
    samples = [s for g in report.groups for s in g.samples]
    assert "who plans the product plan" in samples
    lunch = next(s for s in samples if "lunch" in s)
    assert "u0secret" not in lunch and "example" not in lunch  # no mentions, no e-mail
    kinds = {k for g in report.groups for k in g.kinds}
    assert kinds == {"declined", "clarify"}
    plan = next(g for g in report.groups if "who plans the product plan" in g.samples)
    assert plan.entry_id == "owns-roadmap" and plan.did.startswith("asked back: owns-roadmap")


def test_picks_and_none_fit_annotate_their_question_without_counting_as_gaps(
    db_url: str, tmp_path: Path
) -> None:
    log = GapLog(db_url, tmp_path / "state", Privacy(), salt="test-salt")
    now = time.time()
    log.asked(clarify(), "who plans the product plan", "command", now=now)
    log.asked(clarify(), "Who plans the product plan?", "mention", now=now)
    log.picked("owns-vision", "who plans the product plan", "command", now=now)
    log.picked("owns-roadmap", "who plans the product plan", "mention", now=now)
    log.picked("owns-vision", "who plans the product plan", "mention", now=now)
    log.picked("owns-vision", "who plans the product plan", "dm", now=now)  # DMs: not kept
    log.picked("owns-okrs", "who sets the quarterly goals", "command", now=now)  # no gap row
    assert log.none_fit("who plans the product plan", "mention", now=now) is True
    assert log.none_fit("who plans the product plan", "dm", now=now) is False
    assert log.flush()
    (plan,) = log.report(now=now).groups
    assert (plan.count, dict(plan.kinds)) == (2, {"clarify": 2})
    assert dict(plan.picked) == {"owns-vision": 2, "owns-roadmap": 1} and plan.none_fit == 1
    assert plan.entry_id == "owns-vision"  # what askers chose beats the first suggestion
    log.close()


def test_second_vote_by_same_person_replaces_the_first(log: GapLog) -> None:
    common = {"answer_key": "a1", "entry_id": "owns-roadmap", "surface": "command"}
    log.vote(user_id="U1", helpful=False, question="who owns the roadmap", **common)
    assert log.flush()
    first = log.report()
    assert first.helpful == {"owns-roadmap": (0, 1)}
    assert [g.kinds["unhelpful"] for g in first.groups] == [1]
    log.vote(user_id="U1", helpful=True, question="who owns the roadmap", **common)
    log.vote(user_id="U2", helpful=True, question="who owns the roadmap", **common)
    assert log.flush()
    second = log.report()
    assert second.helpful == {"owns-roadmap": (2, 2)}
    assert second.groups == []  # the changed vote took its gap back


def test_no_user_id_is_stored(log: GapLog, db_url: str) -> None:
    log.vote(
        answer_key="a2",
        user_id="U0PRIVATE",
        helpful=False,
        entry_id="faq-salary",
        question="pay?",
        surface="mention",
    )
    assert log.flush()
    with log.connection() as conn:
        dump = repr(conn.execute(select(gaps)).all())
        names = inspect(conn).get_table_names()
        for table in names:
            dump += repr(conn.exec_driver_sql(f"SELECT * FROM {table}").all())
    assert "U0PRIVATE" not in dump and "u0private" not in dump.lower()


def test_dms_not_logged_by_default(db_url: str, tmp_path: Path, real_index: Index) -> None:
    for privacy, expected in ((Privacy(), 0), (Privacy(log_dms=True), 1)):
        log = GapLog(db_url, tmp_path / "state", privacy, salt="s")
        log.purge()
        log.asked(answer_text(real_index, DECLINED), DECLINED, "dm")
        kept = log.vote(
            answer_key="k", user_id="U1", helpful=False, entry_id="x", question="q", surface="dm"
        )
        assert log.flush()
        report = log.report()
        assert (report.logged, report.asked, bool(report.helpful), kept) == (
            expected * 2,
            expected,
            bool(expected),
            bool(expected),
        )
        log.close()


def test_log_off_keeps_no_questions(db_url: str, tmp_path: Path, real_index: Index) -> None:
    log = GapLog(db_url, tmp_path / "state", Privacy(log_questions=False), salt="s")
    log.asked(answer_text(real_index, DECLINED), DECLINED, "command")
    log.vote(
        answer_key="k", user_id="U1", helpful=False, entry_id="x", question="q", surface="command"
    )
    assert log.flush()
    report = log.report()
    assert (report.logged, report.asked) == (0, 0)
    assert report.helpful == {"x": (0, 1)}  # the vote counts, without its question
    log.close()


def test_expiry_and_purge(log: GapLog, real_index: Index) -> None:
    now = time.time()
    declined = answer_text(real_index, DECLINED)
    log.asked(declined, "a recent question about dinner", "command", now=now - 40 * DAY)
    log.asked(declined, "todays question about breakfast", "command", now=now)
    assert log.flush()
    assert log.report(days=120).logged == 2
    assert log.report().logged == 1  # the report shows the last 30 days
    log.asked(declined, "an old question about lunch", "command", now=now - 91 * DAY)
    assert log.flush()
    assert len(stored_questions(log)) == 3
    assert log.report(days=120).logged == 2  # never shown once past PMPO_GAPS_DAYS…
    log.expire(now)  # …and deleted by the hourly expiry
    assert stored_questions(log) == [
        "a recent question about dinner",
        "todays question about breakfast",
    ]
    assert log.purge() == 2
    report = log.report(days=120)
    assert (report.logged, report.asked) == (0, 0)


def test_migrations_run_once_and_are_repeatable(log: GapLog) -> None:
    with log.connection() as conn:
        tables = set(inspect(conn).get_table_names())
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert {"gaps", "votes", "question_counts", "alembic_version"} <= tables
    again = GapLog(log.url, log.state_dir, salt="x")
    with again.connection() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == version
    again.close()
