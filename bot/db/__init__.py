"""The bot's database: the gap log, answer feedback, and the state several hosts share.

SQLite under `PMPO_STATE_DIR` by default; `DATABASE_URL=postgresql://…` moves everything to
PostgreSQL. Tables are SQLAlchemy Core (`schema.py`) and change only through Alembic
migrations (`migrations/`), so one description serves both dialects. Writes go through a
background `Recorder` so answering never waits on, or fails with, the database.
"""
