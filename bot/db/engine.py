"""Which database, how to connect, and bringing its tables up to date with Alembic.

`DATABASE_URL` (postgresql://…) wins; otherwise a SQLite file in the state directory, which
needs nothing installed. Migrations run on first use, under a lock, so several processes
starting at once (gunicorn workers, hosts behind a load balancer) upgrade exactly once.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text

log = logging.getLogger("pmpo.db")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_FILE = "pmpo.sqlite3"
CONNECT_TIMEOUT = 3  # seconds: a database that went away must not hold a request for long
_PG_LOCK_ID = 0x706D706F  # "pmpo": the advisory lock that serialises migrations


def database_url(state_dir: Path, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    url = (env.get("DATABASE_URL") or "").strip()
    if not url:
        return f"sqlite:///{state_dir / SQLITE_FILE}"
    # Heroku-style and plain URLs name no driver; psycopg 3 is the one installed
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def describe(url: str) -> str:
    """The URL without its password, for logs and messages."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


def connect(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5.0})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA cache_size=-512")
            cur.close()

        return engine
    return create_engine(
        url,
        pool_pre_ping=True,  # a server restarted under us: reconnect instead of failing once
        pool_size=2,
        max_overflow=4,
        pool_timeout=CONNECT_TIMEOUT,
        connect_args={"connect_timeout": CONNECT_TIMEOUT},
    )


def migrate(engine: Engine, lock_dir: Path | None = None) -> None:
    """Upgrade to the newest revision. Serialised across processes: an advisory lock on
    PostgreSQL, a file lock beside the SQLite file."""
    from alembic import command
    from alembic.config import Config

    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # 7 lines per start
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_ID})
            conn.commit()
            try:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                conn.commit()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_ID})
                conn.commit()
            return
        lock_path = (lock_dir or Path(engine.url.database or ".").parent) / "migrate.lock"
        lock_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                conn.commit()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


class Database:
    """One engine per process, and a schema brought up to date on the first connection that
    succeeds (not at start-up: a database that is down then must not stop the bot)."""

    def __init__(self, url: str, state_dir: Path) -> None:
        self.url = url
        self.state_dir = state_dir
        self.engine = connect(url)
        self._migrated = False
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls, state_dir: Path, env: Mapping[str, str] | None = None) -> Database:
        return cls(database_url(state_dir, env), state_dir)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def shared(self) -> bool:
        """True when other hosts may use this database too (PostgreSQL)."""
        return self.dialect == "postgresql"

    def connection(self) -> Connection:
        if not self._migrated:
            with self._lock:
                if not self._migrated:
                    migrate(self.engine, self.state_dir)
                    self._migrated = True
        return self.engine.connect()

    def describe(self) -> str:
        return describe(self.url)

    def dispose(self) -> None:
        self.engine.dispose()
