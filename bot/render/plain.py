"""Answer -> plain text: the terminal console, the CLI, JSON's `text`/`short` and Slack's
fallback text.

`full=False` is the chat-sized reply (see `brief`): the verdict, its reason, at most three
bullets and one Sources line. `full=True` is everything, each source listed with its link.
"""

from __future__ import annotations

from bot.answer import Answer
from bot.render.brief import shorten


def render(answer: Answer, *, full: bool = True) -> str:
    shown = answer if full else shorten(answer)
    lines = [shown.title, shown.verdict]
    if shown.reason:
        lines.append(shown.reason)
    if shown.columns:
        lines.append("")
        for col in shown.columns:
            lines.append(f"• {col.label}")
            lines.append(f"    PM: {col.pm}")
            lines.append(f"    PO: {col.po}")
    for section in shown.sections:
        lines.append("")
        if section.heading:
            lines.append(f"{section.heading}:")
        lines.extend(f"  • {line}" for line in section.lines)
    if shown.follow_ups:
        lines.append("")
        lines.append("To sharpen this, tell me:")
        lines.extend(f"  • {q}" for q in shown.follow_ups)
    for also in shown.also:
        lines.append("")
        lines.append(f"You also asked: {also.question}")
        lines.append(f"  • {also.line()}")
    if shown.suggestions:
        lines.append("")
        if shown.kind == "clarify":  # the title asks already; "1", "2", "3" pick in the console
            lines.extend(f"  {n}. {s.title}" for n, s in enumerate(shown.suggestions, 1))
        else:
            lines.append(suggestions_heading(shown))
            lines.extend(f"  • {s.title} (try: {s.command})" for s in shown.suggestions)
    if shown.sources:
        lines.append("")
        if full:
            lines.append("Sources:")
            lines.extend(f"  • {c}: {c.url}" if c.url else f"  • {c}" for c in shown.sources)
        else:
            lines.append("Sources: " + ", ".join(str(c) for c in shown.sources))
    if shown.matched:
        lines.append("Matched: " + ", ".join(shown.matched))
    return "\n".join(lines)


def short(answer: Answer) -> str:
    return render(answer, full=False)


def suggestions_heading(answer: Answer) -> str:
    return "Related:" if answer.answered else "Closest I can answer:"
