"""Alembic environment: always run from `bot.db.engine.migrate`, which passes a connection."""

from __future__ import annotations

from alembic import context

from bot.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
)
with context.begin_transaction():
    context.run_migrations()
