"""The command grammar: one parse for Slack and the terminal."""

from __future__ import annotations

import pytest

from bot.grammar import MAX_INPUT_CHARS, Command, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("whois-owns roadmap", Command("whois-owns", "roadmap")),
        ("owns the backlog", Command("whois-owns", "the backlog")),
        ("who-owns PRD", Command("whois-owns", "PRD")),
        ("WHOIS-OWNS   user stories ", Command("whois-owns", "user stories")),
        ("define po", Command("define", "po")),
        ("define PM", Command("define", "pm")),
        ("role product owner", Command("define", "po")),
        ("define product-manager", Command("define", "pm")),
        ("compare", Command("compare", "")),
        ("faq who reports to whom", Command("faq", "who reports to whom")),
        ("ask: salary?", Command("faq", "salary?")),
        ("advise 4 squads, 40 engineers", Command("advise", "4 squads, 40 engineers")),
        ("advise", Command("advise", "")),
        ("topics", Command("topics", "")),
        ("help", Command("help", "")),
        ("reload", Command("reload", "")),
        ("", Command("empty")),
        ("   ", Command("empty")),
        ("<@U0BOT> whois-owns backlog", Command("whois-owns", "backlog")),
        ("<@U0BOT|pmpo>   help", Command("help", "")),
        ("<@U0BOT>", Command("empty")),
        ("who writes acceptance criteria?", Command("question", "who writes acceptance criteria?")),
        ("roadmap", Command("question", "roadmap")),
        ("compre", Command("unknown", "compre", "compare")),
        ("defne", Command("unknown", "defne", "define")),
        ("whois-own roadmap", Command("unknown", "whois-own", "whois-owns")),
        ("--verbose", Command("unknown", "--verbose")),
        ("vs what?", Command("question", "vs what?")),
        # everyday words that are also aliases start questions: "definition of done" had been
        # `define` asked about "of done", "list of…" the topics list
        ("definition of done", Command("question", "definition of done")),
        ("Role of the PO in refinement?", Command("question", "Role of the PO in refinement?")),
        ("list of PO duties?", Command("question", "list of PO duties?")),
        ("definition po", Command("define", "po")),
        ("define scrum master", Command("define", "scrum master")),
        ("list", Command("topics", "")),
    ],
)
def test_parse(text: str, expected: Command) -> None:
    assert parse(text) == expected


def test_long_input_is_cut_not_refused() -> None:
    command = parse("who owns " + "roadmap " * 1000)
    assert command.name == "question"
    assert len(command.arg) <= MAX_INPUT_CHARS
