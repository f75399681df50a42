"""The admins' gap report and YAML snippets as Slack messages."""

from __future__ import annotations

from typing import Any

from bot.gaps.report import SHOWN, GapReport, group_line, helpful_lines, summary, to_answer
from bot.gaps.snippets import Snippet
from bot.render.blocks import MAX_BLOCKS, SECTION_TEXT, Block, button, header, mrkdwn, render
from bot.safety import cut, escape

YAML_ACTION_ID = "pmpo_gap_yaml"


HOME_SHOWN = 5  # groups on the App Home tab


def yaml_buttons(report: GapReport, shown: int = SHOWN) -> list[Block]:
    """One "Suggest YAML #n" button per listed group (the value is the group's id)."""
    buttons = [
        button(f"Suggest YAML #{rank}", f"{YAML_ACTION_ID}_{rank}", group.id)
        for rank, group in enumerate(report.groups[:shown], 1)
    ]
    return (
        [{"type": "actions", "block_id": "pmpo_gap_yaml", "elements": buttons}] if buttons else []
    )


def report_message(report: GapReport) -> dict[str, Any]:
    message = render(to_answer(report))
    tail = yaml_buttons(report)
    message["blocks"] = message["blocks"][: MAX_BLOCKS - len(tail)] + tail
    return message


def home_blocks(report: GapReport | None, problem: str = "") -> list[Block]:
    """The admin part of the App Home tab: the top gaps, the least helpful entries, and
    Suggest YAML buttons (the snippet arrives by DM). `problem`: why there is no report."""
    blocks: list[Block] = [header("What people asked and did not get")]
    if report is None:
        return [*blocks, _section(f"_{escape(problem or 'The gap log is off.')}_")]
    blocks.append(_section(escape(summary(report))))
    if report.groups:
        lines = [escape(group_line(i, g)) for i, g in enumerate(report.groups[:HOME_SHOWN], 1)]
        blocks.append(_section("*Top gaps*\n" + "\n".join(lines)))
    rates = helpful_lines(report, limit=5)
    if rates:
        blocks.append(_section("*Least helpful entries*\n" + escape("\n".join(rates))))
    blocks.extend(yaml_buttons(report, HOME_SHOWN))
    return blocks


def _section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(cut(text, SECTION_TEXT))}


def snippet_message(snippet: Snippet, group_id: str) -> dict[str, Any]:
    if snippet.mode == "advisor":
        what = "No YAML: these askers wanted the advisor"
        then = "Nothing to paste; the note says why."
    else:
        what = (
            f"Phrasings for `{snippet.entry_id}` in {snippet.file}"
            if snippet.mode == "add"
            else f"A new entry `{snippet.entry_id}` for {snippet.file}"
        )
        then = "Paste it, run `pmpo kb check`, commit, then `/pmpo reload`."
    code = cut(f"```\n{escape(snippet.yaml)}```", SECTION_TEXT)
    return {
        "text": f"Suggested YAML for gap {group_id}",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape(what)}*"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": code}},
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": f"{then} Offline: `pmpo gaps --yaml {escape(group_id)}`.",
                    }
                ],
            },
        ],
    }
