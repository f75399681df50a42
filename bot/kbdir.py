"""Which knowledge directory a command reads. Apart from `bot.config` (Slack settings and
their checks) so that a one-shot `pmpo ask` finds its directory without importing those.
Here, too, so that `cli` and `run` need not import each other."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_KB = Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_dir(explicit: str | None = None) -> Path:
    """--kb, PMPO_KNOWLEDGE_DIR, or the repository's own knowledge/."""
    return Path(explicit or os.environ.get("PMPO_KNOWLEDGE_DIR") or DEFAULT_KB)
