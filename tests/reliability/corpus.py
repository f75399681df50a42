"""The broken-knowledge corpus: every way an admin (or an attacker with write access to the
knowledge directory) can break it, as a case that turns a good directory into a bad one.

Static cases are files in `tests/fixtures/broken/`, dropped into a copy of the knowledge base
as `zz-<case>.yml` (or in place of `advice.yml`). Cases that cannot live in git (a 1 MiB file,
symlinks, a FIFO, an empty or missing directory, a file that vanishes, a name that is not UTF-8)
are built at test time. Each case names the file and line the refusal must point at.

Tests run as root in CI, so `chmod 000` does not make a file unreadable; the "unreadable"
cases are a FIFO and a directory named like a knowledge file (reading either would block or
fail), which the loader refuses without opening.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.slack.conftest import knowledge_source

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
PWNED = Path("/tmp/pmpo-broken-corpus-pwned")


@dataclass(frozen=True)
class Case:
    name: str
    apply: Callable[[Path], None]
    file: str  # the file name the message must start with ("" = the directory itself)
    line: int
    fragment: str  # part of the message after `file:line:`

    @property
    def needle(self) -> str:
        return f"{self.file}:{self.line}:"


def _drop(fixture: str, target: str | None = None) -> Callable[[Path], None]:
    def apply(kb: Path) -> None:
        shutil.copyfile(BROKEN / fixture, kb / (target or f"zz-{Path(fixture).stem}.yml"))

    return apply


def _static(name: str, line: int, fragment: str) -> Case:
    return Case(name, _drop(f"{name}.yml"), f"zz-{name}.yml", line, fragment)


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def apply(kb: Path) -> None:
        (kb / name).write_bytes(data)

    return apply


def _empty_dir(kb: Path) -> None:
    for child in kb.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _missing_dir(kb: Path) -> None:
    shutil.rmtree(kb)


def _symlink_out(kb: Path) -> None:
    outside = kb.parent / "outside-the-kb.yml"
    shutil.copyfile(BROKEN / "duplicate_id.yml", outside)
    os.symlink(outside, kb / "zz-link.yml")


def _symlink_loop(kb: Path) -> None:
    os.symlink("zz-loop-b.yml", kb / "zz-loop-a.yml")
    os.symlink("zz-loop-a.yml", kb / "zz-loop-b.yml")


def _fifo(kb: Path) -> None:
    os.mkfifo(kb / "zz-fifo.yml")


def _directory_named_yml(kb: Path) -> None:
    (kb / "zz-folder.yml").mkdir()
    (kb / "zz-folder.yml" / "inside.yml").write_text("entries: []\n")


def _vanished(kb: Path) -> None:
    """Listed, then gone before it is read: a link whose target an editor just removed. The
    same code path as a file deleted mid-reload, but deterministic (see also the in-process
    test that deletes a real file between listing and reading)."""
    os.symlink("zz-being-saved.yml.tmp", kb / "zz-vanished.yml")


def _non_utf8_name(kb: Path) -> None:
    name = os.fsencode(kb) + b"/zz-caf\xe9.yml"
    with open(name, "wb") as handle:
        handle.write((BROKEN / "invalid_yaml.yml").read_bytes())


def _huge(kb: Path) -> None:
    (kb / "zz-huge.yml").write_bytes(b"# padding\n" * 110_000)


def _nested(depth: int, file: str) -> Callable[[Path], None]:
    def apply(kb: Path) -> None:
        (kb / file).write_text("entries:\n  - " + "[" * depth + "]" * depth + "\n")

    return apply


# 60,000 levels would overflow the C stack of PyYAML's composer, were it reached; libyaml 0.2.6
# refuses it in its scanner. 30 levels is under every library limit, so only our own check stops it.
_deep = _nested(60_000, "zz-deep.yml")
_nested_30 = _nested(30, "zz-nested.yml")


CASES: tuple[Case, ...] = (
    _static("invalid_yaml", 5, "invalid YAML"),
    _static("tabs", 3, "invalid YAML"),
    _static("duplicate_key", 9, "duplicate key 'owner' (first at line 6)"),
    _static("duplicate_id", 2, "duplicate entry id 'owns-roadmap' (first at"),
    _static("wrong_type", 5, "keywords: must be array"),
    _static("unknown_owner", 6, "'cto' is not one of: pm, po, shared"),
    _static("missing_sources", 2, "missing required field 'sources'"),
    _static("unknown_source", 9, "unknown source 'wikipedia'"),
    _static("empty", 1, "file is empty"),
    _static("comments_only", 1, "file is empty"),
    _static("non_utf8", 4, "not UTF-8 (byte 0xe9)"),
    _static("binary", 3, "binary data (NUL byte)"),
    _static("python_tag", 2, "tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    _static("alias_bomb", 2, "anchors and aliases"),
    _static("merge_key", 4, "merge keys (<<) are not allowed"),
    Case(
        "advice_threshold",
        _drop("advice_threshold.yml", "advice.yml"),
        "advice.yml",
        8,
        "threshold",
    ),
    _static("shared_without_split", 6, "owner is 'shared' but there is no split"),
    _static("unknown_section", 1, "unknown section 'glossary'"),
    _static("top_level_list", 1, "must be a mapping"),
    _static("wrong_kind", 3, "kind must be one of"),
    _static("unknown_related", 10, "unknown entry 'owns-nothing-at-all'"),
    _static("non_finite_number", 5, "'.inf' is not a finite number"),
    _static("huge_integer", 5, "is not a usable number"),
    _static("bad_id", 2, "id: must match pattern"),
    Case("empty_directory", _empty_dir, "", 1, "no knowledge files (*.yml) found"),
    Case("missing_directory", _missing_dir, "", 1, "knowledge directory not found"),
    Case("huge_file", _huge, "zz-huge.yml", 1, "the limit is 1048576"),
    Case("deep_nesting", _deep, "zz-deep.yml", 2, "nested more than 24 levels deep"),
    Case("nested_30_levels", _nested_30, "zz-nested.yml", 2, "nested more than 24 levels deep"),
    Case("symlink_out", _symlink_out, "zz-link.yml", 1, "symlink points outside"),
    Case("symlink_loop", _symlink_loop, "zz-loop-a.yml", 1, "symlink loop"),
    Case("unreadable_fifo", _fifo, "zz-fifo.yml", 1, "not a regular file"),
    Case("unreadable_directory", _directory_named_yml, "zz-folder.yml", 1, "not a regular file"),
    Case("vanished_mid_reload", _vanished, "zz-vanished.yml", 1, "file disappeared"),
    Case("non_utf8_file_name", _non_utf8_name, "zz-caf\\xe9.yml", 5, "invalid YAML"),
)


def fresh_kb(target: Path) -> Path:
    """A good knowledge directory at `target` (replacing whatever is there)."""
    if target.exists() or target.is_symlink():
        shutil.rmtree(target)
    shutil.copytree(knowledge_source(), target)
    return target
