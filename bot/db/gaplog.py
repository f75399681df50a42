"""The gap log and answer feedback in the database: what is written, when, and read back.

What is kept (the README repeats it): for a question pmpo declined or asked back about, for
the choice someone then clicked (or "None of these"), and for an answer someone rated *Not
helpful*, the normalised text (folded words, no mentions, links or e-mail addresses), what
pmpo did, the entry it chose, came closest to or was picked, the matched words, the surface
(command, mention, dm) and the time. For a vote: a salted hash of (answer, person), the entry
and yes/no. Per day: how many questions were asked and answered. No user id, channel or team
is stored. DMs are skipped unless `PMPO_LOG_DMS=1`; everything expires after
`PMPO_GAPS_DAYS` (90); `PMPO_LOG_QUESTIONS=0` keeps no questions at all.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.answer import Answer
from bot.db import engine as db_engine
from bot.db.engine import Database
from bot.db.recorder import Op, Recorder
from bot.db.schema import gaps, question_counts, votes
from bot.gaps.grouping import NONE_FIT, PICKED, GapRow, group
from bot.gaps.privacy import Privacy
from bot.gaps.report import GapReport
from bot.gaps.text import normalise

log = logging.getLogger("pmpo.db")

DAY = 86_400.0
REPORT_DAYS = 30
NOT_COUNTED = frozenset({"help", "admin"})  # usage cards and reload reports are not questions
SALT_FILE = "vote-salt"


class Unavailable(Exception):
    """The database could not be read just now; `str()` is one line for the admin."""


def vote_salt(state_dir: Path, env: Mapping[str, str] | None = None) -> str:
    """`PMPO_VOTE_SALT`, else a random salt created once in the state directory (0600).
    Hosts sharing one PostgreSQL but not a state directory should set PMPO_VOTE_SALT."""
    env = os.environ if env is None else env
    given = (env.get("PMPO_VOTE_SALT") or "").strip()
    if given:
        return given
    path = state_dir / SALT_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        pass
    state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = state_dir / f"{SALT_FILE}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32))
    try:
        os.link(tmp, path)  # fails if another process got there first: use theirs
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()


def today(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d")


class GapLog:
    def __init__(
        self, db: Database | str, state_dir: Path, privacy: Privacy | None = None, salt: str = ""
    ) -> None:
        self.db = db if isinstance(db, Database) else Database(db, state_dir)
        self.url = self.db.url
        self.state_dir = state_dir
        self.privacy = privacy or Privacy()
        self._salt = salt
        self.engine = self.db.engine
        self.recorder = Recorder(self.connection, write, state_dir, housekeeping=self._expire_in)

    @classmethod
    def from_env(
        cls, state_dir: Path, env: Mapping[str, str] | None = None, db: Database | None = None
    ) -> GapLog:
        return cls(
            db or Database.from_env(state_dir, env),
            state_dir,
            Privacy.from_env(env),
            vote_salt(state_dir, env),
        )

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def connection(self) -> Connection:
        """A connection to an up-to-date schema (migrates on first success)."""
        return self.db.connection()

    # -- writes: queued, never on the answer's path ---------------------------------------
    def asked(self, answer: Answer, question: str, surface: str, now: float | None = None) -> None:
        """Count a question, and log it when pmpo declined or asked back."""
        if answer.kind in NOT_COUNTED or not self.privacy.keeps(surface):
            return
        now = time.time() if now is None else now
        self.recorder.submit("count", {"day": today(now), "answered": answer.answered})
        if answer.answered or answer.kind not in ("none", "clarify"):
            return
        text = normalise(question)
        if not text:
            return
        ids = [s.id for s in answer.suggestions]
        kind = "clarify" if answer.kind == "clarify" else "declined"
        did = ("asked back: " if kind == "clarify" else "declined; suggested ") + (
            ", ".join(ids) or "nothing"
        )
        off_topic = answer.extra.get("declined_as")  # an offtopic entry said "not mine"
        if isinstance(off_topic, str):
            ids.insert(0, off_topic)
            did = f"declined as off-topic ({off_topic})"
        self.recorder.submit(
            "gap",
            {
                "at": now,
                "kind": kind,
                "question": text,
                "entry_id": ids[0] if ids else None,
                "did": did,
                "matched": ", ".join(answer.matched)[:500],
                "surface": surface,
            },
        )

    def picked(self, entry_id: str, question: str, surface: str, now: float | None = None) -> None:
        """Log the entry someone chose from the choices a question got ("Did you mean…", a
        decline's closest topic): which entry the asker meant, in their words, is the example
        an admin adds to it. Not a gap of its own: the report shows it on the question's group.
        """
        text = normalise(question)
        if not text or not entry_id or not self.privacy.keeps(surface):
            return
        self.recorder.submit(
            "gap",
            {
                "at": time.time() if now is None else now,
                "kind": PICKED,
                "question": text,
                "entry_id": entry_id[:120],
                "did": f"picked {entry_id[:120]}",
                "matched": "",
                "surface": surface,
            },
        )

    def none_fit(self, question: str, surface: str, now: float | None = None) -> bool:
        """Log that the asker said none of an ask-back's choices fits: the entry it needs is
        missing, so its group's YAML is a new entry rather than lines for the first choice.
        False when the question is not to be kept (a DM, logging off), so the reply never
        claims it was noted."""
        text = normalise(question)
        if not text or not self.privacy.keeps(surface):
            return False
        self.recorder.submit(
            "gap",
            {
                "at": time.time() if now is None else now,
                "kind": NONE_FIT,
                "question": text,
                "entry_id": None,
                "did": "none of the choices fits",
                "matched": "",
                "surface": surface,
            },
        )
        return True

    def vote_key(self, answer_key: str, user_id: str) -> str:
        raw = f"{self._salt}\0{answer_key}\0{user_id}".encode()
        return hashlib.sha256(raw).hexdigest()[:40]

    def vote(
        self,
        *,
        answer_key: str,
        user_id: str,
        helpful: bool,
        entry_id: str,
        question: str,
        surface: str,
        matched: str = "",
        now: float | None = None,
    ) -> bool:
        """Record (or change) one person's vote on one answer. False when not kept (DMs)."""
        if surface == "dm" and not self.privacy.log_dms:
            return False
        now = time.time() if now is None else now
        key = self.vote_key(answer_key, user_id)
        text = normalise(question) if self.privacy.keeps(surface) else ""
        self.recorder.submit(
            "vote",
            {
                "vote_key": key,
                "entry_id": entry_id[:120],
                "helpful": helpful,
                "at": now,
                "question": text,
                "matched": matched[:500],
                "surface": surface,
            },
        )
        return True

    def flush(self, timeout: float = 5.0) -> bool:
        return self.recorder.flush(timeout)

    def close(self) -> None:
        self.recorder.stop()
        self.engine.dispose()

    # -- reads and admin actions: direct, and they say so when the database is away -----------
    def report(self, days: int = REPORT_DAYS, now: float | None = None) -> GapReport:
        now = time.time() if now is None else now
        cutoff = now - min(days, self.privacy.keep_days) * DAY  # never what should be gone
        try:
            with self.connection() as conn:
                rows = conn.execute(
                    select(
                        gaps.c.question,
                        gaps.c.kind,
                        gaps.c.entry_id,
                        func.min(gaps.c.did),
                        func.count(),
                    )
                    .where(gaps.c.at >= cutoff)
                    .group_by(gaps.c.question, gaps.c.kind, gaps.c.entry_id)
                ).all()
                rates = conn.execute(
                    select(
                        votes.c.entry_id,
                        func.sum(func.cast(votes.c.helpful, Integer)),
                        func.count(),
                    )
                    .where(votes.c.at >= cutoff)
                    .group_by(votes.c.entry_id)
                ).all()
                asked, answered = conn.execute(
                    select(
                        func.coalesce(func.sum(question_counts.c.asked), 0),
                        func.coalesce(func.sum(question_counts.c.answered), 0),
                    ).where(question_counts.c.day >= today(cutoff))
                ).one()
        except SQLAlchemyError as exc:
            raise Unavailable(_one_line(self.url, exc)) from exc
        groups = group(GapRow(q, k, e, int(n), d or "") for q, k, e, d, n in rows)
        return GapReport(
            days=days,
            groups=groups,
            helpful={eid: (int(yes or 0), int(n)) for eid, yes, n in rates},
            asked=int(asked),
            answered=int(answered),
        )

    def purge(self) -> int:
        """Forget every logged question, vote and count. Returns the gap rows removed."""
        self.recorder.flush(2.0)
        try:
            with self.connection() as conn:
                removed = conn.execute(delete(gaps)).rowcount
                conn.execute(delete(votes))
                conn.execute(delete(question_counts))
                conn.commit()
        except SQLAlchemyError as exc:
            raise Unavailable(_one_line(self.url, exc)) from exc
        log.info("gap log purged: %d logged question(s) removed", removed)
        return removed

    def expire(self, now: float | None = None) -> None:
        with self.connection() as conn:
            self._expire_in(conn, now)
            conn.commit()

    def _expire_in(self, conn: Connection, now: float | None = None) -> None:
        now = time.time() if now is None else now
        cutoff = now - self.privacy.keep_days * DAY
        removed = conn.execute(delete(gaps).where(gaps.c.at < cutoff)).rowcount
        conn.execute(delete(votes).where(votes.c.at < cutoff))
        conn.execute(delete(question_counts).where(question_counts.c.day < today(cutoff)))
        if removed:
            log.info(
                "gap log: %d question(s) older than %d days expired",
                removed,
                self.privacy.keep_days,
            )


def write(conn: Connection, ops: list[Op]) -> None:
    """Apply a batch of queued writes in one transaction (the caller commits)."""
    insert = _insert_for(conn)
    new_gaps: list[dict[str, Any]] = []
    counts: dict[str, list[int]] = {}
    for op, p in ops:
        if op == "gap":
            new_gaps.append(p)
        elif op == "count":
            day = counts.setdefault(p["day"], [0, 0])
            day[0] += 1
            day[1] += int(bool(p["answered"]))
        elif op == "vote":
            _write_vote(conn, insert, p)
    if new_gaps:
        conn.execute(gaps.insert(), new_gaps)
    for day, (asked, answered) in counts.items():
        stmt = insert(question_counts).values(day=day, asked=asked, answered=answered)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["day"],
                set_={
                    "asked": question_counts.c.asked + stmt.excluded.asked,
                    "answered": question_counts.c.answered + stmt.excluded.answered,
                },
            )
        )


def _write_vote(conn: Connection, insert: Any, p: dict[str, Any]) -> None:
    row = {k: p[k] for k in ("vote_key", "entry_id", "helpful", "at")}
    stmt = insert(votes).values(**row)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["vote_key"],
            set_={"helpful": stmt.excluded.helpful, "at": stmt.excluded.at},
        )
    )
    # a "Not helpful" is a gap; changing it to "Helpful" takes the gap back
    conn.execute(delete(gaps).where(gaps.c.vote_key == p["vote_key"]))
    if not p["helpful"] and p.get("question"):
        conn.execute(
            gaps.insert().values(
                at=p["at"],
                kind="unhelpful",
                question=p["question"],
                entry_id=p["entry_id"],
                did=f"answered with {p['entry_id']}",
                matched=p.get("matched", ""),
                surface=p["surface"],
                vote_key=p["vote_key"],
            )
        )


def _insert_for(conn: Connection) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _one_line(url: str, exc: Exception) -> str:
    detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:160]
    return f"the database ({db_engine.describe(url)}) is unavailable: {detail}"
