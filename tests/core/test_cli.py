"""The offline `pmpo` command: works with no Slack settings and keeps its JSON contract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KB_MIN

JSON_FIELDS = {"answered", "kind", "id", "title", "text", "short", "sources", "matched", "score"}


def pmpo(*args: str, stdin: str = "", kb: Path | None = KB_MIN) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PMPO_"))}
    argv = [sys.executable, "-m", "bot.cli", *(["--kb", str(kb)] if kb else []), *args]
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_ask_json_prints_one_object_with_the_contract_fields() -> None:
    out = pmpo("ask", "--json", "who owns the roadmap?")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data.keys() >= JSON_FIELDS
    assert data["answered"] is True
    assert data["kind"] == "ownership"
    assert data["id"] == "owns-roadmap"
    assert data["text"].startswith(
        "Who owns it: Product roadmap\nThe Product Manager owns the roadmap."
    )
    assert "roadmap" in data["matched"]
    assert isinstance(data["score"], (int, float)) and data["score"] > 0
    assert data["sources"] and all(isinstance(s, str) for s in data["sources"])


def test_ask_json_lists_a_second_question_under_also() -> None:
    out = pmpo("ask", "--json", "who sets pricing and who writes the user stories?", kb=None)
    data = json.loads(out.stdout)
    asked = [data["id"], *(a["id"] for a in data["also"])]
    assert sorted(asked) == ["owns-pricing", "owns-user-stories"], data
    assert data["also"][0].keys() == {"question", "id", "title"}
    single = json.loads(pmpo("ask", "--json", "who sets pricing?", kb=None).stdout)
    assert "also" not in single


def test_ask_json_reads_stdin_as_json_lines_in_order() -> None:
    lines = "who runs backlog refinement?\nwhat's the weather in Oslo?\nrodmap\n"
    out = pmpo("ask", "--json", stdin=lines)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["owns-refinement", None, "owns-roadmap"]
    declined = rows[1]
    assert declined["answered"] is False and declined["kind"] == "none"
    # far from every topic: no "closest topics", a pointer to what pmpo answers instead
    assert declined["suggestions"] == [] and "`help`" in declined["text"]
    assert all(r["short"] and r["text"].startswith(r["short"].splitlines()[0]) for r in rows)


def test_ask_without_a_question_answers_each_piped_line_in_plain_text() -> None:
    out = pmpo("ask", stdin="who runs backlog refinement?\n\nrodmap\n")
    assert out.returncode == 0, out.stderr
    titles = [line for line in out.stdout.splitlines() if line.startswith("Who owns it:")]
    assert titles == ["Who owns it: Backlog refinement", "Who owns it: Product roadmap"]
    assert "\n\nWho owns it: Product roadmap" in out.stdout  # a blank line between answers


def test_one_shot_subcommands_answer_in_plain_text() -> None:
    out = pmpo("whois-owns", "road", "map")
    assert out.returncode == 0
    assert out.stdout.splitlines()[1] == "The Product Manager owns the roadmap."
    assert "usage" in pmpo("--help").stdout


@pytest.mark.parametrize("command", ["ask", "run", "console", "kb"])
def test_help_after_a_subcommand_prints_usage_and_starts_nothing(command: str) -> None:
    out = pmpo(command, "--help")
    assert out.returncode == 0 and out.stdout.startswith("usage: pmpo"), out.stdout[:200]


def test_kb_check_fails_with_file_line_messages(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("entries:\n  - id: x\n", encoding="utf-8")
    out = pmpo("kb", "check", str(tmp_path), kb=None)
    assert out.returncode == 1
    assert f"{tmp_path / 'bad.yml'}:2:" in out.stdout or "bad.yml:2:" in out.stdout
    assert pmpo("kb", "check", str(KB_MIN), kb=None).returncode == 0


def test_broken_kb_makes_ask_fail_clearly_not_with_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("entries: [", encoding="utf-8")
    out = pmpo("ask", "roadmap", kb=tmp_path)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "bad.yml:" in out.stderr and "did not load" in out.stderr


def test_kb_export_lists_every_entry() -> None:
    out = pmpo("kb", "export", "--json")
    data = json.loads(out.stdout)
    assert {e["id"] for e in data["entries"]} == {"owns-roadmap", "owns-refinement", "faq-salary"}
    for entry in data["entries"]:
        assert {"id", "kind", "title", "text", "keywords"} <= entry.keys()
        assert entry["text"] and entry["keywords"]


def test_topics_counts_the_topics_it_lists() -> None:
    """It had counted the off-topic entries too ("128 topics" over 122 listed)."""
    out = pmpo("--full", "topics", kb=None).stdout
    count = int(re.search(r"^(\d+) topics from \d+ sources\.$", out, re.M).group(1))
    listed = out.split("\nSources:")[0]
    assert count == len(re.findall(r"^  • ", listed, re.M)), out


def test_console_answers_line_by_line_like_the_bot() -> None:
    out = pmpo("console", stdin="who owns the roadmap\nhelp\n")
    assert out.returncode == 0
    assert "The Product Manager owns the roadmap." in out.stdout
    assert "whois-owns <thing>" in out.stdout
    assert "`more` shows the last answer in full" in out.stdout and "`exit`" in out.stdout


TEAM_STORY = (
    "We are 2 squads and our PO keeps getting pulled into customer calls, so refinement "
    "slips every sprint. Is this normal or should something change?"
)


def test_an_ask_back_on_a_team_story_offers_the_advisor_last() -> None:
    """The story's cues fall short of routing it, so it asks back; the advisor is one more
    choice, after the entries (the first choice stays the likeliest entry)."""
    out = json.loads(pmpo("ask", "--json", TEAM_STORY, kb=None).stdout)
    assert out["kind"] == "clarify"
    assert out["suggestion_ids"][-1] == "advice"
    assert out["suggestions"][-1] == "Advice for your team"
    assert "advice" not in out["suggestion_ids"][:-1]
    # a question about a role in general, told by nobody about their team, offers no advisor
    general = json.loads(pmpo("ask", "--json", "is the PO a manager or not?", kb=None).stdout)
    assert "advice" not in general.get("suggestion_ids", [])


def test_console_number_for_the_advisor_advises_on_the_story() -> None:
    out = pmpo("console", stdin=f"{TEAM_STORY}\n4\n", kb=None).stdout
    assert "  4. Advice for your team" in out
    assert "Split or combine PM and PO?" in out and "given 2 squads" in out


def test_one_shot_commands_do_not_import_slack() -> None:
    code = (
        "import sys; from bot.cli import main; "
        f"main(['--kb', {str(KB_MIN)!r}, 'ask', '--json', 'roadmap']); "
        "print('SLACK', any(m.startswith('slack') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().endswith("SLACK False"), out.stdout + out.stderr


def test_cached_index_never_serves_an_edited_knowledge_base(tmp_path: Path) -> None:
    import shutil

    kb = tmp_path / "kb"
    shutil.copytree(KB_MIN, kb)
    first = json.loads(pmpo("ask", "--json", "roadmap", kb=kb).stdout)
    assert first["text"].splitlines()[1] == "The Product Manager owns the roadmap."
    entries = kb / "entries.yml"
    entries.write_text(
        entries.read_text(encoding="utf-8").replace(
            "The Product Manager owns the roadmap.", "The PM owns the roadmap, edited."
        ),
        encoding="utf-8",
    )
    second = json.loads(pmpo("ask", "--json", "roadmap", kb=kb).stdout)
    assert second["text"].splitlines()[1] == "The PM owns the roadmap, edited."
    (kb / "broken.yml").write_text("entries: [", encoding="utf-8")
    assert pmpo("ask", "--json", "roadmap", kb=kb).returncode == 1
