"""'How much does a PO make?': "make" asked of a person is pay (and a "than" that is not).

The commonest way to ask about pay names no pay word: "how much does a product owner make?",
"what do PMs make in London?". Read word by word, "make" is the verb of "make decisions" and
"make sense", so the salary entry lost these to whichever entry's texts use "make" most: the
first was asked back, and the skills entry answered "What does a PM make in London?" (p 0.87)
and "What does a product owner make?". The frame gives it away: "how much" or "what", a form of
"do", the one it is asked of, then "make" with nothing after it but when or where ("per year",
"a year", "in the US", "these days", "compared to a PM"). There it is read as "earn", a salary
word. "What does a PO make decisions about?", "what does a PM make a decision on?" and "how
much difference does a PM make?" keep it.
"""

from __future__ import annotations

_MAKE = frozenset("make makes".split())
_DO = frozenset("do does did would will can could should might may".split())
# the word just before "do": "what does...", "how much (money) does..."
_ASKING = frozenset("what wat much money".split())
_AFTER = frozenset(
    "in at on these this nowadays today now annually yearly monthly hourly typically usually "
    "normally roughly approximately compared vs versus than there here over after as with "
    "starting".split()
)
# "make a year", "make per hour", not "make a decision"
_PER = frozenset("a an per".split())
_SPAN = frozenset("year yr annum month week day hour".split())
_SUBJECT = 6  # words between "does" and "make": "a senior product owner in Berlin"
PAY_WORD = "earn"  # a variant of the salary term (knowledge/synonyms.yml)
# "than the developers" sets pay against the Developers' (synonyms.yml), but no "than" up to
# three words after these compares pay: "can the PO be on a different team than the
# developers?" was answered with PO pay beside developer pay (p 0.93)
_NOT_COMPARED = frozenset("different differently other rather".split())


def pay_words(raw: list[str]) -> list[str]:
    """The question's words with a "make" that asks about pay read as "earn", and without a
    "than" that compares nothing ("other than", "rather than", "different than")."""
    if "than" in raw:
        raw = [
            w
            for i, w in enumerate(raw)
            if w != "than" or _NOT_COMPARED.isdisjoint(raw[max(0, i - 3) : i])
        ]
    if _MAKE.isdisjoint(raw):
        return raw
    out = list(raw)
    for i, word in enumerate(raw):
        if word not in _MAKE or not _ends_in_when_or_where(raw[i + 1 : i + 3]):
            continue
        start = max(0, i - _SUBJECT - 1)
        do = next((j for j in range(i - 2, start - 1, -1) if raw[j] in _DO), None)
        if do is None or do == 0 or raw[do - 1] not in _ASKING:
            continue
        if raw[do - 1] not in ("what", "wat") and "how" not in raw[max(0, do - 3) : do - 1]:
            continue  # "much" or "money" only after "how": not "so much does it make"
        out[i] = PAY_WORD
    return out


def _ends_in_when_or_where(after: list[str]) -> bool:
    """Nothing after "make", or a time or place: "per year", "in the US", not "decisions"."""
    if not after:
        return True
    if after[0] in _PER:
        return len(after) > 1 and after[1] in _SPAN
    return after[0] in _AFTER
