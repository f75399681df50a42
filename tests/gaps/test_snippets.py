"""Gap grouping and the YAML snippets: a pasted snippet passes `pmpo kb check` once its TODO
fields are written (and not before), and the bot then answers the question from it."""

from __future__ import annotations

import re
import shutil
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

from bot.answering import answer_text
from bot.cli import main as pmpo
from bot.gaps.grouping import GapRow, find, group
from bot.gaps.snippets import phrasing_field, suggest
from bot.gaps.text import normalise
from bot.kb.loader import load_dir
from bot.matcher import Index
from tests.conftest import KNOWLEDGE


def kb_check(directory: Path) -> tuple[int, str]:
    out = StringIO()
    with redirect_stdout(out):
        code = pmpo(["kb", "check", str(directory)])
    return code, out.getvalue()


def test_questions_sharing_content_words_form_one_group() -> None:
    rows = [
        GapRow("who approves the marketing budget", "declined", None, 3),
        GapRow("marketing budget approval", "declined", None),
        GapRow("who signs off the marketing budget", "declined", "owns-roadmap"),
        GapRow("what is a good lunch spot", "declined", None),
    ]
    groups = group(rows)
    assert [g.count for g in groups] == [5, 1]
    top = groups[0]
    assert top.samples[0] == "who approves the marketing budget" and len(top.samples) == 3
    assert top.words[:2] == ("marketing", "budget")
    assert find(groups, "1") is top and find(groups, top.id) is top
    assert group(rows)[0].id == top.id  # stable: a button or --yaml finds it again


def test_normalise_drops_people_links_and_markup() -> None:
    text = "<@U12345> hey <!here> who owns <https://x.test|this> budget? ping me@corp.test"
    assert normalise(text) == "hey who owns budget ping"


def test_new_entry_snippet_fails_check_until_filled_then_answers(
    tmp_path: Path, real_index: Index
) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, kb)
    phrasings = ["planning a hackathon week", "hackathon week planning"]
    groups = group(GapRow(p, "declined", None) for p in phrasings)
    snippet = suggest(groups[0], real_index.kb)
    assert snippet.mode == "new" and "TODO" in snippet.yaml
    target = kb / Path(snippet.file).name
    target.write_text(target.read_text() + "\n" + snippet.yaml)

    code, out = kb_check(kb)
    assert code == 1 and re.search(rf"{target.name}:\d+: .*title", out), out

    filled = re.sub(r"  # TODO: .*", ' "Hackathon weeks are run by the PO."', snippet.yaml)
    target.write_text(target.read_text().replace(snippet.yaml, filled))
    code, out = kb_check(kb)
    assert code == 0, out
    result = answer_text(Index(load_dir(kb).kb), "planning a hackathon week?")
    offered = [result.id] if result.answered else [s.id for s in result.suggestions]
    assert snippet.entry_id in offered, result  # answered from it, or offered it first


def test_add_phrasings_snippet_extends_the_entry(tmp_path: Path, real_index: Index) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, kb)
    rows = [GapRow("whose call is the quarterly plan", "clarify", "owns-roadmap", 2)]
    snippet = suggest(group(rows)[0], real_index.kb)
    assert (snippet.mode, snippet.entry_id) == ("add", "owns-roadmap")
    field = phrasing_field()
    added = [ln for ln in snippet.yaml.splitlines() if not ln.startswith("#")]
    target = kb / Path(snippet.file).name
    lines = target.read_text().splitlines()
    at = real_index.kb.entries["owns-roadmap"].line  # the `- id:` line, 1-based
    if "at the end of the" in snippet.yaml:  # after the list's last item
        at = next(i for i in range(at, len(lines)) if lines[i].startswith(f"    {field}:"))
        while lines[at + 1].startswith("      - "):
            at += 1
        at += 1
    lines[at:at] = added
    target.write_text("\n".join(lines) + "\n")
    code, out = kb_check(kb)
    assert code == 0, out
    entry = load_dir(kb).kb.entries["owns-roadmap"]
    assert "whose call is the quarterly plan" in getattr(entry, field)
    before = getattr(real_index.kb.entries["owns-roadmap"], field)
    assert set(before) < set(getattr(entry, field))


def test_a_declined_question_whose_asker_picked_a_topic_adds_to_that_entry(
    real_index: Index,
) -> None:
    asked = "zorblat cadence sheet upkeep"  # no word the entry knows: declined, nothing close
    declined = group([GapRow(asked, "declined", None, 2)])[0]
    assert suggest(declined, real_index.kb).mode == "new"
    picked = group([GapRow(asked, "declined", None, 2), GapRow(asked, "picked", "owns-roadmap")])
    snippet = suggest(picked[0], real_index.kb)
    assert (snippet.mode, snippet.entry_id) == ("add", "owns-roadmap")
    assert snippet.yaml.startswith("# 2 question(s) like these; askers picked `owns-roadmap` 1")
    assert f'- "{asked}"' in snippet.yaml


def test_an_ask_back_whose_asker_said_none_fits_asks_for_a_new_entry(real_index: Index) -> None:
    asked = "whose call is the quarterly plan"
    offered = [GapRow(asked, "clarify", "owns-roadmap", 2)]
    assert suggest(group(offered)[0], real_index.kb).mode == "add"  # pmpo offered it
    none = group([*offered, GapRow(asked, "nonefit", None)])[0]
    assert (none.count, none.none_fit) == (2, 1)
    assert suggest(none, real_index.kb).mode == "new"
    both = group([*offered, GapRow(asked, "nonefit", None), GapRow(asked, "picked", "owns-okrs")])
    assert (suggest(both[0], real_index.kb).mode, both[0].entry_id) == ("add", "owns-okrs")
