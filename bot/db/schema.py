"""The tables, as SQLAlchemy Core. Change them only together with a migration.

Times are UNIX seconds (float) in every table: one type that sorts and compares the same in
SQLite and PostgreSQL, and that expiry can cut with a single `<`.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

# Questions pmpo did not answer well: declined, asked back, or rated "Not helpful"; and the
# choice someone clicked after an ask-back or a decline ("picked", entry_id = the choice).
# No user id, no channel: the normalised text, what pmpo did, and when.
gaps = Table(
    "gaps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # declined|clarify|unhelpful|picked|nonefit
    Column("question", Text, nullable=False),  # normalised: folded, punctuation gone
    Column("entry_id", String(120)),  # the entry chosen (unhelpful) or closest (others)
    Column("did", Text, nullable=False, default=""),  # e.g. "suggested owns-roadmap, faq-x"
    Column("matched", Text, nullable=False, default=""),
    Column("surface", String(16), nullable=False),  # command | mention | dm
    # for "unhelpful" rows: the vote that made it, so a changed vote removes the row
    Column("vote_key", String(64), unique=True),
)

# One row per (answer, person): the key is a salted hash of both, never the user id.
votes = Table(
    "votes",
    metadata,
    Column("vote_key", String(64), primary_key=True),
    Column("entry_id", String(120), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("at", Float, nullable=False, index=True),
)

# How many questions were asked and answered per UTC day: the "share answered" figure
# without keeping every answered question.
question_counts = Table(
    "question_counts",
    metadata,
    Column("day", String(10), primary_key=True),  # YYYY-MM-DD
    Column("asked", Integer, nullable=False, default=0),
    Column("answered", Integer, nullable=False, default=0),
)

# -- shared by every host when the database is PostgreSQL (migration 0002) -------------------

# Slack events already answered (message channel+ts, or event_id), so a retry that reaches
# another host is not answered twice. Rows older than the filter's ttl are pruned.
seen_events = Table(
    "seen_events",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("at", Float, nullable=False, index=True),
)

# The reload signal: one row, the knowledge base (content hash) every process should serve.
kb_signal = Table(
    "kb_signal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("key", String(128), nullable=False),
    Column("generation", String(64), nullable=False),
    Column("at", Float, nullable=False),
)

# Which knowledge base each process serves ("host:pid"), with a heartbeat, so a reload can
# count the processes that followed it on every host.
kb_processes = Table(
    "kb_processes",
    metadata,
    Column("process", String(200), primary_key=True),
    Column("key", String(128), nullable=False),
    Column("at", Float, nullable=False),
)
