"""Every kind of broken knowledge directory in the corpus is refused twice over:

- `pmpo kb check DIR` (a real subprocess, so a hang or a crash would show) exits 1 and names
  the file and line;
- `/pmpo reload` by an admin, through the real HTTP server, is refused with the same
  `file:line:` message, and the answer to the same question is byte for byte what it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.kb import loader, store
from bot.kb.store import KnowledgeStore
from bot.safety import from_slack
from tests.reliability.conftest import Served
from tests.reliability.corpus import BROKEN, CASES, PWNED, Case, fresh_kb
from tests.slack.fake_slack import FakeSlack
from tests.slack.helpers import (
    ADMIN_ID,
    ROOT,
    assert_fits_slack,
    command_body,
    request,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
QUESTION = "whois-owns roadmap"
IDS = [c.name for c in CASES]


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 22
    assert len({c.name for c in CASES}) == len(CASES)
    on_disk = {p.stem for p in BROKEN.glob("*.yml")}
    used = {c.name for c in CASES}
    assert on_disk <= used, f"fixtures without a case: {sorted(on_disk - used)}"


def _needle_in(case: Case, text: str) -> bool:
    if case.file:
        lines = [ln for ln in text.splitlines() if f"/{case.needle}" in ln or case.needle in ln]
    else:  # the directory itself: ".../kb:1: message"
        lines = [ln for ln in text.splitlines() if "kb:1:" in ln]
    return any(case.fragment in ln for ln in lines)


# -- pmpo kb check --------------------------------------------------------------------------


# One interpreter runs `pmpo kb check DIR` (bot.cli.main) on every case, recording the exit code
# and output of each: 34 cold starts would cost ~10 s on two cores. A hang or a crash of the
# interpreter (the deep-nesting case used to segfault it) fails every case, after 60 s at most.
# A few cases also run as their own `pmpo kb check` process below.
DRIVER = """
import contextlib, io, json, sys
from bot.cli import main
out = {}
for name, directory in json.loads(sys.argv[1]).items():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        code = main(["kb", "check", directory])
    out[name] = [code, buf.getvalue()]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    root = tmp_path_factory.mktemp("kbcheck")
    dirs = {}
    for case in CASES:
        kb = fresh_kb(root / case.name / "kb")
        case.apply(kb)
        dirs[case.name] = str(kb)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(dirs)],
        cwd=root,
        env={**os.environ, "PMPO_CACHE": "0", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return {name: (code, text) for name, (code, text) in json.loads(result.stdout).items()}


@pytest.mark.parametrize("name", ["deep_nesting", "unreadable_fifo", "non_utf8_file_name"])
def test_pmpo_kb_check_process_exits_1(name: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    kb = fresh_kb(tmp_path / "kb")
    case.apply(kb)
    pmpo = Path(sys.executable).with_name("pmpo")
    result = subprocess.run(
        [str(pmpo), "kb", "check", str(kb)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert _needle_in(case, result.stdout), result.stdout


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_kb_check_refuses_with_file_and_line(
    case: Case, checked: dict[str, tuple[int, str]]
) -> None:
    code, output = checked[case.name]
    assert code == 1, output
    assert _needle_in(case, output), output[-2000:]
    assert "would not load" in output


def test_nothing_was_executed_by_a_yaml_tag() -> None:
    assert not PWNED.exists()


# -- /pmpo reload through the real server ---------------------------------------------------


def ask(served: Served) -> bytes:
    resp = signed_post(served.base, "/slack/events", command_body(QUESTION), FORM)
    assert resp.status == 200
    return resp.body


def reload(served: Served, fake: FakeSlack, name: str) -> dict:
    body = command_body("reload", user_id=ADMIN_ID, response_url=fake.response_url(name))
    assert signed_post(served.base, "/slack/events", body, FORM).status == 200
    posted = fake.wait_for("response_url", _id=name, timeout=20)
    assert posted, f"no reload answer for {name}"
    message = posted[0].params
    assert_fits_slack(message)
    return message


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_reload_refuses_and_old_kb_answers_byte_for_byte(
    case: Case, served: Served, fake: FakeSlack
) -> None:
    served.restore()
    before = {ask(served) for _ in range(4)}  # both workers, most likely
    assert len(before) == 1
    try:
        case.apply(served.kb)
        message = reload(served, fake, f"corpus-{case.name}")
        shown = from_slack(message["text"])
        assert "Reload refused" in shown, shown
        assert "still answering from the previous knowledge base" in shown
        assert _needle_in(case, shown), shown[-2000:]
        after = {ask(served) for _ in range(4)}
        assert after == before
        assert request(served.base, "GET", "/healthz").status == 200
    finally:
        served.restore()
    assert "Traceback" not in served.server.log_text()


# -- in-process: the races and the loader's own failures -------------------------------------


def test_file_deleted_between_listing_and_reading(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real file, listed by the loader, deleted just before it is read."""
    victim = kb_copy / "synonyms.yml"
    real_read = loader._read

    def read_after_delete(path: Path, name: str, root: Path):
        if path.name == victim.name:
            path.unlink()
        return real_read(path, name, root)

    monkeypatch.setattr(loader, "_read", read_after_delete)
    result = loader.load_dir(kb_copy)
    assert result.kb is None
    assert any("synonyms.yml:1: file disappeared while loading" in str(p) for p in result.errors)


def test_store_survives_a_loader_that_raises(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb_store = KnowledgeStore(kb_copy, str(tmp_path / "state"))
    before = kb_store.current()

    def explode(directory: object) -> object:
        raise ZeroDivisionError("a bug in the loader")

    monkeypatch.setattr(store, "_load_dir", explode)
    report = kb_store.reload()
    assert not report.ok
    assert "could not load (ZeroDivisionError)" in str(report.errors[0])
    assert kb_store.current() is before


def test_follower_loads_exactly_what_was_reloaded(kb_copy: Path, tmp_path: Path) -> None:
    """Process B follows A's reload from the snapshot A validated, not from the files,
    which someone broke (or edited again) after the reload: both answer alike."""
    state = str(tmp_path / "state")
    a = KnowledgeStore(kb_copy, state)
    b = KnowledgeStore(kb_copy, state, follow=True)
    entries = kb_copy / "entries.yml"
    entries.write_text(entries.read_text().replace("owns the roadmap.", "owns the roadmap!"))
    assert a.reload().ok
    entries.write_text(entries.read_text() + "  - [broken\n")
    followed = b.current()
    assert followed.key == a.current().key
    assert "owns the roadmap!" in followed.kb.entries["owns-roadmap"].verdict
    # a process started now, files broken, serves the same last good knowledge base
    c = KnowledgeStore(kb_copy, state)
    assert c.current().loaded and c.current().key == a.current().key
    assert c.startup_errors


def test_follower_keeps_its_kb_and_says_why_when_the_snapshot_is_gone(
    kb_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "state"
    a = KnowledgeStore(kb_copy, state)
    b = KnowledgeStore(kb_copy, state, follow=True)
    before = b.current()
    entries = kb_copy / "entries.yml"
    entries.write_text(entries.read_text().replace("owns the roadmap.", "owns the roadmap!"))
    report = a.reload()
    (state / "snapshots" / f"{report.extra['key']}.pickle").unlink()
    assert b.current() is before
    assert "not following the reload" in caplog.text and "No such file" in caplog.text
