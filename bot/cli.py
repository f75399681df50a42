"""`pmpo`: the offline command. Answers exactly as the bot does, without Slack.

The one-shot commands never import slack-bolt: a cold `pmpo ask` should take tens of
milliseconds, and Bolt alone costs ~180 ms to import. Only `pmpo run` touches Slack.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot import regex_store
from bot.answer import Answer
from bot.answering import answer_text
from bot.kb import cache
from bot.kb.model import KnowledgeBase
from bot.kbdir import knowledge_dir
from bot.matcher import Index
from bot.render import brief, jsonout, plain

USAGE = """\
usage: pmpo [--full] <question or subcommand>
  pmpo whois-owns roadmap | define po | compare | topics | help | advise 3 squads, 30 people
  pmpo "who writes acceptance criteria?"
  pmpo ask [--json] [QUESTION]     no QUESTION: one question per stdin line (--json: JSON Lines)
  pmpo console                      interactive prompt (`more` expands the last answer)
  pmpo kb check [DIR]               validate knowledge files (exit 1 on errors)
  pmpo kb export --json             every entry as JSON
  pmpo gaps [--json] [--days N]     what pmpo could not answer, grouped (admins)
  pmpo gaps --yaml GROUP            a YAML snippet for one group (its id or rank)
  pmpo gaps --purge                 forget every logged question, vote and count
  pmpo run                          start the Slack bot (needs .env), else the console
options: --kb DIR (or PMPO_KNOWLEDGE_DIR) picks the knowledge directory
         --full prints the whole answer (answers are short by default, as in Slack)"""
MORE_HINT = "(add --full for the whole answer)"
ASK_HINT = 'pmpo ask: needs a question, e.g. pmpo ask "who writes user stories?"'


def _load(directory: Path, err: TextIO) -> KnowledgeBase | None:
    from bot.kb.loader import load_dir  # YAML and schema code: only when the cache misses

    result = load_dir(directory)
    if result.kb is None:
        for problem in result.errors:
            print(problem, file=err)
        print(
            f"pmpo: the knowledge base in {directory} did not load; fix the lines above "
            "(`pmpo kb check` re-runs the check)",
            file=err,
        )
    return result.kb


def _index(directory: Path, err: TextIO) -> Index | None:
    """The checked, indexed knowledge base: from the on-disk cache when nothing changed."""
    regex_store.keep_compiled()  # the compiled patterns are cached beside the index
    index = cache.load(directory)
    if index is None:
        kb = _load(directory, err)
        if kb is None:
            return None
        index = Index(kb)
        cache.store(directory, index)
    return index


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `pmpo ... | head`: the reader left; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # `pmpo ask ... > file` on a full disk: say so in one line
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or exc.filename:
            raise  # not the output's room: a real fault, with its traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"pmpo: could not write the output: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C before the console's prompt: no traceback
        print(file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    kb_dir: str | None = None
    if "--kb" in args:
        at = args.index("--kb")
        if at + 1 >= len(args):
            print("pmpo: --kb needs a directory", file=sys.stderr)
            return 2
        kb_dir = args[at + 1]
        del args[at : at + 2]
    directory = knowledge_dir(kb_dir)
    full = "--full" in args
    args = [a for a in args if a != "--full"]
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    head = args[0]
    if head != "gaps" and args[1:] in (["-h"], ["--help"]):  # gaps has argparse's own help
        print(USAGE)  # `pmpo run --help` must not start the bot
        return 0
    if head == "kb":
        return _kb(args[1:], directory)
    if head == "gaps":
        from bot.gaps.cli import main as gaps_main  # SQLAlchemy only when asked for

        return gaps_main(args[1:], directory, lambda: _index(directory, sys.stderr))
    if head == "run":
        from bot.run import main as run_main  # imports Slack only when asked to

        return run_main(directory)
    index = _index(directory, sys.stderr)
    if index is None:
        return 1
    if head == "console":
        from bot.console import console  # readline and the prompt: not for one-shot asks

        return console(index, sys.stdin, sys.stdout)
    if head == "ask":
        rest = args[1:]
        as_json = "--json" in rest
        rest = [a for a in rest if a != "--json"]
        if not rest:
            return _ask_each_line(index, as_json, full)
        result = answer_text(index, "ask " + " ".join(rest))
        print(jsonout.dumps(result) if as_json else _text(result, full))
        return 0
    print(_text(answer_text(index, " ".join(args)), full))
    return 0


def _ask_each_line(index: Index, as_json: bool, full: bool) -> int:
    """`pmpo ask` with no question: one question per stdin line, so a file of questions can be
    piped in. JSON keeps one line out per line in, blank ones too, for scripts that zip the two;
    text skips blank lines and parts answers with one. At a terminal nothing is piped in, and
    waiting on it would look like a hang."""
    if sys.stdin.isatty():
        print(ASK_HINT, file=sys.stderr)
        return 2
    first = True
    for line in sys.stdin:
        question = line.strip()
        if as_json:
            print(jsonout.dumps(answer_text(index, question)), flush=True)
        elif question:
            print(("" if first else "\n") + _text(answer_text(index, "ask " + question), full))
            first = False
    return 0


def _text(answer: Answer, full: bool) -> str:
    if full or not brief.has_more(answer):
        return plain.render(answer, full=full)
    return f"{plain.short(answer)}\n{MORE_HINT}"


def _kb(args: list[str], directory: Path) -> int:
    from bot.kb.loader import load_dir

    if args[:1] == ["check"]:
        target = Path(args[1]) if len(args) > 1 else directory
        result = load_dir(target)
        for problem in result.warnings:
            print(f"{problem} (warning)")
        for problem in result.errors:
            print(problem)
        if result.kb is None:
            print(f"{len(result.errors)} error(s); the knowledge base would not load")
            return 1
        print(
            f"ok: {len(result.kb.entries)} entries, {len(result.kb.sources)} sources, "
            f"{len(result.warnings)} warning(s)"
        )
        return 0
    if args[:1] == ["export"]:
        kb = _load(directory, sys.stderr)
        if kb is None:
            return 1
        from bot.answering import entry_answer

        entries = [
            {
                "id": e.id,
                "kind": e.kind,
                "title": e.title,
                "text": plain.render(entry_answer(kb, e)),
                "keywords": [*e.keywords, *e.aliases],
                "examples": list(e.examples),
            }
            for e in kb.entries.values()
        ]
        print(json.dumps({"entries": entries}, ensure_ascii=False, indent=None))
        return 0
    print("usage: pmpo kb check [DIR] | pmpo kb export --json", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
