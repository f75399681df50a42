"""`pmpo gaps`: the admins' gap report offline, from the same database the bot writes.

Reads `DATABASE_URL` (or SQLite in `PMPO_STATE_DIR`, defaulting to the directory the bot uses
for this knowledge directory), from the environment or `.env`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bot.matcher import Index

USAGE = "pmpo gaps [--json] [--days N] [--yaml GROUP] [--purge]"


def main(args: list[str], knowledge_dir: Path, load_index: Callable[[], Index | None]) -> int:
    parser = argparse.ArgumentParser(prog="pmpo gaps", usage=USAGE)
    parser.add_argument("--json", action="store_true", help="the whole report as JSON")
    parser.add_argument("--days", type=int, default=30, help="how far back (default 30)")
    parser.add_argument("--yaml", metavar="GROUP", help="snippet for a group: its id or rank")
    parser.add_argument("--purge", action="store_true", help="forget everything logged")
    try:
        opts = parser.parse_args(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not 1 <= opts.days <= 3650:
        print("pmpo gaps: --days must be 1-3650", file=sys.stderr)
        return 2

    from dotenv import load_dotenv

    from bot.config import default_state_dir
    from bot.db.gaplog import GapLog, Unavailable
    from bot.gaps.grouping import find
    from bot.gaps.report import table, to_json
    from bot.gaps.snippets import suggest

    load_dotenv(Path.cwd() / ".env", override=False)
    state = os.environ.get("PMPO_STATE_DIR") or str(default_state_dir(knowledge_dir))
    try:
        log = GapLog.from_env(Path(state))
    except ValueError as exc:
        print(f"pmpo gaps: {exc}", file=sys.stderr)
        return 2
    try:
        if opts.purge:
            print(f"purged: {log.purge()} logged question(s), with every vote and count")
            return 0
        report = log.report(days=opts.days)
    except Unavailable as exc:
        print(f"pmpo gaps: {exc}", file=sys.stderr)
        return 1
    finally:
        log.engine.dispose()
    if opts.yaml:
        group = find(report.groups, opts.yaml)
        if group is None:
            print(
                f"pmpo gaps: no group {opts.yaml!r} in the last {opts.days} days", file=sys.stderr
            )
            return 1
        index = load_index()
        if index is None:
            return 1
        snippet = suggest(group, index.kb)
        print(
            json.dumps(snippet.as_dict(), ensure_ascii=False) if opts.json else snippet.yaml, end=""
        )
        return 0
    print(json.dumps(to_json(report), ensure_ascii=False, indent=2) if opts.json else table(report))
    return 0
