"""Add harvested example questions to the knowledge files, keeping the frozen sets unseen.

Run: .venv/bin/python -m bench.add_examples STAGED.yml [--dry-run]
     .venv/bin/python -m bench.add_examples --audit   (existing examples against the frozen sets)

STAGED.yml is a list of {entry, q, source}: real questions found in public threads, each
filed under the entry that answers it. Each one is appended to that entry's `examples:` in its
own YAML file (the file keeps its layout and comments; a new entry written without the list gets
one before its `verdict:`), unless it
  - names an entry that does not exist, or repeats an example already there;
  - comes from a thread either frozen set (bench/realq_check.yml, bench/realq_fresh2.yml) was
    drawn from, or shares most of its words with one of their questions: the frozen sets
    measure questions pmpo has never seen, so nothing that resembles one may become an example.
Only counts are printed, never a frozen-set question.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from bench.common import FROZEN_SETS, KNOWLEDGE
from bot.kb.loader import load_dir
from bot.textnorm import STOPWORDS, words

TOO_CLOSE = 0.5  # Jaccard overlap of content words with a frozen-set question


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in STOPWORDS and len(w) > 2)


def _thread(source: str) -> str:
    """A thread's identity: its site and number (or Reddit post id), else the source text.

    Sources are written by hand in several forms ("scrum.org/node/45771", "scrum.org forum -
    node/45771 - title", "pm.stackexchange.com - questions/22979", "reddit r/agile 1m21hov"),
    and a thread met under two of them must still count as one."""
    text = source.lower()
    reddit = re.search(r"\breddit\b[^\n]{0,40}?\br/\w+(?:/comments)?[/\s]+([a-z0-9]{5,8})\b", text)
    if reddit and any(ch.isdigit() for ch in reddit.group(1)):
        return f"reddit#{reddit.group(1)}"
    found = re.search(r"([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b[^\d\n]{0,40}?\b(\d{3,})\b", text)
    if found:
        return f"{found.group(1)}#{found.group(2)}"
    return " ".join(text.split())[:80]


def _close(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= TOO_CLOSE


def frozen_cases(paths: tuple[Path, ...] = FROZEN_SETS) -> list[dict]:
    """Every question of the frozen sets that exist (one may not be in a checkout yet)."""
    cases: list[dict] = []
    for path in paths:
        if path.exists():
            cases += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return cases


def audit() -> None:
    """Remove examples already in the knowledge files that are too close to a frozen-set
    question (an earlier harvest may have met the same thread). Prints the count only."""
    check_words = [_content(c["q"]) for c in frozen_cases()]
    removed = 0
    for path in sorted(KNOWLEDGE.glob("*.yml")):
        kept = []
        for line in path.read_text().splitlines(keepends=True):
            m = re.match(r"\s*- (\"(?:[^\"\\]|\\.)*\")\s*$", line)
            if m:
                try:
                    text = json.loads(m.group(1))
                except ValueError:
                    text = ""
                mine = _content(text)
                if text and len(mine) >= 4 and any(_close(mine, c) for c in check_words):
                    removed += 1
                    continue
            kept.append(line)
        path.write_text("".join(kept))
    print(f"{removed} existing examples too close to a frozen set removed (unseen)")


def main() -> None:
    if sys.argv[1:2] == ["--audit"]:
        audit()
        return
    staged = yaml.safe_load(Path(sys.argv[1]).read_text()) or []
    dry = "--dry-run" in sys.argv
    kb = load_dir(KNOWLEDGE).kb
    assert kb is not None
    check = frozen_cases()
    check_threads = {_thread(c.get("source", "")) for c in check}
    check_words = [_content(c["q"]) for c in check]
    have = {e.id: {" ".join(words(x)) for x in e.examples} for e in kb.entries.values()}
    tally: Counter[str] = Counter()
    additions: dict[str, list[str]] = {}
    for item in staged:
        entry, q = item.get("entry"), " ".join(str(item.get("q", "")).split())
        if entry not in kb.entries or not q:
            tally["unknown entry or empty"] += 1
            continue
        key = " ".join(words(q))
        if key in have[entry]:
            tally["already an example"] += 1
            continue
        mine = _content(q)
        if _thread(str(item.get("source", ""))) in check_threads or any(
            _close(mine, theirs) for theirs in check_words
        ):
            tally["too close to a frozen set (dropped unseen)"] += 1
            continue
        have[entry].add(key)
        additions.setdefault(entry, []).append(q)
        tally["added"] += 1
    if not dry:
        # bottom-up within each file, so an insertion never shifts an entry still to come
        order = sorted(additions, key=lambda i: (kb.entries[i].file, -kb.entries[i].line))
        for entry_id in order:
            _append(kb.entries[entry_id].file, kb.entries[entry_id].line, additions[entry_id])
    for what, n in tally.most_common():
        print(f"{n:4d}  {what}")
    print(f"{len(additions)} entries gained examples{' (dry run)' if dry else ''}")


def _append(file: str, line: int, questions: list[str]) -> None:
    """Append to the `examples:` list of the entry that starts at `line` (1-based)."""
    path = KNOWLEDGE / Path(file).name
    lines = path.read_text().splitlines(keepends=True)
    start = line - 1
    i = start + 1
    while i < len(lines) and not re.match(r"\s*-\s+id:", lines[i]):
        if re.match(r"\s*examples:\s*$", lines[i]):
            break
        i += 1
    if i >= len(lines) or not re.match(r"\s*examples:\s*$", lines[i]):
        # A new entry written without examples gets the list, placed before its verdict.
        verdict = next((k for k in range(start + 1, i) if re.match(r"\s*verdict:", lines[k])), None)
        if verdict is None:
            raise SystemExit(f"{path.name}:{line}: entry has no `examples:` list or `verdict:`")
        indent = re.match(r"\s*", lines[verdict]).group(0)
        new = [f"{indent}examples:\n"]
        new += [f"{indent}  - {json.dumps(q, ensure_ascii=False)}\n" for q in questions]
        path.write_text("".join(lines[:verdict] + new + lines[verdict:]))
        return
    j = i + 1
    item_indent = None
    while j < len(lines):
        m = re.match(r"(\s*)- ", lines[j])
        if m and (item_indent is None or len(m.group(1)) == item_indent):
            item_indent = len(m.group(1))
            j += 1
            continue
        if item_indent is not None and lines[j].startswith(" " * (item_indent + 2)):
            j += 1  # a folded continuation line of the previous item
            continue
        break
    pad = " " * (item_indent if item_indent is not None else 6)
    new = [f"{pad}- {json.dumps(q, ensure_ascii=False)}\n" for q in questions]
    path.write_text("".join(lines[:j] + new + lines[j:]))


if __name__ == "__main__":
    main()
