"""`pmpo console`: an interactive prompt that answers as the bot would.

It behaves like a terminal program: line editing and history (the standard library's
`readline`, so arrow keys and Ctrl-R work and history survives between sessions), Ctrl-C and
Ctrl-D leave quietly, and escape sequences pasted into a line (arrow keys in a terminal without
readline, colours copied from another program) are stripped before the question is read.
Answers are short; `more` shows the last one in full, and after a "Did you mean…" or a
decline with choices, typing `1`, `2` or `3` answers that choice.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot import regex_store
from bot.answer import Answer, choice_value
from bot.answering import answer_value
from bot.matcher import Index
from bot.render import brief, plain

PROMPT = "pmpo> "
HISTORY_LENGTH = 1000
WELCOME = (
    "pmpo console: ask as you would in Slack. `help` lists what I answer, `more` shows the "
    "last answer in full, `exit` or Ctrl-D leaves."
)
MORE_HINT = "(`more` for the full answer)"
CONSOLE_HELP = (
    "\n\nIn this console:\n"
    "  • `more` shows the last answer in full\n"
    '  • `1`, `2`, `3` pick a choice after "Did you mean…"\n'
    "  • `exit` (or Ctrl-D, Ctrl-C) leaves; arrow keys recall earlier questions"
)
EXIT_WORDS = frozenset({"exit", "quit", ":q"})
# CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), other two-byte escapes, and C1 CSI
_ESCAPES = regex_store.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROL = regex_store.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(line: str) -> str:
    """The typed question without terminal escape sequences or control characters."""
    return _CONTROL.sub("", _ESCAPES.sub("", line)).strip()


def history_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "pmpo" / "console_history"


def console(index: Index, stdin: TextIO, stdout: TextIO) -> int:
    interactive = stdin.isatty() and stdout.isatty()
    read = _readline_input(stdout) if interactive and stdin is sys.stdin else None
    if interactive:
        print(WELCOME, file=stdout, flush=True)
    session = Session(index)
    try:
        while True:
            line = read() if read else _plain_input(stdin, stdout, interactive)
            if line is None:  # Ctrl-D / end of input
                if interactive:
                    print(file=stdout, flush=True)
                return 0
            text = clean(line)
            if text.lower() in EXIT_WORDS:
                return 0
            if not text and not interactive:
                continue
            print(session.reply(text), file=stdout)
            print(file=stdout, flush=True)
    except KeyboardInterrupt:  # Ctrl-C, at the prompt or mid-answer: leave, no traceback
        print(file=stdout, flush=True)
        return 0
    finally:
        _save_history()


class Session:
    """What the console remembers between lines: the last answer, for `more` and `1`/`2`/`3`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.last: Answer | None = None

    def reply(self, text: str) -> str:
        if text.lower() in ("more", "more detail", "full"):
            if self.last is None:
                return "Nothing to expand yet: ask a question first."
            return plain.render(self.last)
        choices = self.last.suggestions if self.last and not self.last.answered else ()
        if text.isdigit() and choices:
            if not 1 <= int(text) <= len(choices):
                return f"Pick a number from 1 to {len(choices)}, or ask something else."
            text = choice_value(choices[int(text) - 1])
        self.last = answer_value(self.index, text)
        shown = plain.short(self.last)
        if (
            self.last.kind == "help"
            and self.last.sections[:1]
            and self.last.sections[0].heading == "Try"
        ):
            shown += CONSOLE_HELP
        elif self.last.suggestions and not self.last.answered:
            shown += f"\n(type 1 to {len(self.last.suggestions)} to pick)"
        elif brief.has_more(self.last):
            shown += f"\n{MORE_HINT}"
        return shown


def _plain_input(stdin: TextIO, stdout: TextIO, interactive: bool) -> str | None:
    if interactive:
        print(PROMPT, end="", file=stdout, flush=True)
    line = stdin.readline()
    return line if line else None


def _readline_input(stdout: TextIO) -> Callable[[], str | None] | None:
    """`input()` with GNU readline editing and a history file; None when readline is absent."""
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it: plain lines still work
        return None
    with contextlib.suppress(OSError):  # no history yet, or an unreadable one
        readline.read_history_file(history_file())
    readline.set_history_length(HISTORY_LENGTH)

    def read() -> str | None:
        try:
            return input(PROMPT)
        except EOFError:
            return None

    return read


def _save_history() -> None:
    if "readline" not in sys.modules:
        return
    import readline

    path = history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)
    except OSError:  # a read-only home is no reason to fail on the way out
        pass
