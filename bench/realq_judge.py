"""How an answer to a real question is judged: a verbatim copy of `judge` from
../shared/tools/realq_score.py (the scorer the issue measures with), so the benchmark and the
training script score exactly as it does. Keep it identical to that file.
"""

from __future__ import annotations

ROLES = ("product manager", "product owner")


def judge(case: dict, answered: bool, text: str) -> bool:
    want = [w.lower() for w in case.get("expect_any") or []]
    if want == ["__no_answer__"]:
        return not answered
    if not answered:
        return False
    t = (text or "").lower()
    if want and not any(w in t for w in want):
        return False
    if any(n.lower() in t for n in case.get("expect_not") or []):
        return False
    if case.get("intent") == "ownership" and len(want) == 1 and want[0] in ROLES:
        other = ROLES[1 - ROLES.index(want[0])]
        return t.find(other) < 0 or t.find(want[0]) < t.find(other)
    return True
