"""State several hosts share on PostgreSQL: events already answered, and the reload signal.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seen_events",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_seen_events_at", "seen_events", ["at"])
    op.create_table(
        "kb_signal",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("generation", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_table(
        "kb_processes",
        sa.Column("process", sa.String(200), primary_key=True),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kb_processes")
    op.drop_table("kb_signal")
    op.drop_table("seen_events")
