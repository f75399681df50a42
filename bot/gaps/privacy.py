"""What the gap log may keep, from the environment: on or off, DMs or not, for how long."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Privacy:
    log_questions: bool = True
    log_dms: bool = False
    keep_days: int = 90

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Privacy:
        """Raises ValueError naming the variable when one is malformed."""
        env = os.environ if env is None else env
        days_text = (env.get("PMPO_GAPS_DAYS") or "90").strip()
        if not days_text.isdigit() or not 1 <= int(days_text) <= 3650:
            raise ValueError(f"PMPO_GAPS_DAYS is {days_text[:12]!r}, not a number of days 1-3650")
        flags = {}
        for name, default in (("PMPO_LOG_QUESTIONS", "1"), ("PMPO_LOG_DMS", "0")):
            value = (env.get(name) or default).strip().lower()
            if value not in ("0", "1", "true", "false", "yes", "no"):
                raise ValueError(f"{name} is {value[:12]!r}; use 1 or 0")
            flags[name] = value in ("1", "true", "yes")
        return cls(flags["PMPO_LOG_QUESTIONS"], flags["PMPO_LOG_DMS"], int(days_text))

    def keeps(self, surface: str) -> bool:
        return self.log_questions and (surface != "dm" or self.log_dms)
