"""Settings from the environment (and `.env`), checked once at start-up.

A missing or malformed setting raises `ConfigError` whose message is one line: the variable,
what is wrong, and where to get the right value. `pmpo run` and the web server print it and
stop, without a traceback. Secrets never appear in these messages.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.kbdir import DEFAULT_KB

DEFAULT_API_URL = "https://slack.com/api/"
SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

_APP_PAGE = "api.slack.com/apps → your app"
_WHERE = {
    "SLACK_BOT_TOKEN": f"copy the Bot User OAuth Token (xoxb-…) from {_APP_PAGE} → OAuth & "
    "Permissions, into .env",
    "SLACK_SIGNING_SECRET": f"copy it from {_APP_PAGE} → Basic Information → Signing Secret, "
    "into .env",
    "SLACK_APP_TOKEN": f"create an app-level token with connections:write in {_APP_PAGE} → "
    "Basic Information → App-Level Tokens (xapp-…), into .env; or leave it unset for HTTP mode",
    "SLACK_API_URL": "leave it unset for Slack itself (https://slack.com/api/); tests point it "
    "at a fake, e.g. http://127.0.0.1:8080/api/",
    "PMPO_ADMINS": "comma-separated Slack member IDs such as U0123ABCD (Slack → a profile → ⋮ "
    "→ Copy member ID)",
    "PORT": "a TCP port number such as 3000",
    "PMPO_KNOWLEDGE_DIR": "point it at the directory holding the knowledge YAML files, or "
    "leave it unset for ./knowledge",
    "LOG_LEVEL": "one of " + ", ".join(LOG_LEVELS),
    "PMPO_STATE_DIR": "point it at a directory only this user can write (mode 700), or leave "
    "it unset for $XDG_DATA_HOME/pmpo (~/.local/share/pmpo)",
    "DATABASE_URL": "postgresql://user:password@host:5432/dbname, or leave it unset for SQLite "
    "in PMPO_STATE_DIR",
    "PMPO_GAPS_DAYS": "how many days the gap log keeps a question, 1-3650 (default 90)",
    "PMPO_LOG_QUESTIONS": "1 (default) keeps the gap log, 0 turns it off",
    "PMPO_LOG_DMS": "0 (default) keeps nothing from direct messages, 1 logs them too",
}
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SECRET = re.compile(r"^[A-Za-z0-9]{16,128}$")
_TOKEN_BODY = re.compile(r"^[A-Za-z0-9-]{10,}$")


class ConfigError(Exception):
    """A setting is missing or malformed; `str()` is the one line to show."""

    def __init__(self, variable: str, problem: str) -> None:
        self.variable = variable
        super().__init__(f"{variable} {problem}: {_WHERE.get(variable, 'see .env.example')}")


@dataclass(frozen=True)
class Settings:
    """What `pmpo run` needs from the environment, checked once at start-up."""

    bot_token: str
    signing_secret: str
    app_token: str = ""
    api_url: str = DEFAULT_API_URL
    admins: frozenset[str] = field(default_factory=frozenset)
    port: int = 3000
    knowledge_dir: Path = DEFAULT_KB
    state_dir: Path | None = None
    log_level: str = "INFO"
    http_timeout: float = 10.0

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.bot_token, self.signing_secret, self.app_token) if s)

    def __repr__(self) -> str:  # never print secrets, even by accident
        return (
            f"Settings(mode={'socket' if self.socket_mode else 'http'}, api_url={self.api_url!r}, "
            f"admins={len(self.admins)}, port={self.port}, knowledge_dir={self.knowledge_dir})"
        )

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        mode: str = "auto",
        knowledge_dir: str | os.PathLike[str] | None = None,
    ) -> Settings:
        """Read and check every setting. `mode`: "http", "socket" or "auto" (by SLACK_APP_TOKEN)."""
        env = os.environ if env is None else env

        def get(name: str) -> str:
            return (env.get(name) or "").strip()

        app_token = get("SLACK_APP_TOKEN")
        if mode == "socket" and not app_token:
            raise ConfigError("SLACK_APP_TOKEN", "is missing (Socket Mode needs it)")
        if app_token:
            _check_token("SLACK_APP_TOKEN", app_token, "xapp-")
        socket = bool(app_token) if mode == "auto" else mode == "socket"

        bot_token = get("SLACK_BOT_TOKEN")
        if not bot_token:
            raise ConfigError("SLACK_BOT_TOKEN", "is missing")
        _check_token("SLACK_BOT_TOKEN", bot_token, "xoxb-")

        secret = get("SLACK_SIGNING_SECRET")
        if not secret and not socket:
            raise ConfigError("SLACK_SIGNING_SECRET", "is missing")
        if secret and not _SECRET.match(secret):
            raise ConfigError(
                "SLACK_SIGNING_SECRET", "is malformed (expected 16-128 letters and digits)"
            )

        api_url = get("SLACK_API_URL") or DEFAULT_API_URL
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", api_url):
            raise ConfigError("SLACK_API_URL", "is not an http(s) URL")
        if not api_url.endswith("/"):
            api_url += "/"

        admins: set[str] = set()
        for item in get("PMPO_ADMINS").split(","):
            item = item.strip()
            if not item:
                continue
            if not _USER_ID.match(item):
                shown = item if len(item) <= 20 else item[:20] + "…"
                raise ConfigError(
                    "PMPO_ADMINS", f"has {shown!r}, which is not a Slack member ID (U…/W…)"
                )
            admins.add(item)

        port_text = get("PORT") or "3000"
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError("PORT", f"is {port_text[:12]!r}, not a port number")

        kb_dir = Path(knowledge_dir or get("PMPO_KNOWLEDGE_DIR") or DEFAULT_KB)
        if not kb_dir.is_dir():
            raise ConfigError("PMPO_KNOWLEDGE_DIR", f"is {str(kb_dir)!r}, not a directory")

        state_dir = own_state_dir(
            Path(get("PMPO_STATE_DIR")) if get("PMPO_STATE_DIR") else None, kb_dir, env
        )

        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise ConfigError("LOG_LEVEL", f"is {level[:12]!r}")

        database_url = get("DATABASE_URL")
        if database_url and not re.match(r"^(postgres(ql)?(\+psycopg)?|sqlite)://", database_url):
            raise ConfigError("DATABASE_URL", "is not a postgresql:// or sqlite:// URL")
        from bot.gaps.privacy import Privacy

        try:
            Privacy.from_env(env)
        except ValueError as exc:
            name = str(exc).split(" ", 1)[0]
            raise ConfigError(name, str(exc).split(" ", 1)[1]) from None

        return cls(
            bot_token=bot_token,
            signing_secret=secret,
            app_token=app_token if socket else "",
            api_url=api_url,
            admins=frozenset(admins),
            port=int(port_text),
            knowledge_dir=kb_dir,
            state_dir=state_dir,
            log_level=level,
        )


def default_state_dir(kb_dir: Path, env: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME/pmpo/kb-<hash of the knowledge dir> (~/.local/share/pmpo/...): the
    user's own, never /tmp, where another user could create it first."""
    import hashlib  # here: loading OpenSSL costs a cold `pmpo ask` ~2.5 ms it never uses

    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    digest = hashlib.sha256(str(kb_dir.resolve()).encode()).hexdigest()[:12]
    return Path(base) / "pmpo" / f"kb-{digest}"


def own_state_dir(
    configured: Path | None, kb_dir: Path, env: Mapping[str, str] | None = None
) -> Path:
    """The state directory (reload signal, knowledge snapshots, duplicate filter), created
    mode 700 if missing; `ConfigError` unless it is this user's and only this user's: the
    bot loads what it finds there, so anyone who can write it can steer the bot."""
    path = configured or default_state_dir(kb_dir, env)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError as exc:
        raise ConfigError("PMPO_STATE_DIR", f"is {str(path)!r}: {exc.strerror}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise ConfigError("PMPO_STATE_DIR", f"is {str(path)!r}, not a directory")
    if info.st_uid != os.geteuid():
        raise ConfigError(
            "PMPO_STATE_DIR",
            f"is {str(path)!r}, owned by uid {info.st_uid}, not this user (uid {os.geteuid()})",
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ConfigError(
            "PMPO_STATE_DIR",
            f"is {str(path)!r}, writable by group or others (mode {info.st_mode & 0o777:o})",
        )
    return path


def has_slack_settings(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return any((env.get(name) or "").strip() for name in SLACK_VARS)


def _check_token(name: str, value: str, prefix: str) -> None:
    if not value.startswith(prefix):
        kind = value.split("-", 1)[0][:5] if "-" in value else "no prefix"
        raise ConfigError(name, f"must start with {prefix} (this one starts with {kind!r})")
    if not _TOKEN_BODY.match(value):
        raise ConfigError(name, "is malformed (spaces, quotes or other stray characters?)")
