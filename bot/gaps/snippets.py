"""A gap group -> YAML an admin pastes into `knowledge/` and commits.

Two shapes, and a note. When pmpo came close (it asked back, or the closest entry shares the
group's content words): the phrasings people used, as lines to add to that entry's `examples:`
list. Otherwise: a new entry skeleton with the right kind, an unused id, keywords and the
phrasings as examples; the answer fields are left empty with a TODO comment, so `pmpo kb check`
refuses the entry, at that line, until someone writes the answer. When the askers chose
*Advice for your team* instead, the stories wanted the advisor, which no YAML routes to: a
note says so, rather than filing team stories under an FAQ they did not want.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bot.answer import ADVISOR_CHOICE
from bot.gaps.grouping import Group
from bot.gaps.text import signature
from bot.kb.model import Entry, KnowledgeBase
from bot.kb.schema import ENTRY_SCHEMAS

INDENT = "    "  # fields of an entry: `entries:` holds `  - id: …` items


def phrasing_field() -> str:
    """Where example phrasings go: the `examples:` list where the schema has one."""
    return "examples" if "examples" in ENTRY_SCHEMAS["faq"]["properties"] else "aliases"


@dataclass(frozen=True)
class Snippet:
    # "add" (phrasings for an existing entry), "new" (entry skeleton) or "advisor" (a note)
    mode: str
    file: str  # knowledge file it belongs in, e.g. "faq.yml"
    entry_id: str
    yaml: str  # the lines to paste, comments included
    field: str = ""  # "add": the list the lines go in

    def as_dict(self) -> dict[str, str]:
        return {
            "mode": self.mode,
            "file": self.file,
            "entry_id": self.entry_id,
            "field": self.field,
            "yaml": self.yaml,
        }


def suggest(group: Group, kb: KnowledgeBase) -> Snippet:
    if group.entry_id == ADVISOR_CHOICE:
        return advisor_note(group)
    entry = kb.entries.get(group.entry_id or "")
    if entry is not None and _close(group, entry):
        return add_phrasings(group, entry)
    return new_entry(group, kb, entry)


def _close(group: Group, entry: Entry) -> bool:
    if group.picked:
        return True  # the askers themselves chose it (`entry_id` is the most picked)
    if group.none_fit:
        return False  # they said none of the entries offered fits: a new one is wanted
    if group.kind == "clarify":
        return True  # pmpo offered it: the words should have led straight there
    if group.kind == "unhelpful":
        return False  # the entry was shown and did not help: something else is wanted
    words = set().union(*(signature(q) for q in group.samples)) if group.samples else set()
    texts = (entry.title, *entry.keywords, *entry.aliases, *getattr(entry, "examples", ()))
    known = set().union(*(signature(t) for t in texts))
    return bool(words & known)


def add_phrasings(group: Group, entry: Entry) -> Snippet:
    name = phrasing_field()
    current = list(getattr(entry, name, ()) or ())
    have = {c.lower() for c in current}
    new = [p for p in group.samples if p.lower() not in have] or list(group.samples[:1])
    items = [f"{INDENT}  - {json.dumps(p, ensure_ascii=False)}" for p in new]
    where = f"`{entry.id}` ({entry.file}, line {entry.line})"
    if current:
        header = f"# Add these lines at the end of the `{name}:` list of {where}:"
    else:
        header = f"# Add these lines to {where}, e.g. under its `keywords:` line:"
        items.insert(0, f"{INDENT}{name}:")
    picks = group.picked.get(entry.id, 0)
    why = (
        f"# {group.count} question(s) like these; askers picked `{entry.id}` {picks} time(s) "
        "from the choices offered."
        if picks
        else f"# {group.count} question(s) like these came close to `{entry.id}`."
    )
    lines = [why, header, *items]
    return Snippet("add", entry.file, entry.id, "\n".join(lines) + "\n", name)


def advisor_note(group: Group) -> Snippet:
    picks = group.picked.get(ADVISOR_CHOICE, 0)
    lines = [
        f"# {group.count} question(s) like these; askers chose *Advice for your team* {picks}",
        "# time(s) from the choices offered: team stories that wanted the split/combine advisor.",
        "# Nothing to paste: knowledge/ routes no question to the advisor (its cues are in",
        "# bot/advisor_intent.py), and filing these under an entry would answer the next such",
        "# story with that entry. Pass the phrasings on to pmpo's maintainers:",
        *(f"#   {json.dumps(p, ensure_ascii=False)}" for p in group.samples),
    ]
    return Snippet("advisor", "", ADVISOR_CHOICE, "\n".join(lines) + "\n")


def new_entry(group: Group, kb: KnowledgeBase, closest: Entry | None) -> Snippet:
    kind = "ownership" if _owner_question(group, closest) else "faq"
    file = _file_for(kind, kb)
    entry_id = _unused_id(("owns-" if kind == "ownership" else "faq-") + _slug(group), kb)
    sources = list(closest.sources) if closest else list(kb.sources)[:1] or ["TODO"]
    keywords = list(group.words[:3]) or [group.samples[0] if group.samples else "TODO"]
    example = group.samples[0] if group.samples else ""
    lines = [
        f"# New {kind} entry for {file}: paste under `entries:`, write the three TODO",
        f"# fields, then `pmpo kb check` and `/pmpo reload`. Asked {group.count} time(s).",
        f"  - id: {entry_id}",
        f"{INDENT}kind: {kind}",
        f"{INDENT}title:  # TODO: a short heading, e.g. {json.dumps(example, ensure_ascii=False)}",
    ]
    if kind == "ownership":
        lines.append(f"{INDENT}owner: shared  # check: pm, po or shared")
    lines += [
        f"{INDENT}keywords: {_flow(keywords)}",
        f"{INDENT}{phrasing_field()}: {_flow(list(group.samples))}",
        f"{INDENT}verdict:  # TODO: the answer in one sentence",
        f"{INDENT}reason:  # TODO: one line saying why",
        f"{INDENT}sources: {_flow(sources, quote=False)}  # check: ids from sources.yml",
    ]
    if closest is not None:
        lines.append(f"{INDENT}related: [{closest.id}]")
    return Snippet("new", file, entry_id, "\n".join(lines) + "\n")


def _owner_question(group: Group, closest: Entry | None) -> bool:
    asks_who = any(q.split()[:1] == ["who"] for q in group.samples)
    return asks_who or (closest is not None and closest.kind == "ownership")


def _file_for(kind: str, kb: KnowledgeBase) -> str:
    files = [e.file for e in kb.entries.values() if e.kind == kind and e.file]
    return max(set(files), key=files.count) if files else f"{kind}.yml"


def _slug(group: Group) -> str:
    text = "-".join(group.words[:3]) or "question"
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")[:40] or "question"


def _unused_id(base: str, kb: KnowledgeBase) -> str:
    candidate, n = base, 2
    while candidate in kb.entries:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _flow(items: list[str], *, quote: bool = True) -> str:
    """A one-line YAML list; double-quoted strings are JSON, which YAML reads verbatim, so
    "no", "yes" or "10%" stay text."""
    shown = [json.dumps(i, ensure_ascii=False) if quote else i for i in items]
    return "[" + ", ".join(shown) + "]"
