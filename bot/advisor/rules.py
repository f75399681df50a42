"""Signals from `knowledge/advice.yml` + a team's facts → a verdict with its reasons.

How the verdict is reached (the numbers come from the file's `decision:`):

* Every signal whose fact is known either fires or not; a range ("10-15 people") that lands on
  both sides of a threshold *straddles* it.
* split = total weight of fired split signals, combine = the same for combine; several sources
  agreeing on one fact count once, at the heaviest weight.
  Under `minimum` on both sides → "need more facts"; one side ahead by `margin` or more →
  "split the roles" / "one person can do both"; otherwise "borderline".
* Two signals on one fact pushing the same way with different thresholds are two sources
  disagreeing (people < 15 vs < 20; backlog > 40% vs > 60%). A team that meets one and not the
  other is *between* them. The verdict is worked out both ways (believing the lenient source and
  the strict one) and at both ends of every range; if the answers differ it is "borderline".
* Follow-up questions: the missing facts (in the file's `questions:` order) for which some
  plausible value would change the verdict; at most two.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from bot.team_facts import BOUNDS, LABELS, NUMERIC, ORDER, STAGES, Fact

SPLIT = "split the roles"
COMBINE = "one person can do both"
BORDERLINE = "borderline"
NEED_FACTS = "need more facts"
VERDICTS = (COMBINE, SPLIT, BORDERLINE, NEED_FACTS)

DEFAULT_MINIMUM = 3.0
DEFAULT_MARGIN = 3.0
MAX_FOLLOW_UPS = 2

_OPS = {
    "<": lambda v, t: v < t,
    "<=": lambda v, t: v <= t,
    ">": lambda v, t: v > t,
    ">=": lambda v, t: v >= t,
    "==": lambda v, t: v == t,
    "is": lambda v, t: v == t,
}
_OP_TEXT = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "is": ""}


class Signal(NamedTuple):
    """One rule of the weighing in `advice.yml`: fact, threshold, the side it pushes, its weight
    and its source."""

    id: str
    fact: str
    measures: str
    op: str
    threshold: float | bool | str
    pushes: str
    weight: float
    source: str
    note: str = ""

    def threshold_text(self) -> str:
        if isinstance(self.threshold, bool):
            return "yes" if self.threshold else "no"
        if isinstance(self.threshold, str):
            return self.threshold
        unit = "%" if self.fact == "backlog_share" else ""
        number = int(self.threshold) if self.threshold == int(self.threshold) else self.threshold
        return f"{_OP_TEXT[self.op]} {number}{unit}".strip()


class Hit(NamedTuple):
    """A signal held against the team's fact, kept so that the answer can list what fired."""

    signal: Signal
    fact: Fact
    state: str  # "fired", "quiet" or "straddles"


class Disagreement(NamedTuple):
    """Sources' thresholds (or a range) that put the team on both sides: shown, as it may change
    the verdict."""

    fact: Fact
    kind: str  # "sources": between two sources' thresholds; "range": a range straddles one
    met: tuple[Signal, ...]
    missed: tuple[Signal, ...]
    changes_verdict: bool


class Evaluation(NamedTuple):
    """The whole weighing, so that the answer shows its reasons and follow-up questions, not
    only a verdict."""

    verdict: str
    split: float
    combine: float
    hits: tuple[Hit, ...]
    disagreements: tuple[Disagreement, ...]
    follow_ups: tuple[str, ...]  # fact names, most useful first
    minimum: float
    margin: float
    counted: frozenset[str] = frozenset()  # ids of the fired signals `split` and `combine` add

    @property
    def fired(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.state == "fired")

    @property
    def contested(self) -> frozenset[str]:
        """Signal ids whose firing depends on which source (or which end of a range) you take."""
        ids: set[str] = set()
        for d in self.disagreements:
            ids.update(s.id for s in (d.met if d.kind == "sources" else d.missed))
        return frozenset(ids)


def signals(advice: Mapping[str, Any]) -> tuple[Signal, ...]:
    return tuple(
        Signal(
            id=s["id"],
            fact=s["fact"],
            measures=s["measures"],
            op=s["op"],
            threshold=s["threshold"],
            pushes=s["pushes"],
            weight=float(s["weight"]),
            source=s["source"],
            note=s.get("note", ""),
        )
        for s in advice.get("signals", [])
    )


def _fires(signal: Signal, value: float | bool | str) -> bool:
    threshold = signal.threshold
    if signal.op == "is" or isinstance(threshold, bool | str):
        return value == threshold and type(value) is type(threshold)
    if isinstance(value, bool | str):
        return False
    return bool(_OPS[signal.op](value, threshold))


def _state(signal: Signal, fact: Fact) -> str:
    if fact.is_range and fact.high is not None:
        low, high = _fires(signal, fact.value), _fires(signal, fact.high)
        if low != high:
            return "straddles"
        return "fired" if low else "quiet"
    return "fired" if _fires(signal, fact.value) else "quiet"


def decide(split: float, combine: float, minimum: float, margin: float) -> str:
    if max(split, combine) < minimum or (split == 0 and combine == 0):
        return NEED_FACTS
    if split - combine >= margin:
        return SPLIT
    if combine - split >= margin:
        return COMBINE
    return BORDERLINE


def _point_weights(
    sigs: Iterable[Signal], values: Mapping[str, float | bool | str]
) -> list[tuple[Signal, bool]]:
    return [(s, _fires(s, values[s.fact])) for s in sigs if s.fact in values]


def _between(states: list[tuple[Signal, bool]]) -> set[str]:
    """Fired signals whose same-fact, same-direction sibling (another threshold) did not fire."""
    groups: dict[tuple[str, str], list[tuple[Signal, bool]]] = {}
    for signal, fired in states:
        if signal.op != "is":
            groups.setdefault((signal.fact, signal.pushes), []).append((signal, fired))
    contested: set[str] = set()
    for members in groups.values():
        if any(f for _, f in members) and not all(f for _, f in members):
            contested.update(s.id for s, f in members if f)
    return contested


def _counted(states: list[tuple[Signal, bool]], skip: set[str]) -> dict[str, Signal]:
    """The fired signals the weights add, by id. Sources agreeing on one fact count once (the
    heaviest, the first listed on a tie), so "12 people" is one reason to combine even though
    Boundev and Adair both say so."""
    best: dict[tuple[str, str], Signal] = {}
    for signal, fired in states:
        key = (signal.fact, signal.pushes)
        if (
            fired
            and signal.id not in skip
            and (key not in best or signal.weight > best[key].weight)
        ):
            best[key] = signal
    return {signal.id: signal for signal in best.values()}


def _totals(states: list[tuple[Signal, bool]], skip: set[str]) -> tuple[float, float]:
    """Weights per direction, each fact counted once (`_counted`)."""
    counted = _counted(states, skip).values()
    split = sum(s.weight for s in counted if s.pushes == "split")
    combine = sum(s.weight for s in counted if s.pushes == "combine")
    return split, combine


def _scenarios(facts: Mapping[str, Fact]) -> list[dict[str, float | bool | str]]:
    """Every combination of range ends; a single scenario when no fact is a range."""
    names = list(facts)
    choices = [
        [facts[n].value, facts[n].high] if facts[n].is_range else [facts[n].value] for n in names
    ]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*choices)]


def _possible(
    sigs: tuple[Signal, ...], facts: Mapping[str, Fact], minimum: float, margin: float
) -> set[str]:
    verdicts: set[str] = set()
    for values in _scenarios(facts):
        states = _point_weights(sigs, values)
        contested = _between(states)
        verdicts.add(decide(*_totals(states, set()), minimum, margin))
        verdicts.add(decide(*_totals(states, contested), minimum, margin))
    return verdicts


def _verdict(
    sigs: tuple[Signal, ...], facts: Mapping[str, Fact], minimum: float, margin: float
) -> str:
    possible = _possible(sigs, facts, minimum, margin)
    return possible.pop() if len(possible) == 1 else BORDERLINE


def evaluate(advice: Mapping[str, Any], facts: Mapping[str, Fact]) -> Evaluation:
    sigs = signals(advice)
    decision = advice.get("decision", {}) or {}
    minimum = float(decision.get("minimum", DEFAULT_MINIMUM))
    margin = float(decision.get("margin", DEFAULT_MARGIN))

    hits = tuple(Hit(s, facts[s.fact], _state(s, facts[s.fact])) for s in sigs if s.fact in facts)
    verdict = _verdict(sigs, facts, minimum, margin)
    certain = [(h.signal, h.state == "fired") for h in hits if h.state != "straddles"]
    split, combine = _totals(certain, set())

    disagreements: list[Disagreement] = []
    between = _between(certain)
    for name in ORDER:
        fact = facts.get(name)
        if fact is None:
            continue
        mine = [h for h in hits if h.signal.fact == name]
        met = tuple(h.signal for h in mine if h.signal.id in between)
        if met:
            missed = tuple(
                h.signal
                for h in mine
                if h.state == "quiet" and h.signal.pushes == met[0].pushes and h.signal.op != "is"
            )
            met_ids = {m.id for m in met}
            flips = decide(*_totals(certain, set()), minimum, margin) != decide(
                *_totals(certain, met_ids), minimum, margin
            )
            disagreements.append(Disagreement(fact, "sources", met, missed, flips))
        straddled = tuple(h.signal for h in mine if h.state == "straddles")
        if straddled and fact.high is not None:
            held = tuple(h.signal for h in mine if h.state == "fired")
            ends = {
                _verdict(sigs, {**facts, name: Fact(name, end, end, fact.said)}, minimum, margin)
                for end in (fact.value, fact.high)
            }
            disagreements.append(Disagreement(fact, "range", held, straddled, len(ends) > 1))

    follow_ups = pivotal_facts(sigs, facts, verdict, advice.get("questions") or {}, minimum, margin)
    return Evaluation(
        verdict=verdict,
        split=split,
        combine=combine,
        hits=hits,
        disagreements=tuple(disagreements),
        follow_ups=follow_ups,
        minimum=minimum,
        margin=margin,
        counted=frozenset(_counted(certain, set())),
    )


def _candidates(name: str, sigs: tuple[Signal, ...], facts: Mapping[str, Fact]) -> list[Fact]:
    """Plausible values for a missing fact: each side of every threshold that reads it."""
    if name in NUMERIC:
        low_bound, high_bound = BOUNDS[name]
        if name == "people":  # everyone counts, engineers included
            for other in ("engineers", "squads"):
                if other in facts:
                    low_bound = max(low_bound, int(facts[other].value))
        if name in ("engineers", "squads") and "people" in facts:
            high_bound = min(high_bound, int(facts["people"].high or facts["people"].value))
        values: set[float] = set()
        for s in sigs:
            if s.fact == name and not isinstance(s.threshold, bool | str):
                t = float(s.threshold)
                values.update({t - 1, t, t + 1})
        return [Fact(name, v, v, "") for v in sorted(values) if low_bound <= v <= high_bound]
    if name == "stage":
        return [Fact(name, stage, None, "") for stage in STAGES]
    return [Fact(name, True, None, ""), Fact(name, False, None, "")]


def pivotal_facts(
    sigs: tuple[Signal, ...],
    facts: Mapping[str, Fact],
    verdict: str,
    questions: Mapping[str, str],
    minimum: float,
    margin: float,
) -> tuple[str, ...]:
    """Missing facts that could change the verdict, in the order the questions are listed."""
    read = {s.fact for s in sigs}
    order = [n for n in questions if n in read] + [
        n for n in ORDER if n in read and n not in questions
    ]
    found: list[str] = []
    for name in order:
        if name in facts:
            continue
        for candidate in _candidates(name, sigs, facts):
            if _verdict(sigs, {**facts, name: candidate}, minimum, margin) != verdict:
                found.append(name)
                break
        if len(found) == MAX_FOLLOW_UPS:
            break
    return tuple(found)


def label(name: str) -> str:
    return LABELS.get(name, name)
