"""The App Home tab: what pmpo answers, how to ask, five questions to try, the topics; and for
admins the knowledge base's size, the last reload and a Reload button.

Pure data in, a `views.publish` view out; the listener decides who is an admin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.kb.model import KnowledgeBase
from bot.render.blocks import button, context_block, header, mrkdwn
from bot.safety import cut, escape

ASK_ACTION_PREFIX = "pmpo_home_ask_"  # + 1..5: answer this example in the user's DM
RELOAD_ACTION_ID = "pmpo_home_reload"
# (button label, what is asked): each is answered outright by the shipped knowledge base
EXAMPLES = (
    ("Who writes user stories?", "who writes user stories?"),
    ("Who owns the roadmap?", "whois-owns roadmap"),
    ("PM vs PO side by side", "compare"),
    ("What does a PO do?", "define po"),
    ("Does a PM earn more than a PO?", "how much does a PO earn vs a PM"),
)
KIND_HEADINGS = (
    ("role", "Roles"),
    ("compare", "Comparison"),
    ("ownership", "Who owns what"),
    ("faq", "Common questions"),
)
TOPIC_EXAMPLES = 6

Block = dict[str, Any]


@dataclass(frozen=True)
class AdminInfo:
    """What the admin part shows. `last_reload` is already-safe mrkdwn (it names a user)."""

    entries: int
    sources: int
    files: int
    last_reload: str
    report: str = ""  # the outcome of a Reload just clicked, plain text


def build(
    kb: KnowledgeBase, admin: AdminInfo | None = None, gaps: Sequence[Block] = ()
) -> dict[str, Any]:
    """The Home view. `gaps`: the admin "what people asked and did not get" section (built
    by the feedback feature), shown under the knowledge base's figures."""
    blocks: list[Block] = [
        header("pmpo: PM or PO? Ask me."),
        _section(
            "I answer who owns what between *Product Manager* and *Product Owner*: who writes "
            "the stories, who owns the roadmap, how the roles compare, what they earn, "
            "whether your team should split them, and how to staff the PO seat when one PO "
            "covers too much. Every answer names its sources."
        ),
        _section(
            "*How to ask*\n"
            "• `/pmpo whois-owns roadmap`, `/pmpo define po`, `/pmpo compare`, "
            "`/pmpo advise 4 squads, 40 engineers`, or `/pmpo` and any question\n"
            "• tell me your team's story: _our PO covers three products and the devs wait "
            "for days, do we ask for another PO?_\n"
            "• mention `@pmpo` in a channel or thread: I answer in the thread\n"
            "• or write to me in the Messages tab"
        ),
        _section("*Try one* (I answer in our DM)"),
        {
            "type": "actions",
            "block_id": "pmpo_home_examples",
            "elements": [
                button(label, f"{ASK_ACTION_PREFIX}{n}", question)
                for n, (label, question) in enumerate(EXAMPLES, 1)
            ],
        },
        _section("*Topics I know*\n" + _topics(kb)),
    ]
    if admin is not None:
        blocks.extend(_admin(admin, gaps))
    return {"type": "home", "blocks": blocks}


def _admin(admin: AdminInfo, gaps: Sequence[Block]) -> list[Block]:
    blocks: list[Block] = [
        {"type": "divider"},
        header("For admins"),
        {
            "type": "section",
            "fields": [
                mrkdwn(
                    f"*Knowledge base*\n{admin.entries} entries, {admin.sources} sources, "
                    f"{admin.files} files"
                ),
                mrkdwn(f"*Last reload*\n{admin.last_reload}"),
            ],
        },
    ]
    if admin.report:
        blocks.append(context_block([escape(admin.report)]))
    blocks.append(
        {
            "type": "actions",
            "block_id": "pmpo_home_admin",
            "elements": [
                {
                    **button("Reload knowledge base", RELOAD_ACTION_ID, "reload"),
                    "style": "primary",
                }
            ],
        }
    )
    # -- gaps (issue 12): questions people asked and did not get, under the figures ------
    blocks.extend(gaps)
    return blocks


def _topics(kb: KnowledgeBase) -> str:
    lines = []
    for kind, heading in KIND_HEADINGS:
        titles = sorted((e.title for e in kb.by_kind(kind)), key=str.lower)
        if titles:
            shown = ", ".join(titles[:TOPIC_EXAMPLES]) + (
                "…" if len(titles) > TOPIC_EXAMPLES else ""
            )
            lines.append(f"• *{heading}* ({len(titles)}): {escape(shown)}")
    lines.append("`/pmpo topics` lists them all.")
    return "\n".join(lines)


def _section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(cut(text, 3000))}
