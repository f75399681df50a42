"""The gap log, answer votes and daily question counts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gaps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("entry_id", sa.String(120)),
        sa.Column("did", sa.Text, nullable=False),
        sa.Column("matched", sa.Text, nullable=False),
        sa.Column("surface", sa.String(16), nullable=False),
        sa.Column("vote_key", sa.String(64), unique=True),
    )
    op.create_index("ix_gaps_at", "gaps", ["at"])
    op.create_table(
        "votes",
        sa.Column("vote_key", sa.String(64), primary_key=True),
        sa.Column("entry_id", sa.String(120), nullable=False),
        sa.Column("helpful", sa.Boolean, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_votes_at", "votes", ["at"])
    op.create_table(
        "question_counts",
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("asked", sa.Integer, nullable=False),
        sa.Column("answered", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("question_counts")
    op.drop_table("votes")
    op.drop_table("gaps")
