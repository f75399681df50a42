"""Answer -> plain text: the terminal console, JSON's `text` field and Slack's fallback text."""

from __future__ import annotations

from bot.answer import Answer


def render(answer: Answer) -> str:
    lines = [answer.title, answer.verdict]
    if answer.reason:
        lines.append(answer.reason)
    if answer.columns:
        lines.append("")
        for col in answer.columns:
            lines.append(f"• {col.label}")
            lines.append(f"    PM: {col.pm}")
            lines.append(f"    PO: {col.po}")
    for section in answer.sections:
        lines.append("")
        lines.append(f"{section.heading}:")
        lines.extend(f"  • {line}" for line in section.lines)
    if answer.follow_ups:
        lines.append("")
        lines.append("To sharpen this, tell me:")
        lines.extend(f"  • {q}" for q in answer.follow_ups)
    if answer.suggestions:
        lines.append("")
        lines.append("Closest topics:" if not answer.answered else "Related:")
        lines.extend(f"  • {s.title} (try: {s.command})" for s in answer.suggestions)
    if answer.sources:
        lines.append("")
        lines.append("Sources: " + "; ".join(answer.sources))
    if answer.matched:
        lines.append("Matched: " + ", ".join(answer.matched))
    return "\n".join(lines)
