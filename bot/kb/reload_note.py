"""Who reloaded the knowledge base last, and when: one small JSON file in the state dir.

Every process serving the bot shares the state dir, so the App Home of any of them can say
"reloaded 14:02 UTC by @ana". Only the Slack user id and the time are kept, and only the
latest reload (each one overwrites the file).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from bot.statefiles import StateError, read_bytes, write_atomic

log = logging.getLogger(__name__)

FILE = "last_reload.json"


@dataclass(frozen=True)
class ReloadNote:
    at: float  # seconds since the epoch
    by: str  # Slack user id
    ok: bool
    entries: int


def write(state_dir: Path, note: ReloadNote) -> None:
    """Best effort, through `bot.statefiles` (no write through a planted file or symlink)."""
    try:
        state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(state_dir / FILE, json.dumps(note.__dict__).encode())
    except (OSError, StateError) as exc:  # the reload worked; only the Home tab's note is lost
        log.warning("reload note not written: %s", exc)


def read(state_dir: Path) -> ReloadNote | None:
    try:
        data = json.loads(read_bytes(state_dir / FILE))
        return ReloadNote(
            float(data["at"]), str(data["by"]), bool(data["ok"]), int(data["entries"])
        )
    except (StateError, ValueError, KeyError, TypeError):
        return None


def describe(note: ReloadNote | None) -> str:
    """Safe mrkdwn for the Home tab: `2026-11-28 14:02 UTC by <@U123>` (an id pmpo checked)."""
    if note is None:
        return "not reloaded since the bot started"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(note.at))
    who = f"<@{note.by}>" if note.by.isalnum() else "someone"
    outcome = "" if note.ok else " (refused: the files had errors)"
    return f"{when} by {who}{outcome}"
