"""Turn YAML text into plain Python values plus a map from each value's path to its line.

PyYAML's own loaders lose line numbers, silently keep the last of two duplicate keys and
expand aliases (the "billion laughs" bomb). Composing the node graph and converting it here
gives `file:line:` messages for every problem and refuses what knowledge files never need.

Before composing, one pass over the event stream (libyaml's parser keeps its own stack, so it
never recurses) refuses nesting deeper than `MAX_DEPTH`: the composer recurses per level, and
`[[[[...` fifty thousand deep overflows the C stack and kills the process. Aliases compose
cheaply (one shared node), so the alias bomb is refused while converting, at its anchor.
libyaml 0.2.6 (in PyYAML 6.0.4 wheels) has its own limit of about 1,000 levels, which its
scanner can hit before our pass sees level 25; both give the same message.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

try:  # libyaml's composer is ~10x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

MAX_DEPTH = 24  # knowledge files nest about 7 levels; anything near this is a mistake or attack
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlProblem(Exception):
    """A problem at one line of one file; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse(text: str) -> tuple[Any, dict[Path, int]]:
    """Return (value, lines) where lines maps a path such as ("entries", 3, "owner") to a line."""
    try:
        _check_shape(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or ""
        if "nesting depth" in problem:
            raise YamlProblem(line, _TOO_DEEP) from None
        raise YamlProblem(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"invalid YAML: {exc}") from None
    if node is None:
        raise YamlProblem(1, "file is empty")
    lines: dict[Path, int] = {}
    seen: set[int] = set()
    constructor = yaml.constructor.SafeConstructor()
    try:
        value = _convert(node, (), lines, seen, constructor)
    except RecursionError:  # not reached after _check_shape; kept as a last line of defence
        raise YamlProblem(1, _TOO_DEEP) from None
    return value, lines


def _check_shape(text: str) -> None:
    """Refuse deep nesting from the event stream, before anything recurses."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise YamlProblem(line, _TOO_DEEP)
        elif isinstance(event, _CLOSE):
            depth -= 1


def _convert(
    node: yaml.Node,
    path: Path,
    lines: dict[Path, int],
    seen: set[int],
    constructor: yaml.constructor.SafeConstructor,
) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise YamlProblem(line, "anchors and aliases (&name / *name) are not allowed")
    seen.add(id(node))
    lines[path] = line
    if node.tag not in _SAFE_TAGS:
        raise YamlProblem(line, f"tag {node.tag!r} is not allowed; write plain values")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_line, "mapping keys must be plain words")
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                raise YamlProblem(key_line, "merge keys (<<) are not allowed")
            key = str(key_node.value)
            if key in result:
                raise YamlProblem(
                    key_line, f"duplicate key {key!r} (first at line {first_line[key]})"
                )
            first_line[key] = key_line
            result[key] = _convert(value_node, (*path, key), lines, seen, constructor)
            lines[(*path, key)] = key_line  # point at the key, where an admin looks first
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), lines, seen, constructor)
            for i, item in enumerate(node.value)
        ]
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # the common case, without the constructor's bookkeeping
    try:
        value = constructor.construct_object(node)
    except yaml.YAMLError as exc:
        raise YamlProblem(line, f"bad value: {exc}") from None
    except ValueError:  # e.g. an integer longer than Python's 4,300-digit conversion limit
        raise YamlProblem(line, f"bad value: {node.value[:20]!r}… is not a usable number") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise YamlProblem(line, f"bad value: {node.value!r} is not a finite number")
    return value
