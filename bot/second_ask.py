"""The other question in a message that asks two: "who writes the stories and who orders them?".

The matcher picks one entry for the whole message, so the second ask went unanswered without
a word: the asker could not tell it had been missed. Each ask is now matched on its own, and
an ask that one entry answers confidently, other than the one the reply is about, gets its
verdict in one line under the answer, with the command that gives the rest. Only confident
answers: a second ask that is doubtful adds nothing rather than a guess.
"""

from __future__ import annotations

import re

from bot import regex_store
from bot.answer import Also, Answer, cite, suggestion
from bot.matcher import Index
from bot.textnorm import words

# where a second question starts: "…stories and who orders them", "…PM? And which pays more".
# Only after "and", "also"…: a question mark alone more often ends a question that the next
# sentence restates ("Who approves stories? Like, who says a story is accepted?") or a
# fragment ("The PO or QA?").
_ASKING = (
    # "what about a PO?" and "which ones…" lean on the first question; "should not be done"
    # continues it
    r"(?:who|whose|what(?!\s+about)|which(?!\s+ones\b)|how(?!\s+about)|when|where|why|"
    r"(?:is|are|does|do|should|can|could|would|will)\s+(?:the|a|an|our|my|your|their|this|"
    r"that|it|they|we|i|you|he|she|po|pm|pos|pms|product|scrum|one|each|every|there)\b)"
)
_SPLIT = regex_store.compile(
    r"(?:\?\s*|[,;]\s*|\s+)(?:and|but|also|plus|&)\s+(?:also\s+|if\s+so,?\s+|then\s+)?"
    rf"(?={_ASKING})|;\s*(?={_ASKING})",  # "…the roadmap; who owns the vision?"
    re.IGNORECASE,
)
_ASKS = regex_store.compile(_ASKING, re.IGNORECASE)
_SENTENCE_END = regex_store.compile(r"[.!?]\s+")
MIN_WORDS = 3  # "and why?" asks nothing of its own
MAX_ASKS = 4  # a longer list is a story, not questions
KINDS = ("ownership", "role", "compare", "faq")


def asks(text: str) -> list[str]:
    """The separate questions in `text`, each with enough words to stand alone."""
    first, *rest = _SPLIT.split(text)
    # the first ask is the last sentence before the split, when that sentence asks: "We're a
    # consultancy. The PO writes the stories, but should…" has no first question
    first = _SENTENCE_END.split(first.strip())[-1]
    parts = [first] if _ASKS.match(first) else []
    parts += [p.strip(" ?.,;") for p in rest]
    return [p.strip(" ?.,;") for p in parts if len(words(p)) >= MIN_WORDS]


def with_second_ask(index: Index, text: str, found: Answer) -> Answer:
    """`found`, with a line for each other ask that another entry answers confidently."""
    if not found.answered or found.kind not in KINDS:
        return found
    parts = asks(text)
    if not 2 <= len(parts) <= MAX_ASKS:
        return found
    shown = {found.id}
    also: list[Also] = []
    for part in parts:
        match = index.match(part)
        entry = match.entry
        if match.outcome != "answer" or entry is None or entry.id in shown:
            continue
        if entry.kind not in KINDS:
            continue
        shown.add(entry.id)
        cites = tuple(cite(index.kb.sources[s]) for s in entry.sources if s in index.kb.sources)
        also.append(Also(part, entry.id, entry.title, entry.verdict, suggestion(entry).command))
        sources = found.sources + tuple(c for c in cites if c not in found.sources)
        found = found._replace(sources=sources)
    return found._replace(also=tuple(also)) if also else found
