"""Answer -> Slack Block Kit message (`blocks` plus a plain `text` fallback).

Whatever the knowledge files or the user typed, the result fits Slack's limits (50 blocks,
3,000 characters per section, 10 fields of 2,000 characters, header 150, context 10
elements) and contains no live markup: every string goes through `safety.escape`.
Long content is split over several blocks or cut with an ellipsis, never rejected.
"""

from __future__ import annotations

import json
from typing import Any

from bot.advisor.rules import NEED_FACTS
from bot.answer import ADVISOR_CHOICE, Answer, Cite, Section, choice_value
from bot.render import brief, plain
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
BUTTON_TEXT = 75
SHARE_ACTION_ID = "pmpo_share"
MORE_ACTION_ID = "pmpo_more"
PICK_ACTION_PREFIX = "pmpo_pick_"  # + 1, 2, 3: "Did you mean…" choices and closest topics
MAX_PICKS = 3
# Under advice that needs more facts: the advisor's form, filled in with what the story gave
FORM_ACTION_ID = "pmpo_advise_form"
NONE_ACTION_ID = "pmpo_none"  # "None of these" under an ask-back's choices
NOTHING_ASKED = "-"  # its value when the question is not to be logged (a DM)
HELPFUL_ACTION_ID = "pmpo_vote_helpful"
UNHELPFUL_ACTION_ID = "pmpo_vote_unhelpful"
FEEDBACK_BLOCK_ID = "pmpo_feedback"

Block = dict[str, Any]


def render(
    answer: Answer,
    *,
    full: bool = False,
    share_value: str | None = None,
    more_value: str | None = None,
    note: str = "",
    feedback: str | None = None,
    voted: bool | None = None,
    asked: str = "",
) -> dict[str, Any]:
    """`{"text": ..., "blocks": [...]}` for chat.postMessage, respond() or ack().

    `full`: the whole answer; otherwise the short form (`brief`), with a **More detail**
    button when `more_value` (the question, re-answered in full on click) is given and the
    short form leaves something out.
    `share_value`: when given, a "Share in channel" button whose value re-creates the answer.
    `note`: an extra context line (already safe mrkdwn built by the caller, e.g. "Shared by").
    `feedback`: the vote buttons' value (see `listeners.feedback`); with `voted` set, the
    thanks line that replaces the buttons once this person has voted.
    Suggestions (a "Did you mean…" ask-back, a decline's closest topic) become buttons that
    answer in place; `asked` (the question, normalised as the gap log keeps it) rides along so
    a click can log which one the asker meant.
    """
    shown = answer if full else brief.shorten(answer)
    body: list[Block] = [header(shown.title)]
    lead = escape(shown.verdict)
    if lead and "*" not in lead:
        lead = f"*{lead}*"
    if shown.reason:
        lead = f"{lead}\n{escape(shown.reason)}" if lead else escape(shown.reason)
    body.extend(_text_sections([lead] if lead else []))
    for column in shown.columns:
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
    for section in shown.sections:
        body.extend(_titled(section.heading, section.lines))
    if shown.follow_ups:
        body.extend(_titled("To sharpen this, tell me", shown.follow_ups))
    for also in shown.also:
        asked = f"*You also asked:* {escape(also.question)}"
        body.extend(_text_sections([f"{asked}\n{escape(also.line(code=True))}"]))
    picks: list[Block] = []
    if shown.suggestions and shown.answered:
        lines = tuple(f"{s.title} (try `{s.command}`)" for s in shown.suggestions)
        body.extend(_titled("Related", lines))
    elif shown.suggestions:
        if shown.kind != "clarify":  # an ask-back's title already says "Did you mean…"
            body.extend(_titled(plain.suggestions_heading(shown), ()))
        picks.append(pick_actions(shown, asked))

    tail: list[Block] = []
    context = _context(shown, note)
    if context:
        tail.append(context)
    buttons = []
    if needs_team_facts(answer):
        facts = json.dumps(answer.extra.get("facts") or {}, separators=(",", ":"))
        buttons.append(button("Open the team form", FORM_ACTION_ID, facts))
    if share_value is not None:
        buttons.append(button("Share in channel", SHARE_ACTION_ID, button_value(share_value)))
    if more_value is not None and not full and brief.has_more(answer):
        buttons.append(button("More detail", MORE_ACTION_ID, button_value(more_value)))
    if buttons:
        tail.append({"type": "actions", "block_id": "pmpo_answer", "elements": buttons})
    if feedback is not None:
        tail.append(feedback_actions(feedback, voted))
    tail = picks + tail
    room = MAX_BLOCKS - len(tail)
    if len(body) > room:
        dropped = len(body) - (room - 1)
        body = body[: room - 1]
        body.append(context_block([f"… {dropped} more part(s) cut to fit in one Slack message."]))
    return {"text": fallback_text(answer, full=full), "blocks": body + tail}


def fallback_text(answer: Answer, *, full: bool = False) -> str:
    return cut(escape(plain.render(answer, full=full)), FALLBACK_TEXT)


def header(title: str) -> Block:
    text = cut(escape(" ".join(title.split())) or "pmpo", HEADER_TEXT)
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def context_block(texts: list[str]) -> Block:
    """A context block from already-escaped mrkdwn strings (at most 10, each cut to size)."""
    elements = [mrkdwn(cut(t, CONTEXT_TEXT)) for t in texts if t][:CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements}


def button(label: str, action_id: str, value: str) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": cut(label, BUTTON_TEXT), "emoji": True},
        "value": value[:BUTTON_VALUE],
    }


def needs_team_facts(answer: Answer) -> bool:
    """Advice that asks for the team's facts rather than giving a verdict."""
    return answer.kind == "advice" and answer.extra.get("verdict") == NEED_FACTS


def button_value(question: str) -> str:
    """A question carried in a button, Slack-escaped like every other string pmpo sends, so
    not even a value holds live markup; `safety.from_slack` reads it back on the click."""
    return cut(escape(question), BUTTON_VALUE, ellipsis="") or "help"


def pick_actions(answer: Answer, asked: str = "") -> Block:
    """One button per suggestion; a click answers it in place of this message. An ask-back
    also gets "None of these", so the asker can say so (and the admins learn it) rather than
    leave a question hanging in the channel. An advisor choice comes after the entries and is
    never the one cut."""
    entries = [s for s in answer.suggestions if s.id != ADVISOR_CHOICE][:MAX_PICKS]
    advisor = [s for s in answer.suggestions if s.id == ADVISOR_CHOICE]
    elements = [
        button(s.title, f"{PICK_ACTION_PREFIX}{n}", button_value(choice_value(s, asked)))
        for n, s in enumerate([*entries, *advisor], 1)
    ]
    if answer.kind == "clarify":
        elements.append(button("None of these", NONE_ACTION_ID, asked or NOTHING_ASKED))
    return {"type": "actions", "block_id": "pmpo_pick", "elements": elements}


def feedback_actions(value: str, voted: bool | None = None) -> Block:
    """Helpful / Not helpful under an answer; after a vote, "Thanks" and a way to change it."""
    if voted is None:
        elements = [
            button("Helpful", HELPFUL_ACTION_ID, value),
            button("Not helpful", UNHELPFUL_ACTION_ID, value),
        ]
    elif voted:
        elements = [button("Thanks! Change to Not helpful", UNHELPFUL_ACTION_ID, value)]
    else:
        elements = [button("Thanks! Change to Helpful", HELPFUL_ACTION_ID, value)]
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
        texts.append("*Sources:* " + ", ".join(_cite(c) for c in answer.sources))
    if answer.matched:
        texts.append("*Matched:* " + escape(", ".join(answer.matched)))
    if note:
        texts.append(note)
    return context_block(texts) if texts else None


def _cite(cite: Cite) -> str:
    """`<url|Name> (2026)`: the name links to the article; the loader only admits plain
    http(s) URLs without `|`, `<` or `>`, so the link cannot be bent into other markup."""
    name = escape(cite.name)
    if cite.url.startswith(("https://", "http://")) and not set("|<> ") & set(cite.url):
        name = f"<{cite.url}|{name}>"
    return f"{name} ({escape(cite.when)})"


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
