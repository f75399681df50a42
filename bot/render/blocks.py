"""Answer -> Slack Block Kit message (`blocks` plus a plain `text` fallback).

Whatever the knowledge files or the user typed, the result fits Slack's limits (50 blocks,
3,000 characters per section, 10 fields of 2,000 characters, header 150, context 10
elements) and contains no live markup: every string goes through `safety.escape`.
Long content is split over several blocks or cut with an ellipsis, never rejected.
"""

from __future__ import annotations

from typing import Any

from bot.answer import Answer, Section
from bot.render import plain
from bot.safety import cut, escape, utf16_len

MAX_BLOCKS = 50
SECTION_TEXT = 3000
FIELD_TEXT = 2000
MAX_FIELDS = 10
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
CONTEXT_TEXT = 2000
FALLBACK_TEXT = 3000
BUTTON_VALUE = 2000
SHARE_ACTION_ID = "pmpo_share"
HELPFUL_ACTION_ID = "pmpo_vote_helpful"
UNHELPFUL_ACTION_ID = "pmpo_vote_unhelpful"
FEEDBACK_BLOCK_ID = "pmpo_feedback"

Block = dict[str, Any]


def render(
    answer: Answer,
    *,
    share_value: str | None = None,
    note: str = "",
    feedback: str | None = None,
    voted: bool | None = None,
) -> dict[str, Any]:
    """`{"text": ..., "blocks": [...]}` for chat.postMessage, respond() or ack().

    `share_value`: when given, a "Share in channel" button whose value re-creates the answer.
    `note`: an extra context line (already safe mrkdwn built by the caller, e.g. "Shared by").
    `feedback`: the vote buttons' value (see `listeners.feedback`); with `voted` set, the
    thanks line that replaces the buttons once this person has voted.
    """
    body: list[Block] = [header(answer.title)]
    lead = escape(answer.verdict)
    if lead and "*" not in lead:
        lead = f"*{lead}*"
    if answer.reason:
        lead = f"{lead}\n{escape(answer.reason)}" if lead else escape(answer.reason)
    body.extend(_text_sections([lead] if lead else []))
    for column in answer.columns:
        body.append(
            {
                "type": "section",
                "text": mrkdwn(cut(f"*{escape(column.label)}*", SECTION_TEXT)),
                "fields": [
                    mrkdwn(cut(f"*PM*\n{escape(column.pm)}", FIELD_TEXT)),
                    mrkdwn(cut(f"*PO*\n{escape(column.po)}", FIELD_TEXT)),
                ],
            }
        )
    for section in answer.sections:
        body.extend(_titled(section.heading, section.lines))
    if answer.follow_ups:
        body.extend(_titled("To sharpen this, tell me", answer.follow_ups))
    if answer.suggestions:
        heading = "Related" if answer.answered else "Closest topics"
        lines = tuple(f"{s.title} (try `{s.command}`)" for s in answer.suggestions)
        body.extend(_titled(heading, lines))

    tail: list[Block] = []
    context = _context(answer, note)
    if context:
        tail.append(context)
    if share_value is not None:
        tail.append(share_actions(share_value))
    if feedback is not None:
        tail.append(feedback_actions(feedback, voted))
    room = MAX_BLOCKS - len(tail)
    if len(body) > room:
        dropped = len(body) - (room - 1)
        body = body[: room - 1]
        body.append(context_block([f"… {dropped} more part(s) cut to fit in one Slack message."]))
    return {"text": fallback_text(answer), "blocks": body + tail}


def fallback_text(answer: Answer) -> str:
    return cut(escape(plain.render(answer)), FALLBACK_TEXT)


def header(title: str) -> Block:
    text = cut(escape(" ".join(title.split())) or "pmpo", HEADER_TEXT)
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def context_block(texts: list[str]) -> Block:
    """A context block from already-escaped mrkdwn strings (at most 10, each cut to size)."""
    elements = [mrkdwn(cut(t, CONTEXT_TEXT)) for t in texts if t][:CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements}


def share_actions(value: str) -> Block:
    return {
        "type": "actions",
        "block_id": "pmpo_share",
        "elements": [
            {
                "type": "button",
                "action_id": SHARE_ACTION_ID,
                "text": {"type": "plain_text", "text": "Share in channel"},
                "value": value[:BUTTON_VALUE] or "help",
            }
        ],
    }


def feedback_actions(value: str, voted: bool | None = None) -> Block:
    """Helpful / Not helpful under an answer; after a vote, "Thanks" and a way to change it."""
    value = value[:BUTTON_VALUE]

    def button(action_id: str, label: str) -> dict[str, Any]:
        return {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": label},
            "value": value,
        }

    if voted is None:
        elements = [
            button(HELPFUL_ACTION_ID, "Helpful"),
            button(UNHELPFUL_ACTION_ID, "Not helpful"),
        ]
    elif voted:
        elements = [button(UNHELPFUL_ACTION_ID, "Thanks! Change to Not helpful")]
    else:
        elements = [button(HELPFUL_ACTION_ID, "Thanks! Change to Helpful")]
    return {"type": "actions", "block_id": FEEDBACK_BLOCK_ID, "elements": elements}


def simple(
    title: str, lines: tuple[str, ...] | list[str] = (), *, verdict: str = ""
) -> dict[str, Any]:
    """A small message (usage, refusals, reload reports) through the same escaping and limits."""
    sections = (Section("", tuple(lines)),) if lines else ()
    return render(
        Answer(kind="help", answered=True, title=title, verdict=verdict, sections=sections)
    )


def _context(answer: Answer, note: str) -> Block | None:
    texts = []
    if answer.sources:
        texts.append("*Sources:* " + escape("; ".join(answer.sources)))
    if answer.matched:
        texts.append("*Matched:* " + escape(", ".join(answer.matched)))
    if note:
        texts.append(note)
    return context_block(texts) if texts else None


def _titled(heading: str, lines: tuple[str, ...]) -> list[Block]:
    first = f"*{escape(heading)}*" if heading else ""
    items = [f"• {escape(line)}" for line in lines]
    return _text_sections([first, *items] if first else items)


def _text_sections(lines: list[str]) -> list[Block]:
    """Lines packed into as few sections as fit (3,000 chars each); an over-long line is cut."""
    blocks: list[Block] = []
    chunk: list[str] = []
    size = 0
    for line in lines:
        line = cut(line, SECTION_TEXT)
        extra = utf16_len(line) + (1 if chunk else 0)
        if chunk and size + extra > SECTION_TEXT:
            blocks.append({"type": "section", "text": mrkdwn("\n".join(chunk))})
            chunk, size = [], 0
            extra = utf16_len(line)
        chunk.append(line)
        size += extra
    if chunk:
        blocks.append({"type": "section", "text": mrkdwn("\n".join(chunk))})
    return blocks
