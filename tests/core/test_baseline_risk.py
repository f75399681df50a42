"""The benchmark compares baselines with pmpo at pmpo's own wrong-answer count, so a baseline
that buys its right answers with five times the wrong ones is not reported as simply ahead."""

from __future__ import annotations

from bench.quality import Ranked
from bench.realq import baseline_tally, pmpo_outcome, right_answer


def _case(expected: str) -> dict[str, object]:
    return {"q": "?", "intent": "faq", "expect_any": [expected], "expect_not": []}


# Five questions: the baseline is right on the two it scores highest, wrong on the next two,
# right again on the last (lowest score).
CASES = [_case("alpha"), _case("alpha"), _case("alpha"), _case("alpha"), _case("alpha")]
RANKED = [
    Ranked("a", 0.9),
    Ranked("a", 0.8),
    Ranked("b", 0.7),
    Ranked("b", 0.6),
    Ranked("a", 0.5),
]
TEXTS = {"a": "alpha answer", "b": "beta answer"}


def test_unbounded_threshold_takes_every_right_answer_whatever_it_costs() -> None:
    tally = baseline_tally(CASES, RANKED, TEXTS)
    assert (tally.counts["right"], tally.counts["wrong"], tally.threshold) == (3, 2, 0.5)


def test_held_to_a_wrong_count_the_baseline_answers_only_within_it() -> None:
    # one wrong answer allowed: the third right answer (at 0.5) would cost two, so it stops at
    # 0.8, where its two right answers cost none (ties go to fewer wrong)
    tally = baseline_tally(CASES, RANKED, TEXTS, max_wrong=1)
    assert (tally.counts["right"], tally.counts["wrong"], tally.threshold) == (2, 0, 0.8)
    assert baseline_tally(CASES, RANKED, TEXTS, max_wrong=2).counts["right"] == 3


def test_a_set_labelled_with_entries_is_judged_by_them() -> None:
    """bench/realq_read.yml names the entries that answer each question. The advisor's answer
    to a team story never contains its label's word ("advice"), so the shared judge counted
    every routed story as a wrong answer; a right entry worded otherwise was wrong too."""
    story = {"q": "?", "intent": "advice", "expect_any": ["advice"], "expect_entries": ["advice"]}
    routed = {"answered": True, "kind": "advice", "id": None, "text": "Keep both roles..."}
    assert pmpo_outcome(story, routed) == "right"
    owner = {"q": "?", "intent": "ownership", "expect_any": ["developers"]}
    owner["expect_entries"] = ["owns-sprint-backlog"]
    right = {"answered": True, "kind": "ownership", "id": "owns-sprint-backlog", "text": "PO"}
    other = {"answered": True, "kind": "ownership", "id": "owns-backlog", "text": "developers"}
    assert pmpo_outcome(owner, right) == "right"
    assert pmpo_outcome(owner, other) == "wrong"
    assert right_answer(owner, "developers", "owns-backlog") is False
    # an unlabelled case (the frozen sets) keeps the shared judge's phrases
    assert pmpo_outcome(_case("alpha"), {"answered": True, "text": "alpha", "id": "x"}) == "right"
    assert pmpo_outcome(_case("alpha"), {"answered": True, "text": "beta", "id": "x"}) == "wrong"
