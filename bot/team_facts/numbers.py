"""Numbers as people type them: digits ("1,200", "1.5k"), words ("twenty-five", "a dozen").

The number pattern is embedded in every counting pattern, and its alternation of 33 number
words made compiling those patterns cost ~50 ms. `num_pattern(words)` builds it with only the
number words that occur in the text at hand (`words_in`): a word that occurs nowhere cannot
match anywhere, so the smaller pattern matches exactly what the full one would, and a text
without number words compiles a pattern for digits alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_TENS.pop("_")
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# longest first, so "seventeen" is tried before "seven"
WORDS = tuple(sorted([*_SMALL, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?k?"


# Besides the number words, the words of the number and quantity patterns' other branches
# ("a couple of", "between 10 and 15"): a text without them compiles neither branch.
OTHER_WORDS = ("couple", "between")
_ALL = tuple(sorted([*WORDS, *OTHER_WORDS], key=len, reverse=True))


def words_in(text: str) -> tuple[str, ...]:
    """The words of `WORDS` and `OTHER_WORDS` that match somewhere in `text` (`re.I`)."""
    if text.isascii():  # for ASCII, `re.I` equality is `lower()` equality
        lowered = text.lower()
        return tuple(w for w in _ALL if w in lowered)
    # `re.I` also folds a few other letters into ASCII ones ("ſ" is "s"). At one place the
    # words that match are prefixes of one another ("seventeen", "seven"): the alternation
    # reports the longest.
    longest = {_ALL[m.lastindex - 1] for m in _starts().finditer(text) if m.lastindex}
    return tuple(w for w in _ALL if any(found.startswith(w) for found in longest))


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    return re.compile("(?=" + "|".join(f"({w})" for w in _ALL) + ")", re.I)


def num_pattern(words: tuple[str, ...] = _ALL) -> str:
    """A number, signed or not, in digits or in words: only the branches `words` can match
    (all of them by default)."""
    branches = []
    if "couple" in words:
        branches.append(r"a\s+couple(?:\s+of)?")
    if "dozen" in words:
        branches.append(r"half\s+a\s+dozen")
    if numbers := "|".join(w for w in WORDS if w in words):
        branches.append(
            r"(?:an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
            rf"(?:{numbers})(?:(?:\s+|-)(?:and\s+)?(?:{numbers}))*"
        )
    spelled = rf"|(?:{'|'.join(branches)})(?![a-z])" if branches else ""
    return rf"(?:(?:-\s?|minus\s+|negative\s+)?(?:{_DIGITS}{spelled}))"


NUM = num_pattern()


# The four non-ASCII letters `re.I` matches as ASCII ones ("ſix" matches "six"): the patterns
# find them, so the word table must read them too (test_numbers checks the list is complete).
RE_I_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def to_number(token: str) -> float:
    """`"twenty-five"` → 25, `"1,200"` → 1200, `"1.5k"` → 1500, `"-3"` → -3, `"a dozen"` → 12."""
    text = token.strip().translate(RE_I_ASCII).lower()
    sign = 1
    for prefix in ("minus ", "negative ", "-"):
        if text.startswith(prefix):
            sign, text = -1, text[len(prefix) :].strip()
    if text[0].isdigit():
        mult = 1000 if text.endswith("k") else 1
        return sign * float(text.rstrip("k").replace(",", "")) * mult
    if text.startswith("a couple"):
        return sign * 2
    if text == "half a dozen":
        return sign * 6
    total = current = 0
    for word in re.split(r"[\s-]+", text):
        if word in ("a", "an", "and", ""):
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[word]
            current = 0
    return sign * float(total + current)
