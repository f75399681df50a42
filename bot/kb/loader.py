"""Read and validate a knowledge directory as a whole: all of it loads, or none of it does.

A reload must never leave the bot half-updated, so `load_dir` returns either a complete
`KnowledgeBase` or the full list of `file:line:` problems, never a partial result.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import fastjsonschema

from bot.kb import schema
from bot.kb.citations import uncited_names
from bot.kb.model import Entry, KnowledgeBase, Problem, Source
from bot.kb.yamlnodes import Path as NodePath
from bot.kb.yamlnodes import YamlProblem, parse
from bot.regex_anchors import anchors
from bot.regex_lint import nested_repeat

MAX_FILE_BYTES = 1 << 20
MAX_FILES = 200
_ITEM_VALIDATOR = {"sources": "source", "synonyms": "synonym"}
_SINGULAR = {"entries": "entry", "sources": "source", "synonyms": "synonym"}


class LoadResult:
    """Either `kb` is set and `errors` is empty, or `kb` is None; warnings come either way."""

    def __init__(
        self, kb: KnowledgeBase | None, errors: list[Problem], warnings: list[Problem]
    ) -> None:
        self.kb = kb
        self.errors = errors
        self.warnings = warnings

    @property
    def ok(self) -> bool:
        return self.kb is not None


def load_dir(directory: str | os.PathLike[str]) -> LoadResult:
    root = Path(directory)
    label = _display(root)
    if not root.is_dir():
        return LoadResult(None, [Problem(label, 1, "knowledge directory not found")], [])
    try:
        files = sorted(
            p
            for p in root.iterdir()
            if p.suffix in (".yml", ".yaml") and not p.name.startswith(".")
        )
    except OSError as exc:  # removed or replaced while we listed it
        return LoadResult(None, [Problem(label, 1, f"cannot list: {exc.strerror or exc}")], [])
    if not files:
        return LoadResult(None, [Problem(label, 1, "no knowledge files (*.yml) found")], [])
    if len(files) > MAX_FILES:
        return LoadResult(None, [Problem(label, 1, f"more than {MAX_FILES} files")], [])

    errors: list[Problem] = []
    parsed: list[tuple[str, str, list[Any], dict[NodePath, int]]] = []
    resolved_root = root.resolve()
    for path in files:
        name = _display(path)
        problem, text = _read(path, name, resolved_root)
        if problem:
            errors.append(problem)
            continue
        try:
            value, lines = parse(text)
        except YamlProblem as exc:
            errors.append(Problem(name, exc.line, exc.message))
            continue
        except Exception as exc:  # noqa: BLE001 - a file must never take the loader down
            errors.append(Problem(name, 1, f"could not parse ({type(exc).__name__})"))
            continue
        section, items, problem = _section(value, name, lines)
        if problem:
            errors.append(problem)
            continue
        parsed.append((name, section, items, lines))

    builder = _Builder()
    for name, section, items, lines in parsed:
        builder.add(name, section, items, lines)
    errors.extend(builder.errors)
    if not errors:
        errors.extend(builder.cross_check())
    if errors:
        return LoadResult(None, errors, builder.warnings)
    builder.warnings.extend(uncited_names(builder.entries, builder.sources))
    kb = KnowledgeBase(
        entries=builder.entries,
        sources=builder.sources,
        synonyms=builder.synonyms,
        advice=builder.advice,
        warnings=tuple(str(w) for w in builder.warnings),
        files=tuple(name for name, *_ in parsed),
        whole_terms=frozenset(builder.whole_terms),
    )
    return LoadResult(kb, [], builder.warnings)


def _display(path: Path) -> str:
    """Relative to the working directory when inside it: what an admin's editor can open."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # different drive on Windows
        rel = str(path)
    shown = str(path.absolute()) if rel.startswith("..") else rel
    # a name that is not UTF-8 holds lone surrogates, which no terminal or Slack can print
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read(path: Path, name: str, root: Path) -> tuple[Problem | None, str]:
    try:
        real = path.resolve()
        if not real.is_relative_to(root):
            return Problem(name, 1, "symlink points outside the knowledge directory"), ""
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return Problem(name, 1, "not a regular file"), ""
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return Problem(name, 1, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"), ""
        data = real.read_bytes()
    except FileNotFoundError:
        return Problem(name, 1, "file disappeared while loading; run the reload again"), ""
    except RuntimeError:  # Path.resolve() on a symlink loop (Python < 3.13)
        return Problem(name, 1, "symlink loop; point the link at a real file"), ""
    except OSError as exc:
        return Problem(name, 1, f"cannot read file: {exc.strerror or exc}"), ""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return Problem(name, line, "binary data (NUL byte); knowledge files are UTF-8 text"), ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Problem(name, line, f"not UTF-8 (byte 0x{data[exc.start]:02x}); save as UTF-8"), ""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return Problem(name, 1, "file is empty"), ""
    return None, text.removeprefix("\ufeff")


def _section(
    value: Any, name: str, lines: dict[NodePath, int]
) -> tuple[str, list[Any], Problem | None]:
    expected = ", ".join(schema.SECTIONS)
    if not isinstance(value, dict):
        return "", [], Problem(name, 1, f"the file must be a mapping with one of: {expected}")
    keys = list(value)
    if len(keys) != 1 or keys[0] not in schema.SECTIONS:
        bad = next((k for k in keys if k not in schema.SECTIONS), keys[-1] if keys else "")
        line = lines.get((bad,), 1)
        msg = (
            f"unknown section {bad!r}; expected one of: {expected}"
            if bad not in schema.SECTIONS
            else f"one section per file; found {', '.join(keys)}"
        )
        return "", [], Problem(name, line, msg)
    section = keys[0]
    items = value[section]
    if section == "advice":
        return section, [items], None
    if not isinstance(items, list) or not items:
        return (
            "",
            [],
            Problem(name, lines.get((section,), 1), f"{section} must be a non-empty list"),
        )
    return section, items, None


def _schema_problem(
    exc: fastjsonschema.JsonSchemaValueException,
    name: str,
    base: NodePath,
    lines: dict[NodePath, int],
    what: str,
) -> Problem:
    rel: list[str | int] = [int(p) if p.isdigit() else p for p in exc.path[1:]]
    path = (*base, *rel)
    where = ".".join(str(p) for p in rel)
    prefix = f"{what}: " + (f"{where}: " if where else "")
    if exc.rule == "required":
        required = exc.definition.get("required", [])
        missing = [k for k in required if not isinstance(exc.value, dict) or k not in exc.value]
        fields = ", ".join(repr(m) for m in missing)
        return Problem(name, _line(lines, path), f"{prefix}missing required field {fields}")
    if exc.rule == "additionalProperties" and isinstance(exc.value, dict):
        allowed = exc.definition.get("properties", {})
        extra = sorted(k for k in exc.value if k not in allowed)
        line = _line(lines, (*path, extra[0])) if extra else _line(lines, path)
        return Problem(
            name,
            line,
            f"{prefix}unknown field {', '.join(map(repr, extra))}; "
            f"allowed: {', '.join(sorted(allowed))}",
        )
    if exc.rule == "enum":
        options = ", ".join(str(o) for o in exc.definition.get("enum", []))
        return Problem(name, _line(lines, path), f"{prefix}{exc.value!r} is not one of: {options}")
    message = exc.message.split(" ", 1)[1] if " " in exc.message else exc.message
    return Problem(name, _line(lines, path), f"{prefix}{message} (got {exc.value!r:.60})")


def _bad_cues(cues: list[str]) -> tuple[int, str] | None:
    """The first cue that is not a regular expression, or that could run for minutes on a long
    question (bot/regex_lint.py), with the reason: such a cue is refused at load time, so the
    bot keeps its last good knowledge base instead of failing or stalling on a question."""
    for index, cue in enumerate(cues):
        try:
            re.compile(cue, re.I)
        except re.error as exc:
            return index, f"not a regular expression ({exc})"
        nested = nested_repeat(cue, re.I)
        if nested:
            return index, (
                f"{nested} can take exponential time on a long question; "
                "bound the outer repeat, e.g. {0,3}"
            )
    return None


def _line(lines: dict[NodePath, int], path: NodePath) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


class _Builder:
    """Accumulates validated items from every file, then checks references across files."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.sources: dict[str, Source] = {}
        self.synonyms: dict[str, tuple[str, ...]] = {}
        self.advice: dict[str, Any] = {}
        self.whole_terms: set[str] = set()
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._where: dict[str, tuple[str, int]] = {}
        self._refs: list[tuple[str, int, str, Iterable[str], str]] = []
        self._claims: dict[str, tuple[str, str, int]] = {}
        self._synonym_at: dict[str, tuple[str, int]] = {}
        self._variant_claims: dict[str, tuple[str, str, int]] = {}

    def add(self, name: str, section: str, items: list[Any], lines: dict[NodePath, int]) -> None:
        for index, item in enumerate(items):
            base: NodePath = (section,) if section == "advice" else (section, index)
            line = _line(lines, base)
            if not isinstance(item, dict):
                self.errors.append(Problem(name, line, f"{section} items must be mappings"))
                continue
            kind = item.get("kind") if section == "entries" else None
            if section == "entries":
                if kind not in schema.ENTRY_SCHEMAS:
                    kinds = ", ".join(schema.ENTRY_KINDS)
                    self.errors.append(
                        Problem(
                            name,
                            _line(lines, (*base, "kind")),
                            f"entry {item.get('id', index)!r}: kind must be one of: {kinds}",
                        )
                    )
                    continue
                validator = schema.validator(f"entry:{kind}")
            else:
                validator = schema.validator(_ITEM_VALIDATOR.get(section, "advice"))
            what = _SINGULAR.get(section, section)
            if "id" in item:
                what += f" {item['id']!r}"
            try:
                validator(item)
            except fastjsonschema.JsonSchemaValueException as exc:
                self.errors.append(_schema_problem(exc, name, base, lines, what))
                continue
            getattr(self, f"_add_{section}")(name, line, item, base, lines)

    def _claim_id(self, name: str, line: int, item_id: str, what: str) -> bool:
        if item_id in self._where:
            first = self._where[item_id]
            self.errors.append(
                Problem(
                    name, line, f"duplicate {what} id {item_id!r} (first at {first[0]}:{first[1]})"
                )
            )
            return False
        self._where[item_id] = (name, line)
        return True

    def _add_sources(self, name: str, line: int, item: dict[str, Any], *_: Any) -> None:
        if self._claim_id(name, line, "source:" + item["id"], "source"):
            self.sources[item["id"]] = Source(
                id=item["id"],
                title=item["title"],
                publisher=item["publisher"],
                year=item.get("year"),
                seed=item.get("seed"),
                author=item.get("author"),
                short_name=item.get("short"),
                url=item["url"],
            )

    def _add_synonyms(self, name: str, line: int, item: dict[str, Any], *_: Any) -> None:
        term = item["term"].strip().lower()
        for variant in item["variants"]:
            self._claim(variant, f"synonym {term!r}", name, line, self._variant_claims)
        variants = tuple(v.strip().lower() for v in item["variants"])
        first = self._synonym_at.get(term)
        if first:
            # a second list for a term silently replaced the first ("not available" stopped
            # meaning unavailable when "on vacation" was given a list of its own): keep both
            self.warnings.append(
                Problem(
                    name,
                    line,
                    f"synonym {term!r} is listed twice (first at {first[0]}:{first[1]}); "
                    "both lists are used",
                )
            )
            variants = self.synonyms[term] + variants
        else:
            self._synonym_at[term] = (name, line)
        self.synonyms[term] = variants
        if item.get("whole"):
            self.whole_terms.add(term)

    def _add_advice(
        self, name: str, line: int, item: dict[str, Any], base: NodePath, lines: dict[NodePath, int]
    ) -> None:
        if self.advice:
            self.errors.append(Problem(name, line, "a second advice section; keep one"))
            return
        for signal in item["signals"]:
            self._refs.append(
                (name, line, f"signal {signal['id']!r}", [signal["source"]], "source")
            )
        situations = []
        for index, situation in enumerate(item.get("situations", [])):
            where = (*base, "situations", index)
            what = f"situation {situation['id']!r}"
            if not self._claim_id(name, _line(lines, where), situation["id"], "situation"):
                continue
            bad = _bad_cues(situation["cues"])
            if bad:
                at = _line(lines, (*where, "cues", bad[0]))
                self.errors.append(Problem(name, at, f"{what}: cue {bad[0] + 1}: {bad[1]}"))
                continue
            self._refs.append(
                (name, _line(lines, (*where, "sources")), what, situation["sources"], "source")
            )
            anchored = [anchors(cue, re.I) for cue in situation["cues"]]
            situations.append({**situation, "_anchors": anchored})
        self.advice = {**item, "situations": situations, "_file": name, "_line": line}

    def _add_entries(
        self, name: str, line: int, item: dict[str, Any], base: NodePath, lines: dict[NodePath, int]
    ) -> None:
        if not self._claim_id(name, line, item["id"], "entry"):
            return
        what = f"entry {item['id']!r}"
        if item["kind"] == "ownership" and item["owner"] == "shared" and "split" not in item:
            self.errors.append(
                Problem(
                    name,
                    _line(lines, (*base, "owner")),
                    f"{what}: owner is 'shared' but there is no split: {{pm: ..., po: ...}}",
                )
            )
            return
        if item.get("related"):
            self._refs.append(
                (name, _line(lines, (*base, "related")), what, item["related"], "entry")
            )
        for phrase in [*item.get("keywords", []), *item.get("aliases", [])]:
            self._claim(phrase, what, name, line)
        common = {
            "id",
            "kind",
            "title",
            "verdict",
            "reason",
            "sources",
            "keywords",
            "aliases",
            "examples",
            "details",
            "related",
            "disagreement",
        }
        entry = self.entries[item["id"]] = Entry(
            id=item["id"],
            kind=item["kind"],
            title=item["title"],
            verdict=item["verdict"],
            reason=item.get("reason", ""),
            sources=tuple(item.get("sources", [])),
            keywords=tuple(item.get("keywords", [])),
            aliases=tuple(item.get("aliases", [])),
            examples=tuple(item.get("examples", [])),
            details=tuple(item.get("details", [])),
            related=tuple(item.get("related", [])),
            disagreement=item.get("disagreement"),
            extra={k: v for k, v in item.items() if k not in common},
            file=name,
            line=line,
        )
        sources_line = _line(lines, (*base, "sources"))
        self._refs.append((name, sources_line, what, entry.cited_ids(), "source"))

    def _claim(
        self,
        phrase: str,
        owner: str,
        name: str,
        line: int,
        claims: dict[str, tuple[str, str, int]] | None = None,
    ) -> None:
        """Warn when two owners claim one phrase (entries and synonyms are checked apart)."""
        claims = self._claims if claims is None else claims
        key = " ".join(phrase.lower().split())
        previous = claims.get(key)
        if previous and previous[0] != owner:
            self.warnings.append(
                Problem(
                    name,
                    line,
                    f"{owner} and {previous[0]} ({previous[1]}:{previous[2]}) "
                    f"both claim {key!r}; the bot's choice between them is arbitrary",
                )
            )
        else:
            claims[key] = (owner, name, line)

    def cross_check(self) -> list[Problem]:
        problems = []
        if not self.entries:
            problems.append(Problem("knowledge", 1, "no entries: add at least one entries: file"))
        for name, line, what, refs, kind in self._refs:
            known = self.sources if kind == "source" else self.entries
            for ref in refs:
                if ref not in known:
                    problems.append(Problem(name, line, f"{what}: unknown {kind} {ref!r}"))
        return problems
