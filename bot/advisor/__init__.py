"""The split/merge advisor: "should one person be both our PM and our PO?" from team facts.

`advise(kb, text)` parses the team's facts (`bot/team_facts`), weighs the signals in
`knowledge/advice.yml` (`rules.py`) and returns an `Answer` with the verdict, the signals
that fired, where the sources disagree, next steps and follow-up questions.
`looks_like_advice(text)` decides whether a free-form question belongs here or in the FAQ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot import advisor_situations as situations
from bot import regex_store
from bot import team_facts as facts_mod
from bot.advisor import rules
from bot.advisor.rules import BORDERLINE, COMBINE, NEED_FACTS, SPLIT, Evaluation, Hit, Signal
from bot.advisor.staffed import staffed_both
from bot.advisor_intent import INTENT as _INTENT
from bot.advisor_intent import looks_like_advice
from bot.answer import DISAGREE, SIGNALS, STEPS, Answer, Cite, Section
from bot.kb.model import KnowledgeBase
from bot.team_facts import LABELS, Fact, Parsed

__all__ = ["advise", "looks_like_advice"]

TITLE = "Split or combine PM and PO?"
# `extra["verdict"]` of an answer led by a staffing situation rather than the weighing
SITUATION = "situation"


# `advise(situation=...)` default: match the situation cues here
LOOK_UP: Any = object()


def advise(kb: KnowledgeBase, text: str, prose: bool = False, situation: Any = LOOK_UP) -> Answer:
    """`prose`: a team's story asked as a question, not `advise` facts (slips are not refused).
    `situation`: the staffing situation the caller already matched (None: none matched)."""
    if situation is LOOK_UP:
        find = situations.in_story if prose else situations.find
        situation = find(kb.advice, text)
    if situation is not None and not _NAMES_PM.search(text):
        # a story about the PO seat alone: the PM/PO weighing has nothing to add, so the facts
        # parser (the slowest part of a cold ask) is not even run
        return _situation_answer(kb, situation, None)
    parsed = facts_mod.parse(text, prose)
    if parsed.errors:
        return _nonsense(kb, parsed)
    evaluation = rules.evaluate(kb.advice, parsed.facts)
    if situation is not None:
        return _situation_answer(kb, situation, (parsed, evaluation))
    stripped = " ".join((text or "").split())
    if not parsed.facts and stripped and not _INTENT.search(stripped) and not prose:
        shown = stripped if len(stripped) <= 60 else stripped[:59] + "…"
        return _answer(
            kb,
            parsed,
            evaluation,
            answered=False,
            verdict=f"Need more facts: I found no team facts in “{shown}”.",
        )
    # A story with no usable fact gets questions back, not a verdict: for a free question that
    # is an ask-back (not an answer), so it never counts as advice given.
    answered = not (prose and evaluation.verdict == NEED_FACTS)
    staffed = staffed_both(stripped)
    return _answer(
        kb,
        parsed,
        evaluation,
        answered=answered,
        verdict=_verdict_sentence(kb, evaluation, staffed),
        staffed=staffed,
    )


# --- building the answer ------------------------------------------------------------------


def _answer(
    kb: KnowledgeBase,
    parsed: Parsed,
    ev: Evaluation,
    *,
    answered: bool,
    verdict: str,
    staffed: bool = False,
) -> Answer:
    sections: list[Section] = []
    fired = [h for h in ev.hits if h.state == "fired"]
    if fired:
        sections.append(
            Section(
                "Signals that fired",
                tuple(_hit_line(kb, h, ev.contested, h.signal.id in ev.counted) for h in fired),
                SIGNALS,
            )
        )
    if ev.disagreements:
        sections.append(
            Section(
                "Where the sources disagree",
                tuple(_disagreement_line(kb, d) for d in ev.disagreements),
                DISAGREE,
            )
        )
    steps = _next_steps(kb, parsed, ev.verdict, staffed)
    if steps:
        sections.append(Section("Next steps", steps, STEPS))
    questions = kb.advice.get("questions") or {}
    follow_ups = tuple(
        questions.get(name, f"What is your {LABELS.get(name, name)}?") for name in ev.follow_ups
    )
    source_ids = [h.signal.source for h in ev.hits if h.state != "quiet"]
    if ev.verdict != NEED_FACTS:
        # the advice's own sources stand behind its next steps: listed when a step names them
        named = " ".join(steps)
        source_ids.extend(
            i
            for i in kb.advice.get("sources") or []
            if i in kb.sources and kb.sources[i].name in named
        )
    sources = _cites(kb, source_ids)
    return Answer(
        kind="advice",
        answered=answered,
        title=TITLE,
        verdict=verdict,
        reason=_reason(ev),
        sections=tuple(sections),
        sources=sources,
        matched=parsed.matched(),
        follow_ups=follow_ups,
        extra={
            "verdict": ev.verdict,
            "facts": {name: fact.as_json() for name, fact in parsed.facts.items()},
            "weights": {"split": ev.split, "combine": ev.combine},
        },
    )


# The weighing is about splitting PM and PO: it follows a situation only in a story that
# names the PM too ("our PO covers four teams" is about POs, whatever four teams would say).
_NAMES_PM = regex_store.compile(r"\b(?:pms?|product\s+manag(?:er|ers|ement))\b", re.I)


def _situation_answer(
    kb: KnowledgeBase, situation: Mapping[str, Any], weighed: tuple[Parsed, Evaluation] | None
) -> Answer:
    """The situation's verdict leads; the split/combine weighing (`weighed`, for a story that
    names the PM) follows in one line only when its facts decide it ("need more facts" would
    only add noise)."""
    sections: list[Section] = []
    if situation.get("disagree"):
        sections.append(Section("Where the sources differ", tuple(situation["disagree"]), DISAGREE))
    if situation.get("steps"):
        sections.append(Section("Next steps", tuple(situation["steps"]), STEPS))
    source_ids = list(situation["sources"])
    parsed, ev = weighed if weighed else (None, None)
    if ev is not None and ev.verdict != NEED_FACTS:
        fired = list(dict.fromkeys(h.signal.source for h in ev.fired))
        named = ", ".join(_short(kb, i) for i in fired)
        line = f"{_verdict_sentence(kb, ev)} ({named})" if named else _verdict_sentence(kb, ev)
        sections.append(Section("On splitting PM and PO", (line,), SIGNALS))
        source_ids.extend(fired)
    sources = _cites(kb, source_ids)
    return Answer(
        kind="advice",
        answered=True,
        title=situation["title"],
        verdict=situation["verdict"],
        reason=situation["reason"],
        sections=tuple(sections),
        sources=sources,
        matched=parsed.matched() if parsed else (),
        extra={
            "verdict": SITUATION,
            "situation": situation["id"],
            "facts": {n: f.as_json() for n, f in parsed.facts.items()} if parsed else {},
            "weights": {"split": ev.split, "combine": ev.combine} if ev else {},
        },
    )


def _cites(kb: KnowledgeBase, source_ids: list[str]) -> tuple[Cite, ...]:
    """Each source once, in the order the answer's lines first name it."""
    return tuple(
        Cite(kb.sources[i].name, kb.sources[i].when, kb.sources[i].url)
        for i in dict.fromkeys(source_ids)
        if i in kb.sources
    )


def _nonsense(kb: KnowledgeBase, parsed: Parsed) -> Answer:
    problems = parsed.errors
    first = problems[0]
    more = f" (and {len(problems) - 1} more below)" if len(problems) > 1 else ""
    return Answer(
        kind="advice",
        answered=False,
        title=TITLE,
        verdict=f"Need more facts: I can't use {first}{more}",
        reason="Fix the value and ask again, e.g. `advise 4 squads, 40 engineers, backlog 50%`.",
        sections=(Section("What I couldn't use", tuple(problems)),) if len(problems) > 1 else (),
        matched=parsed.matched(),
        extra={
            "verdict": NEED_FACTS,
            "facts": {name: fact.as_json() for name, fact in parsed.facts.items()},
            "errors": list(problems),
        },
    )


def _short(kb: KnowledgeBase, source: str) -> str:
    found = kb.sources.get(source)
    return found.short if found else source


def _value(fact: Fact) -> str:
    return f"{LABELS[fact.name]} {fact.show()}"


def _threshold(signal: Signal) -> str:
    return f"{LABELS[signal.fact]} {signal.threshold_text()}"


def _hit_line(kb: KnowledgeBase, hit: Hit, contested: frozenset[str], counted: bool) -> str:
    way = "split" if hit.signal.pushes == "split" else "one person"
    disputed = ", disputed" if hit.signal.id in contested else ""
    if not counted:
        disputed += ", not added twice for one fact"
    note = f": {hit.signal.note}" if hit.signal.note else ""
    if hit.signal.op == "is":
        compared = f"{LABELS[hit.fact.name]}: {hit.fact.show()}"
    else:
        compared = f"{_value(hit.fact)} vs {hit.signal.threshold_text()}"
    return (
        f"{compared} ({_short(kb, hit.signal.source)}) "
        f"→ {way} (weight {hit.signal.weight:g}{disputed}){note}"
    )


def _disagreement_line(kb: KnowledgeBase, d: rules.Disagreement) -> str:
    def names(sigs: tuple[Signal, ...]) -> str:
        return " and ".join(f"{s.threshold_text()} ({_short(kb, s.source)})" for s in sigs)

    effect = (
        "which source you follow changes the answer, so I call it borderline"
        if d.changes_verdict
        else "the verdict is the same either way"
    )
    label = LABELS[d.fact.name]
    if d.kind == "sources":
        missed = f" but not {names(d.missed)}" if d.missed else ""
        return f"{label}: your {d.fact.show()} meets {names(d.met)}{missed}; {effect}."
    effect = (
        "the two ends of your range give different answers, so I call it borderline"
        if d.changes_verdict
        else "the verdict is the same at both ends"
    )
    return f"{label}: your range {d.fact.show()} straddles {names(d.missed)}; {effect}."


def _reason(ev: Evaluation) -> str:
    if not ev.hits:
        return "Nothing you told me yet touches the criteria the articles give."
    return (
        f"Weight of the signals that fired: {ev.split:g} for splitting, {ev.combine:g} for one "
        f"person (a side needs {ev.minimum:g} or more and a lead of {ev.margin:g} to win)."
    )


_NOUNS = {
    "squads": ("squad", "squads"),
    "people": ("person", "people"),
    "engineers": ("engineer", "engineers"),
    "products": ("product", "products"),
    "markets": ("market", "markets"),
    "personas": ("main persona", "main personas"),
}
_FLAGS = {
    ("strategy_suffering", True): "strategic work slipping",
    ("strategy_suffering", False): "strategy in good shape",
    ("technical_founder", True): "a technical founder acting as PM",
    ("technical_founder", False): "no technical founder",
    ("experienced_hybrid", True): "an experienced hybrid in the seat",
    ("experienced_hybrid", False): "no hybrid experience",
}


def _phrase(fact: Fact) -> str:
    """A fact as a sentence says it: "4 squads", "1 product", "50% of the PM's time on backlog"."""
    if fact.name in _NOUNS:
        one, many = _NOUNS[fact.name]
        return f"{fact.show()} {one if fact.show() == '1' else many}"
    if fact.name == "backlog_share":
        return f"{fact.show()} of the PM's time on backlog work"
    if fact.name == "stage":
        return f"the {fact.value} stage"
    return _FLAGS.get((fact.name, fact.value), _value(fact))


def _top(ev: Evaluation, pushes: str) -> list[Hit]:
    hits = [h for h in ev.fired if h.signal.pushes == pushes and h.signal.id not in ev.contested]
    best: dict[str, Hit] = {}
    for hit in sorted(hits, key=lambda h: -h.signal.weight):
        best.setdefault(hit.signal.fact, hit)
    return list(best.values())[:3]


def _list(hits: list[Hit]) -> str:
    items = [_phrase(h.fact) for h in hits]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _verdict_sentence(kb: KnowledgeBase, ev: Evaluation, staffed: bool = False) -> str:
    """`staffed`: the team already has a PM and a PO, so a split verdict says to keep them."""
    splits, combines = _top(ev, "split"), _top(ev, "combine")
    if ev.verdict == SPLIT:
        against = f" That outweighs {_list(combines)}." if combines else ""
        keep = "Keep the roles split" if staffed else "Split the roles"
        return f"{keep}, given {_list(splits)}.{against}"
    if ev.verdict == COMBINE:
        against = f" That outweighs {_list(splits)}." if splits else ""
        return f"One person can do both, given {_list(combines)}.{against}"
    if ev.verdict == BORDERLINE:
        flipping = [d for d in ev.disagreements if d.changes_verdict]
        if flipping:
            d = flipping[0]
            what = "your range straddles" if d.kind == "range" else "you sit between"
            return (
                f"Borderline: on {LABELS[d.fact.name]} ({d.fact.show()}) {what} the sources' "
                "thresholds, and the answer depends on which one you follow."
            )
        return (
            f"Borderline: the case to split ({_list(splits) or 'nothing'}) and the case for one "
            f"person ({_list(combines) or 'nothing'}) are too close to call."
        )
    if not ev.hits:
        return "Need more facts: tell me about the team and I'll weigh it against the articles."
    return "Need more facts: what you told me isn't enough to decide either way."


def _next_steps(
    kb: KnowledgeBase, parsed: Parsed, verdict: str, staffed: bool = False
) -> tuple[str, ...]:
    steps = kb.advice.get("next_steps") or {}
    founder = parsed.facts.get("technical_founder")
    keys: list[str]
    if verdict == SPLIT:
        keys = (
            ["working_together", "anti_patterns"]
            if staffed
            else ["hire_first", "working_together", "anti_patterns"]
        )
        if founder is not None and founder.value is True:
            keys.insert(0, "technical_founder")
    elif verdict == COMBINE:
        keys = ["while_combined"]
    elif verdict == BORDERLINE:
        keys = ["while_combined", "hire_first"]
    else:
        keys = ["need_facts"]
    return tuple(line for key in keys for line in steps.get(key, []))


__all__ = ["advise", "looks_like_advice", "VERDICTS"]
VERDICTS = rules.VERDICTS
