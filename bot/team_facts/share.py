"""The backlog share: how much of the PM's time goes to backlog work ("half her time grooming").

A share counts only when backlog work is the nearest topic in its sentence, so "30% on
strategy" is not read as time on the backlog.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bot import regex_store

if TYPE_CHECKING:
    from bot.team_facts.reader import Reader

_FRACTIONS = {
    "half": 50.0,
    "third": 100 / 3,
    "quarter": 25.0,
    "fifth": 20.0,
    "tenth": 10.0,
}
_SHARE = regex_store.compile(
    r"(?<![\w.])(?P<pa>-?\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(?P<pb>\d+(?:\.\d+)?))?\s*(?:%|percent\b|"
    r"per\s+cent\b|pct\b)"
    r"|(?<![\w/])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\w/])"
    r"|\b(?P<word>(?:(?:a|an|one|two|three|four|1|2|3|4)\s+)?(?:half|thirds?|quarters?|fifths?|"
    # "all the time" is "constantly", not a share of anyone's week
    r"tenths?)|most|almost\s+all|nearly\s+all|all(?!\s+the\s+time\b)|the\s+majority|"
    r"hardly\s+any|little)"
    r"(?=\s+(?:of\s+)?(?:her|his|their|the|my|our|pm's|its|a)?\s*(?:time|week|day|days|hours|"
    r"working|calendar|capacity|energy|bandwidth)|\s+(?:of\s+)?(?:her|his|their|my|the\s+pm's)\b)",
    re.I,
)
_WORD_SHARE = {
    "most": 75.0,
    "almost all": 90.0,
    "nearly all": 90.0,
    "all": 100.0,
    "the majority": 75.0,
    "hardly any": 10.0,
    "little": 10.0,
}


@lru_cache(maxsize=1)
def _topics() -> tuple[tuple[re.Pattern[str], bool], ...]:
    """Words of backlog work (True) and of strategy (False); compiled once a share is found."""
    backlog = regex_store.compile(
        r"\b(?:backlog|groom|refine|refinement|stor(?:y|ies)|tickets?|jira|sprint|standups?|"
        r"acceptance\s+criteria|delivery|execution|po\s+work|scrum|planning|specs?|requirements)"
        r"\w*",
        re.I,
    )
    strategy = regex_store.compile(
        r"\b(?:strateg|discovery|roadmap|research|customers?|interviews?|vision|market)\w*", re.I
    )
    return (backlog, True), (strategy, False)


def word_share(word: str) -> float | None:
    word = word.strip()
    if word in _WORD_SHARE:
        return _WORD_SHARE[word]
    match = re.fullmatch(
        r"(?:(?P<n>a|an|one|two|three|four|1|2|3|4)\s+)?(?P<d>half|third|quarter|fifth|tenth)s?",
        word,
    )
    if not match:
        return None
    count = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(match["n"] or "a")
    if count is None:
        count = int(match["n"])
    return round(min(count * _FRACTIONS[match["d"]], 100.0), 1)


def _about_backlog(sentence: str, start: int, end: int) -> bool:
    """Is the nearest topic word to this share about backlog work rather than strategy?

    Words after the share count double ("70% on the backlog"), so "30% on strategy and 70% on
    the backlog" reads each share with its own topic.
    """
    window_start, window_end = max(0, start - 70), min(len(sentence), end + 70)
    best: tuple[float, bool] | None = None
    for pattern, is_backlog in _topics():
        for word in pattern.finditer(sentence, window_start, window_end):
            if word.start() >= end:
                distance: float = (word.start() - end) / 2
            else:
                distance = start - word.end()
            if best is None or distance < best[0]:
                best = (distance, is_backlog)
    return bool(best and best[1])


def read(reader: Reader) -> None:
    """The share pass: a share counts only in a sentence about backlog work."""
    for sentence in re.finditer(r"[^.;!?\n]+", reader.text):
        body = sentence.group()
        for match in _SHARE.finditer(body):
            if not _about_backlog(body, match.start(), match.end()):
                continue
            start, end = sentence.start() + match.start(), sentence.start() + match.end()
            said = " ".join(reader.original[start:end].split())
            if match["pa"] is not None:
                low = float(match["pa"])
                high = float(match["pb"]) if match["pb"] else low
                reader.share(low, high, said)
            elif match["num"] is not None:
                den = float(match["den"])
                if den == 0:
                    reader.error(said, "that fraction divides by zero.")
                    continue
                value = float(match["num"]) / den * 100
                reader.share(value, value, said)
            else:
                value = word_share(" ".join(match["word"].lower().split()))
                if value is not None:
                    reader.share(value, value, said)
            reader.consume(start, end)
