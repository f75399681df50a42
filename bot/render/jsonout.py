"""Answer -> the JSON contract of `pmpo ask --json` (other tools parse it; keep it stable)."""

from __future__ import annotations

import json
from typing import Any

from bot.answer import Answer
from bot.render import plain


def to_dict(answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "answered": answer.answered,
        "kind": answer.kind,
        "id": answer.id,
        "title": answer.title,
        "text": plain.render(answer),  # the whole answer: other tools score against it
        "short": plain.short(answer),
        "sources": [str(c) for c in answer.sources],
        "matched": list(answer.matched),
        "score": answer.score,
    }
    if not answer.answered:
        data["suggestions"] = [s.title for s in answer.suggestions]
        data["suggestion_ids"] = [s.id for s in answer.suggestions]
    if answer.also:  # other questions in the message, each answered in one line
        data["also"] = [{"question": a.question, "id": a.id, "title": a.title} for a in answer.also]
    if answer.kind == "advice" and "verdict" in answer.extra:
        data["verdict"] = answer.extra["verdict"]
        if "situation" in answer.extra:  # which staffing situation led the answer
            data["situation"] = answer.extra["situation"]
    return data


def dumps(answer: Answer) -> str:
    return json.dumps(to_dict(answer), ensure_ascii=False)
