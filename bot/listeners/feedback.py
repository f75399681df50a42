"""The vote buttons' value: everything a click needs to record the vote and redraw the answer,
so no state is kept between the answer and the click (any process may receive either).

`k` is a random key for this one answer; `e` the entry (or kind) it gave; `s` the surface;
`t` the question as typed, to re-answer an ephemeral `/pmpo` reply and to log a *Not helpful*;
`m` the matched words. The value travels only between Slack and pmpo and is never shown.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from bot.answer import Answer
from bot.render.blocks import BUTTON_VALUE

NOT_RATED = frozenset({"help", "admin", "none", "clarify"})  # declines are logged anyway
MAX_TEXT = 1000


def value_for(answer: Answer, text: str, surface: str) -> str | None:
    """The buttons' value for `answer`, or None when it gets no buttons."""
    if not answer.answered or answer.kind in NOT_RATED:
        return None
    data = {
        "k": uuid.uuid4().hex[:16],
        "e": answer.id or answer.kind,
        "s": surface,
        "m": ", ".join(answer.matched)[:200],
        "t": text[:MAX_TEXT],
    }
    value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    while len(value) > BUTTON_VALUE and data["t"]:  # multi-byte text: trim until it fits
        data["t"] = data["t"][: len(data["t"]) * 3 // 4]
        value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return value


def parse_value(value: str) -> dict[str, str] | None:
    """The fields of a vote value, or None when it is not one of ours."""
    try:
        data: Any = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    fields = {k: data.get(k) for k in ("k", "e", "s", "m", "t")}
    if not all(isinstance(v, str) for v in fields.values()) or not fields["k"]:
        return None
    if fields["s"] not in ("command", "mention", "dm"):
        return None
    return fields  # type: ignore[return-value]
