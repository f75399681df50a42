"""Each kind of broken knowledge file is refused with its own `file:line: message`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.kb.loader import load_dir

ENTRY = """\
entries:
  - id: owns-x
    kind: ownership
    title: X
    keywords: [xthing]
    owner: pm
    verdict: The PM owns X.
    reason: Because.
    sources: [adair]
"""


def errors_for(kb: Path, name: str, text: str | bytes) -> list[str]:
    path = kb / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    result = load_dir(kb)
    assert result.kb is None
    return [str(p) for p in result.errors]


def test_minimal_kb_loads(kb_copy: Path) -> None:
    result = load_dir(kb_copy)
    assert result.ok, result.errors
    assert set(result.kb.entries) == {"owns-roadmap", "owns-refinement", "faq-salary"}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (ENTRY.replace("    owner: pm\n", ""), 2, "missing required field 'owner'"),
        (ENTRY.replace("owner: pm", "owner: cto"), 6, "'cto' is not one of: pm, po, shared"),
        (ENTRY.replace("keywords: [xthing]", "keywords: xthing"), 5, "keywords: must be array"),
        (
            ENTRY.replace("    reason: Because.\n", "    reason: Because.\n    colour: red\n"),
            9,
            "unknown field 'colour'",
        ),
        (
            ENTRY.replace("sources: [adair]", "sources: [wikipedia]"),
            9,
            "unknown source 'wikipedia'",
        ),
        (ENTRY.replace("sources: [adair]", "sources: []"), 9, "sources: must contain at least 1"),
        (ENTRY.replace("kind: ownership", "kind: rumour"), 3, "kind must be one of"),
        (  # figures for a place bot/places.py does not know: its note could never fire
            ENTRY.replace("kind: ownership", "kind: faq").replace(
                "owner: pm", "figures_for: [Atlantis]"
            ),
            6,
            "'Atlantis' is not one of: the US, the UK",
        ),
        (ENTRY.replace("owner: pm", "owner: shared"), 6, "owner is 'shared' but there is no split"),
        (ENTRY.replace("id: owns-x", "id: Owns X"), 2, "id: must match pattern"),
        (ENTRY + "    title: again\n", 10, "duplicate key 'title' (first at line 4)"),
        (ENTRY.replace("  - id: owns-x", "  - id: owns-x\n\t"), 3, "invalid YAML"),
        ("entries: [unclosed\n", 2, "invalid YAML"),
        ("", 1, "file is empty"),
        ("# only a comment\n", 1, "file is empty"),
        ("stuff:\n  - 1\n", 1, "unknown section 'stuff'"),
        ("entries: []\n", 1, "entries must be a non-empty list"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("entries:\n  - &a {id: x}\n  - *a\n", 2, "anchors and aliases"),
        ("entries:\n  - !!python/object:os.system {}\n", 2, "tag"),
        (ENTRY.replace("title: X", "title: !!binary aGVsbG8="), 4, "tag"),
    ],
)
def test_schema_errors_have_file_and_line(
    kb_copy: Path, text: str, line: int, fragment: str
) -> None:
    errors = errors_for(kb_copy, "broken.yml", text)
    assert any(f"broken.yml:{line}:" in e and fragment in e for e in errors), errors


def test_duplicate_id_across_files_names_both_places(kb_copy: Path) -> None:
    text = ENTRY.replace("owns-x", "owns-roadmap").replace("xthing", "other")
    errors = errors_for(kb_copy, "zz-dupe.yml", text)
    assert any("zz-dupe.yml:2: duplicate entry id 'owns-roadmap' (first at" in e for e in errors), (
        errors
    )
    assert any("entries.yml:2)" in e for e in errors), errors


def test_non_utf8_reports_line_of_bad_byte(kb_copy: Path) -> None:
    errors = errors_for(kb_copy, "latin.yml", ENTRY.encode() + b"# caf\xe9\n")
    assert any("latin.yml:10: not UTF-8" in e for e in errors), errors


def test_binary_file_is_refused(kb_copy: Path) -> None:
    errors = errors_for(kb_copy, "blob.yml", b"entries:\n\x00\x01\x02")
    assert any("blob.yml:2: binary data" in e for e in errors), errors


def test_huge_file_is_refused_before_parsing(kb_copy: Path) -> None:
    errors = errors_for(kb_copy, "huge.yml", "# pad\n" * 300_000)
    assert any("huge.yml:1: file is" in e and "limit" in e for e in errors), errors


def test_symlink_out_of_directory_is_refused(kb_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text(ENTRY, encoding="utf-8")
    os.symlink(outside, kb_copy / "link.yml")
    result = load_dir(kb_copy)
    assert result.kb is None
    assert any("link.yml:1: symlink points outside" in str(e) for e in result.errors)


def test_empty_directory_and_missing_directory(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no knowledge files" in str(load_dir(empty).errors[0])
    assert "not found" in str(load_dir(tmp_path / "nope").errors[0])


def test_every_error_is_reported_not_just_the_first(kb_copy: Path) -> None:
    two_bad = ENTRY + ENTRY.replace("owns-x", "owns-y").replace("owner: pm", "owner: ceo").replace(
        "xthing", "ything"
    ).replace("entries:\n", "").replace("sources: [adair]", "sources: [nobody]")
    errors = errors_for(kb_copy, "many.yml", two_bad)
    assert any("many.yml:14:" in e and "'ceo'" in e for e in errors), errors


def test_alias_claimed_twice_is_a_warning_not_an_error(kb_copy: Path) -> None:
    (kb_copy / "more.yml").write_text(
        ENTRY.replace("keywords: [xthing]", "keywords: [roadmap]"), encoding="utf-8"
    )
    result = load_dir(kb_copy)
    assert result.ok
    assert any(
        "both claim 'roadmap'" in str(w) and "more.yml:2:" in str(w) for w in result.warnings
    )


def test_a_synonym_term_listed_twice_keeps_both_lists(kb_copy: Path) -> None:
    """A second list for a term used to replace the first without a word."""
    (kb_copy / "more.yml").write_text(
        "synonyms:\n  - term: roadmap\n    variants: [route plan]\n", encoding="utf-8"
    )
    (kb_copy / "zz-more.yml").write_text(
        "synonyms:\n  - term: roadmap\n    variants: [product plan]\n", encoding="utf-8"
    )
    result = load_dir(kb_copy)
    assert result.ok and result.kb is not None
    assert {"route plan", "product plan"} <= set(result.kb.synonyms["roadmap"])
    assert any(
        "'roadmap' is listed twice" in str(w) and "more.yml:2" in str(w) for w in result.warnings
    ), result.warnings


def test_a_source_named_in_the_text_but_not_cited_is_a_warning(kb_copy: Path) -> None:
    """The Sources line is where a reader looks for the article a sentence quotes."""
    (kb_copy / "more.yml").write_text(
        ENTRY.replace("reason: Because.", "reason: Boundev says so too."), encoding="utf-8"
    )
    result = load_dir(kb_copy)
    assert result.ok
    uncited = [str(w) for w in result.warnings if "names Boundev" in str(w)]
    assert uncited and "more.yml:2:" in uncited[0] and "add boundev" in uncited[0], uncited
    (kb_copy / "more.yml").write_text(
        ENTRY.replace("reason: Because.", "reason: Boundev says so too.").replace(
            "sources: [adair]", "sources: [adair, boundev]"
        ),
        encoding="utf-8",
    )
    assert not [w for w in load_dir(kb_copy).warnings if "names Boundev" in str(w)]


def test_the_shipped_knowledge_loads_without_a_warning() -> None:
    """Every warning is something an admin should mend; the shipped files set the example."""
    result = load_dir(Path(__file__).parents[2] / "knowledge")
    assert result.ok and [str(w) for w in result.warnings] == []


def test_fifo_or_directory_named_like_a_knowledge_file_is_refused(kb_copy: Path) -> None:
    os.mkfifo(kb_copy / "pipe.yml")
    (kb_copy / "folder.yml").mkdir()
    result = load_dir(kb_copy)
    assert result.kb is None
    messages = sorted(str(e) for e in result.errors)
    assert any("folder.yml:1: not a regular file" in m for m in messages), messages
    assert any("pipe.yml:1: not a regular file" in m for m in messages), messages
