"""The command grammar shared by `/pmpo`, `@pmpo`, DMs and the `pmpo` CLI.

`parse` turns text into a `Command`; it never looks at the knowledge base, so the grammar can
be tested on its own and every surface agrees on what a line means.
"""

from __future__ import annotations

from typing import NamedTuple

from bot import regex_store
from bot.textnorm import TYPOGRAPHIC

MAX_INPUT_CHARS = 1000  # longer text is cut here before parsing; questions are short

# canonical name -> accepted spellings
COMMANDS: dict[str, tuple[str, ...]] = {
    "whois-owns": ("whois-owns", "who-owns", "owns", "whoisowns", "whoowns", "owner", "whois"),
    "define": ("define", "role", "def", "definition"),
    "compare": ("compare", "diff", "vs"),
    "faq": ("faq", "ask", "q"),
    "advise": ("advise", "advice", "advisor", "adviser"),
    "topics": ("topics", "list", "index"),
    "help": ("help", "usage", "commands", "?", "h"),
    "reload": ("reload",),
    "gaps": ("gaps", "gap"),
}
_ALIASES = {alias: name for name, aliases in COMMANDS.items() for alias in aliases}
_ROLE_WORDS = {
    "pm": "pm",
    "product-manager": "pm",
    "productmanager": "pm",
    "manager": "pm",
    "po": "po",
    "product-owner": "po",
    "productowner": "po",
    "owner": "po",
}
# Aliases that are everyday words too: they start a question as often as they name a command
_PLAIN_WORDS = frozenset({"list", "index"})
_MENTION = regex_store.compile(r"^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+")
# Slack markup inside the text: <!channel>, <@U123>, <#C123|name> say nothing about the
# question; a link <https://...|label> keeps its label.
_MARKUP = regex_store.compile(r"<[!@#][^>]*>")
_LINK = regex_store.compile(r"<(?:https?|mailto):[^>|]*\|([^>]*)>|<(?:https?|mailto):[^>]*>")


class Command(NamedTuple):
    """What a message asks for: a subcommand and its argument, or "question" for free text."""

    name: str  # a key of COMMANDS, "question", "empty" or "unknown"
    arg: str = ""
    suggestion: str = ""  # for "unknown": the command the user probably meant


def parse(text: str) -> Command:
    text = _MENTION.sub("", text or "")[:MAX_INPUT_CHARS].translate(TYPOGRAPHIC)
    text = _LINK.sub(lambda m: m.group(1) or " ", _MARKUP.sub(" ", text)).strip()
    if not text:
        return Command("empty")
    first, _, rest = text.partition(" ")
    word = first.lower().rstrip(":,")
    rest = rest.strip()
    name = _ALIASES.get(word)
    if name == "compare" and rest and word == "vs":
        name = None  # "vs ..." is a question, not the compare command
    if name == "define":
        role = _ROLE_WORDS.get("-".join(rest.lower().split()))
        if role or word in ("define", "def") or not rest:
            return Command("define", role or rest)
        name = None  # "role of the PO in refinement?", "definition of done": questions
    if name == "topics" and rest and word in _PLAIN_WORDS:
        name = None  # "list of PO duties?" asks something; a bare "list" lists the topics
    if name == "whois-owns" and word in ("owner", "whois") and not rest:
        return Command("question", text)
    if name:
        return Command(name, rest)
    if rest == "" and word.startswith("-"):
        return Command("unknown", first)
    guess = _near_command(word)
    if guess and (not rest or "-" in word):
        return Command("unknown", first, guess)
    return Command("question", text)


def _near_command(word: str) -> str:
    """A one-letter slip of a subcommand ("defne", "compre") is a typo, not a question."""
    if len(word) < 4:
        return ""
    from rapidfuzz.distance import DamerauLevenshtein  # lazy: most text is not a typo'd command

    for alias, name in _ALIASES.items():
        if len(alias) >= 4 and DamerauLevenshtein.distance(word, alias) <= 1:
            return name
    return ""
