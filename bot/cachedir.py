"""Where pmpo keeps what it caches on disk between processes, and whether it may.

Apart from `bot.kb.cache` so that the compiled-pattern store (`bot.regex_store`), which the
question parsers import, can find the directory without importing the matcher.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    configured = os.environ.get("PMPO_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pmpo"


def enabled() -> bool:
    return os.environ.get("PMPO_CACHE", "1") not in ("0", "false", "no", "off")
