"""JSON Schemas for the knowledge files.

Each file is a YAML mapping with exactly one top-level section: ``sources``, ``synonyms``,
``entries`` or ``advice``. Entries carry a ``kind`` that picks their schema, so admins can
split or merge files freely. Schemas are compiled once with fastjsonschema, which imports in
a few milliseconds (the CLI's cold start matters) where jsonschema takes ~100 ms.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import fastjsonschema

from bot.places import PLACES

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
OWNERS = ["pm", "po", "shared"]
ENTRY_KINDS = ["role", "ownership", "faq", "compare", "offtopic"]

_text = {"type": "string", "minLength": 1}
_text_list = {"type": "array", "items": _text}
_source_refs = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "minItems": 1}

_view = {
    "type": "object",
    "required": ["source", "says"],
    "additionalProperties": False,
    "properties": {"source": {"type": "string", "pattern": ID_PATTERN}, "says": _text},
}

_disagreement = {
    "type": "object",
    "required": ["summary", "views"],
    "additionalProperties": False,
    "properties": {"summary": _text, "views": {"type": "array", "items": _view, "minItems": 2}},
}

_common_props: dict[str, Any] = {
    "id": {"type": "string", "pattern": ID_PATTERN},
    "kind": {"enum": ENTRY_KINDS},
    "title": {"type": "string", "minLength": 1, "maxLength": 200},
    "keywords": _text_list,
    "aliases": _text_list,
    "examples": _text_list,
    "verdict": _text,
    "reason": _text,
    "details": _text_list,
    "disagreement": _disagreement,
    "sources": _source_refs,
    "related": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
}
_common_required = ["id", "kind", "title", "keywords", "verdict", "reason", "sources"]


def _entry_schema(extra_props: dict[str, Any], extra_required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": _common_required + extra_required,
        "additionalProperties": False,
        "properties": {**_common_props, **extra_props},
    }


_fact = {
    "type": "object",
    "required": ["label", "text", "sources"],
    "additionalProperties": False,
    "properties": {"label": _text, "text": _text, "sources": _source_refs},
}
_row = {
    "type": "object",
    "required": ["aspect", "pm", "po", "sources"],
    "additionalProperties": False,
    "properties": {"aspect": _text, "pm": _text, "po": _text, "sources": _source_refs},
}

# the countries or regions an entry's figures are for (bot/places.py names them): asked about
# another one, the answer says first that the sources have no figures for it
_figures_for = {"type": "array", "items": {"enum": list(PLACES)}, "minItems": 1}

ENTRY_SCHEMAS: dict[str, dict[str, Any]] = {
    "faq": _entry_schema({"figures_for": _figures_for}, []),
    "role": _entry_schema(
        {"role": {"enum": ["pm", "po"]}, "facts": {"type": "array", "items": _fact, "minItems": 1}},
        ["role", "facts"],
    ),
    "ownership": _entry_schema(
        {
            "owner": {"enum": OWNERS},
            "split": {
                "type": "object",
                "required": ["pm", "po"],
                "additionalProperties": False,
                "properties": {"pm": _text, "po": _text},
            },
        },
        ["owner"],
    ),
    "compare": _entry_schema({"rows": {"type": "array", "items": _row, "minItems": 1}}, ["rows"]),
    # What pmpo deliberately does not answer, learnt from examples like any topic: when one of
    # these is the closest match, the verdict is the polite decline and `related` the pointer.
    "offtopic": {
        "type": "object",
        "required": ["id", "kind", "title", "verdict", "examples"],
        "additionalProperties": False,
        "properties": {
            **{k: v for k, v in _common_props.items() if k not in ("disagreement",)},
            "examples": {"type": "array", "items": _text, "minItems": 1},
            "sources": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
        },
    },
}

SOURCE_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "publisher", "url"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "title": _text,
        "author": _text,
        "publisher": _text,
        "short": _text,
        "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
        "seed": _text,
        "url": {"type": "string", "pattern": "^https?://[^\\s|<>]+$"},
    },
}

SYNONYM_SCHEMA = {
    "type": "object",
    "required": ["term", "variants"],
    "additionalProperties": False,
    "properties": {
        "term": _text,
        "variants": {"type": "array", "items": _text, "minItems": 1},
        "whole": {"type": "boolean"},
    },
}

ADVICE_FACTS = [
    "squads",
    "people",
    "engineers",
    "products",
    "markets",
    "personas",
    "backlog_share",
    "strategy_suffering",
    "technical_founder",
    "experienced_hybrid",
    "stage",
]
ADVICE_STAGES = ["startup", "scale-up", "enterprise"]

_signal = {
    "type": "object",
    "required": ["id", "fact", "measures", "op", "threshold", "pushes", "weight", "source"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "fact": {"enum": ADVICE_FACTS},
        "measures": _text,
        "op": {"enum": ["<", "<=", ">", ">=", "==", "is"]},
        # numbers for counts and backlog_share (a percent, 0..100); true/false or a stage word
        # for `is`
        "threshold": {"anyOf": [{"type": "number"}, {"type": "boolean"}, {"enum": ADVICE_STAGES}]},
        "pushes": {"enum": ["split", "combine"]},
        "weight": {"type": "number", "minimum": 0, "maximum": 10},
        "source": {"type": "string", "pattern": ID_PATTERN},
        "note": _text,
    },
    # `is` compares true/false or a stage word; the other ops compare numbers
    "if": {"properties": {"op": {"const": "is"}}, "required": ["op"]},
    "then": {"properties": {"threshold": {"not": {"type": "number"}}}},
    "else": {"properties": {"threshold": {"type": "number"}}},
}

_situation = {
    "type": "object",
    "required": ["id", "title", "cues", "verdict", "reason", "sources"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "title": _text,
        "cues": {"type": "array", "items": _text, "minItems": 1},
        "verdict": _text,
        "reason": _text,
        "disagree": _text_list,
        "steps": _text_list,
        "sources": _source_refs,
    },
}

ADVICE_SCHEMA = {
    "type": "object",
    "required": ["signals"],
    "additionalProperties": False,
    "properties": {
        "signals": {"type": "array", "items": _signal, "minItems": 1},
        "decision": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "minimum": {"type": "number", "minimum": 0, "maximum": 100},
                "margin": {"type": "number", "minimum": 0, "maximum": 100},
            },
        },
        "questions": {
            "type": "object",
            "propertyNames": {"enum": ADVICE_FACTS},
            "additionalProperties": _text,
        },
        "next_steps": {
            "type": "object",
            "additionalProperties": _text_list,
        },
        "situations": {"type": "array", "items": _situation},
        "sources": _source_refs,
    },
}

SECTIONS = ("sources", "synonyms", "entries", "advice")


@cache
def validator(name: str) -> Any:
    """Compile on first use: compiling every schema up front would tax each CLI start."""
    schemas: dict[str, dict[str, Any]] = {
        "source": SOURCE_SCHEMA,
        "synonym": SYNONYM_SCHEMA,
        "advice": ADVICE_SCHEMA,
        **{f"entry:{kind}": schema for kind, schema in ENTRY_SCHEMAS.items()},
    }
    return fastjsonschema.compile(schemas[name])
