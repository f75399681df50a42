"""A validated, indexed knowledge base kept on disk so one-shot `pmpo` commands start fast.

Validating and indexing the YAML takes ~100 ms (most of it compiling the schemas); a CLI
that answers one question should not pay that every time. The cache key is a hash of every
knowledge file's name and bytes plus the source of the code that validates and indexes
them, so any edit to either is a miss and goes through the full schema check again. Only a
knowledge base that passed the check is ever stored. `PMPO_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

from bot.cachedir import cache_dir, enabled
from bot.matcher import Index

try:  # hashlib's own BLAKE2: importing hashlib loads OpenSSL (~2.5 ms of a cold `pmpo ask`)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

_CODE = (
    "career_move.py",  # the index's texts carry the move terms it finds
    "kb/citations.py",  # its warnings are stored with the cached knowledge base
    "kb/loader.py",
    "kb/schema.py",
    "kb/model.py",
    "kb/yamlnodes.py",
    "lookalikes.py",  # the index's texts are read without the role look-alikes
    "matcher.py",
    "pay_words.py",  # the index's texts are read with it
    "phrasings.py",
    "places.py",  # the schema's list of places `figures_for` may name
    "query_terms.py",
    "question_frame.py",  # examples are read without their frame
    "regex_anchors.py",  # the loader stores its anchors in the index as plain strings
    "regex_lint.py",  # which cues the loader refuses decides whether an index is built at all
    "role_relation.py",  # like career_move: the index's texts carry its terms
    "spelling.py",
    "team_facts/counts.py",  # its counting patterns are stored compiled with the index
    "textnorm.py",
    "wording.py",
)
_BOT = Path(__file__).resolve().parent.parent


KEEP = 4  # cached indexes kept, newest first


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed by another process meanwhile
        return 0.0


def fingerprint(directory: Path) -> str | None:
    """Hash of the knowledge files and the code that reads them; None if unreadable."""
    digest = blake2b(digest_size=32)
    try:
        for name in _CODE:
            digest.update((_BOT / name).read_bytes())
        for path in sorted(directory.iterdir()):
            if path.suffix in (".yml", ".yaml") and not path.name.startswith("."):
                if not path.is_file():  # a FIFO would block the read; the loader refuses it
                    return None
                digest.update(os.fsencode(path.name) + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def load(directory: Path) -> Index | None:
    if not enabled():
        return None
    key = fingerprint(directory)
    if key is None:
        return None
    # the index is tens of thousands of objects that live as long as the process: the cyclic
    # collector would walk them over and over while they load (~2.5 ms of a cold `pmpo ask`)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(cache_dir() / f"kb-{key}.pickle", "rb") as handle:
            index = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    return index if isinstance(index, Index) else None


def store(directory: Path, index: Index) -> None:
    """Best effort: a read-only home or a full disk only costs the next start its speed."""
    # imported here: a cold `pmpo ask` that finds its index (the common case) never writes
    import logging
    import tempfile

    if not enabled():
        return
    key = fingerprint(directory)
    if key is None:
        return
    target = cache_dir()
    try:
        target.mkdir(parents=True, exist_ok=True)
        # keep a few: two checkouts (or a branch switch) each keep their index warm
        cached = sorted(target.glob("kb-*.pickle"), key=_mtime, reverse=True)
        for stale in cached[KEEP - 1 :]:
            stale.unlink(missing_ok=True)
        index.reader.prepare_typo_repair()  # the English words it needs, so no ask loads the list
        fd, tmp = tempfile.mkstemp(dir=target, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target / f"kb-{key}.pickle")
    except OSError as exc:
        logging.getLogger(__name__).debug("knowledge cache not written: %s", exc)
        return
    _store_patterns(index)


def _store_patterns(index: Index) -> None:
    """Compile once, beside the index, the long patterns a team story needs (the fact
    parser's counting patterns, the situations' cues): ~60 ms that no ask pays again."""
    import re

    from bot import regex_store
    from bot.team_facts.counts import stored_sources

    situations = index.kb.advice.get("situations") or ()
    cues = [(cue, re.I) for situation in situations for cue in situation["cues"]]
    regex_store.warm([*stored_sources().values(), *cues])
