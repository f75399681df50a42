"""The admins' gap report and YAML snippets as Slack messages."""

from __future__ import annotations

from typing import Any

from bot.gaps.report import SHOWN, GapReport, to_answer
from bot.gaps.snippets import Snippet
from bot.render.blocks import MAX_BLOCKS, SECTION_TEXT, Block, render
from bot.safety import cut, escape

YAML_ACTION_ID = "pmpo_gap_yaml"


def report_message(report: GapReport) -> dict[str, Any]:
    message = render(to_answer(report))
    buttons = [
        {
            "type": "button",
            "action_id": f"{YAML_ACTION_ID}_{rank}",
            "text": {"type": "plain_text", "text": f"Suggest YAML #{rank}"},
            "value": group.id,
        }
        for rank, group in enumerate(report.groups[:SHOWN], 1)
    ]
    if buttons:
        blocks: list[Block] = message["blocks"][: MAX_BLOCKS - 1]
        blocks.append({"type": "actions", "block_id": "pmpo_gap_yaml", "elements": buttons})
        message["blocks"] = blocks
    return message


def snippet_message(snippet: Snippet, group_id: str) -> dict[str, Any]:
    what = (
        f"Phrasings for `{snippet.entry_id}` in {snippet.file}"
        if snippet.mode == "add"
        else f"A new entry `{snippet.entry_id}` for {snippet.file}"
    )
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
                        "text": "Paste it, run `pmpo kb check`, commit, then `/pmpo reload`. "
                        f"Offline: `pmpo gaps --yaml {escape(group_id)}`.",
                    }
                ],
            },
        ],
    }
