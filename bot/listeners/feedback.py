"""The vote buttons' value: everything a click needs to record the vote and redraw the answer,
so no state is kept between the answer and the click (any process may receive either).

`k` names the answer: a hash of the entry and the question, so the same answer renders the
same bytes every time and one person's votes on it replace each other; `e` the entry (or
kind) it gave; `s` the surface; `t` the question: as typed (Slack-escaped) for `/pmpo`, whose
ephemeral reply is redrawn from it, and normalised elsewhere (no markup, mentions or links
travel in a channel message); `m` the matched words. The value is never shown.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.answer import Answer, read_advice_ref
from bot.gaps.text import normalise
from bot.listeners.shared import clicked_channel
from bot.render.blocks import BUTTON_VALUE
from bot.safety import escape, from_slack

NOT_RATED = frozenset({"help", "admin", "none", "clarify"})  # declines are logged anyway
MAX_TEXT = 1000


def value_for(answer: Answer, text: str, surface: str) -> str | None:
    """The buttons' value for `answer`, or None when it gets no buttons."""
    if not answer.answered or answer.kind in NOT_RATED:
        return None
    entry = answer.id or answer.kind
    # escaped like every value pmpo sends (read back by `parse_value`): no live markup anywhere
    # an advisor choice's value redraws the advice from `t`; the gap log keeps only the story
    question = (
        escape(text[:MAX_TEXT])
        if surface == "command"
        else normalise(read_advice_ref(text) or text)
    )
    key = hashlib.sha256(f"{entry}\0{' '.join(text.lower().split())}".encode()).hexdigest()
    data = {
        "k": key[:16],
        "e": entry,
        "s": surface,
        "m": ", ".join(answer.matched)[:200],
        "t": question,
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
    fields["t"] = from_slack(fields["t"])
    return fields  # type: ignore[return-value]


def surface_of(body: dict[str, Any]) -> str:
    """Where a clicked message lives: an ephemeral `/pmpo` reply, a DM, or a channel."""
    return surface_at(
        clicked_channel(body), bool((body.get("container") or {}).get("is_ephemeral"))
    )


def surface_at(channel: str, ephemeral: bool) -> str:
    """The surface of a message in `channel`, for a click or for a message found again later
    (the advisor form's submission names the message its button sat on)."""
    if ephemeral:
        return "command"
    return "dm" if channel.startswith("D") else "mention"
