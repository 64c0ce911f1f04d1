"""YAML that cannot hurt the portal: bounded before anything is built.

`load_yaml_bounded(text, limits=...)` first reads the YAML *event stream* (libyaml's parser
when available; both parsers keep their own stack, so no recursion) and refuses, at the first
offence and with its line, an anchor or alias (`&name` / `*name`: the "billion laughs" bomb),
a tag (`!!timestamp`, `!!int` …: constructors that crash or build what no document holds),
an integer of more than NUMBER_DIGITS digits, nesting deeper than `limits.depth`, a list or
mapping longer than `limits.items`, or more than `limits.nodes` values in all. The text
itself is refused above `limits.text_bytes` before it is even parsed. Only a stream within
the limits is then constructed, with safe YAML that keeps dates as text (the caller checks
them, with a path) and reports duplicate keys.

`bounds_problems(data, limits=...)` checks the same limits on an already decoded document
(a dict from JSON or from a caller), walking it without recursion and stopping early.

Pure Python (no Django). Problems are plain strings, "line 12: …" or "path: …".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's parser is about ten times faster; the pure-Python one behaves the same.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ALIAS_MESSAGE = "aliases (&name / *name) are not allowed in a standard"
TAG_MESSAGE = "YAML tags (!name, !!type) are not allowed in a standard"
# A longer integer is no grade or number of months, and past 4,300 digits Python refuses to
# read it (a ValueError deep inside the YAML constructor, not a YAML error).
NUMBER_DIGITS = 100
_INT_RE = next(
    regexp
    for tag, regexp in yaml.SafeLoader.yaml_implicit_resolvers["1"]
    if tag == "tag:yaml.org,2002:int"
)
_PATH_SHOWN = 100  # characters of a path in a message: a nesting bomb's path is all "[0]"


@dataclass(frozen=True)
class Limits:
    """Upper bounds of a document: far above any real one, far below harm (see LIMITS)."""

    text_bytes: int  # the YAML text, UTF-8
    document_bytes: int  # the decoded document written out as JSON
    depth: int  # levels of lists and mappings
    items: int  # items of one list, keys of one mapping
    nodes: int  # values in all (scalars, lists, mappings)


class YamlRefused(ValueError):
    """YAML refused before or while decoding it. `.problems`: what is wrong, with lines."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def load_yaml_bounded(
    text: str, *, limits: Limits, known_top_keys: Iterable[str] | None = None
) -> Any:
    """Decode YAML text within `limits` (dates kept as strings); YamlRefused otherwise.

    `known_top_keys`, when given, lets a refusal also name the unknown top-level keys seen
    before it, which are usually its cause (a pasted blob under a stray key).
    """
    size = len(text.encode("utf-8"))
    if size > limits.text_bytes:
        raise YamlRefused([f"the YAML text is {_kb(size)}; {_at_most(limits.text_bytes)}"])
    try:
        _check_events(yaml.parse(text, Loader=_BaseLoader), limits, known_top_keys)
        return _construct(text)
    except YamlRefused:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # The constructors' own failures; the event pass leaves none we know of.
        raise YamlRefused([f"the YAML could not be read: {exc}"]) from exc
    except yaml.MarkedYAMLError as exc:
        raise YamlRefused([_syntax_problem(exc, limits)]) from exc
    except yaml.YAMLError as exc:
        raise YamlRefused([f"YAML error: {exc}"]) from exc


def _syntax_problem(exc: yaml.MarkedYAMLError, limits: Limits) -> str:
    mark = exc.problem_mark or exc.context_mark
    if "nesting depth" in (exc.problem or ""):
        # libyaml's own cap (1,000 open brackets) is met before our events see level 41.
        return f"line {mark.line + 1 if mark else 0}: nested deeper than {limits.depth} levels"
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    message = " ".join(filter(None, [exc.context, exc.problem]))
    return f"{where}YAML syntax error: {message}"


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def _at_most(limit: int) -> str:
    return f"a standard may be at most {_kb(limit)}"


# ---------------------------------------------------------------------------
# The event pass: limits checked while reading, nothing built.


@dataclass
class _Frame:
    """One open list or mapping of the event stream, and where the reader is in it."""

    is_mapping: bool
    count: int = 0  # items of a list, keys of a mapping
    at_key: bool = True  # a mapping's next node is a key
    key: str = ""  # the mapping's current key
    known_keys: tuple[str, ...] | None = None


@dataclass
class _Reader:
    limits: Limits
    known_top_keys: tuple[str, ...] | None
    stack: list[_Frame] = field(default_factory=list)
    nodes: int = 0
    unknown: list[str] = field(default_factory=list)

    def path(self) -> str:
        parts: list[str] = []
        for frame in self.stack:
            if frame.is_mapping:
                parts.append(("." if parts else "") + frame.key)
            else:
                parts.append(f"[{frame.count - 1}]")
        return "".join(parts)

    def refuse(self, event: yaml.Event, message: str) -> YamlRefused:
        path = self.path()
        if len(path) > _PATH_SHOWN:
            path = path[:_PATH_SHOWN] + "…"
        where = f" (at {path})" if path else ""
        return YamlRefused([*self.unknown, f"line {_line(event)}: {message}{where}"])

    def node(self, event: yaml.NodeEvent) -> None:
        """Count a scalar or the start of a collection, and place it in its parent."""
        if event.anchor is not None:
            raise self.refuse(event, ALIAS_MESSAGE)
        if event.tag is not None:  # only an explicit tag is reported
            raise self.refuse(event, TAG_MESSAGE)
        if isinstance(event, yaml.ScalarEvent) and _long_number(event):
            raise self.refuse(event, f"a number may have at most {NUMBER_DIGITS} digits")
        self.nodes += 1
        if self.nodes > self.limits.nodes:
            raise self.refuse(event, f"more than {self.limits.nodes:,} values in all")
        if self.stack:
            self._place(self.stack[-1], event)

    def _place(self, parent: _Frame, event: yaml.NodeEvent) -> None:
        if parent.is_mapping and not parent.at_key:
            parent.at_key = True
            return
        parent.count += 1
        if parent.count > self.limits.items:
            kind = "mapping may hold" if parent.is_mapping else "list may hold"
            unit = "keys" if parent.is_mapping else "items"
            raise self.refuse(event, f"a {kind} at most {self.limits.items:,} {unit}")
        if not parent.is_mapping:
            return
        if not isinstance(event, yaml.ScalarEvent):
            raise self.refuse(event, "a key must be plain text, not a list or mapping")
        parent.at_key = False
        parent.key = event.value
        if parent.known_keys is not None and event.value not in parent.known_keys:
            expected = ", ".join(parent.known_keys)
            self.unknown.append(
                f"line {_line(event)}: {event.value}: unknown key (expected {expected})"
            )

    def open(self, event: yaml.CollectionStartEvent) -> None:
        is_root = not self.stack
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        known = self.known_top_keys if is_root and is_mapping else None
        self.stack.append(_Frame(is_mapping=is_mapping, known_keys=known))
        if len(self.stack) > self.limits.depth:
            raise self.refuse(event, f"nested deeper than {self.limits.depth} levels")


def _long_number(event: yaml.ScalarEvent) -> bool:
    plain = not event.style  # libyaml says "", the pure-Python parser None
    return plain and len(event.value) > NUMBER_DIGITS and bool(_INT_RE.match(event.value))


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 0


def _check_events(
    events: Iterable[yaml.Event], limits: Limits, known_top_keys: Iterable[str] | None
) -> None:
    known = tuple(known_top_keys) if known_top_keys is not None else None
    reader = _Reader(limits=limits, known_top_keys=known)
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise reader.refuse(event, ALIAS_MESSAGE)
        if isinstance(event, yaml.NodeEvent):
            reader.node(event)
        if isinstance(event, yaml.CollectionStartEvent):
            reader.open(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            reader.stack.pop()


# ---------------------------------------------------------------------------
# Construction, once the stream is known to be within the limits.


class _Loader(_BaseLoader):
    """Safe YAML that keeps dates as text and reports duplicate mapping keys."""

    duplicate_keys: list[str]


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
            seen.add(key)
        except TypeError:
            continue  # unhashable key: the base constructor reports it
        if duplicate:
            mark = key_node.start_mark
            loader.duplicate_keys.append(
                f"line {mark.line + 1}, column {mark.column + 1}: duplicate key {key!r}"
            )
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct(text: str) -> Any:
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise YamlRefused(loader.duplicate_keys)
    return data


# ---------------------------------------------------------------------------
# The same limits on a decoded document.


def bounds_problems(data: Any, *, limits: Limits) -> list[str]:
    """The first limit a decoded document breaks, as ["path: message"], or [] (no recursion).

    Shared or cyclic references count each time they are reached, so a document that would
    expand when written out is stopped at the node limit instead.
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    nodes = size = 0
    while stack:
        value, path, depth = stack.pop()
        nodes += 1
        size += _scalar_bytes(value)
        where = path or "$"
        if nodes > limits.nodes:
            return [f"{where}: more than {limits.nodes:,} values in all"]
        if size > limits.document_bytes:
            return [f"{where}: the document is larger than {_kb(limits.document_bytes)}"]
        if depth > limits.depth:
            return [f"{where}: nested deeper than {limits.depth} levels"]
        if isinstance(value, Mapping | list | tuple) and len(value) > limits.items:
            return [f"{where}: at most {limits.items:,} items or keys"]
        if isinstance(value, int) and _digits(value) > NUMBER_DIGITS:
            return [f"{where}: a number may have at most {NUMBER_DIGITS} digits"]
        stack.extend(_children(value, path, depth))
    return []


def _children(value: Any, path: str, depth: int) -> list[tuple[Any, str, int]]:
    if isinstance(value, Mapping):
        prefix = f"{path}." if path else ""
        return [(item, f"{prefix}{key}", depth + 1) for key, item in value.items()]
    if isinstance(value, list | tuple):
        return [(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
    return []


def _scalar_bytes(value: Any) -> int:
    """A lower bound of the value's own share of its JSON text (containers: their brackets)."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, Mapping):
        return 2 + sum(len(str(key)) + 4 for key in value)
    if isinstance(value, list | tuple):
        return 2 + len(value)
    if isinstance(value, int):
        return _digits(value)
    return 4  # null, true, a float: short enough


def _digits(value: int) -> int:
    """Decimal digits of an integer, without writing it out (which Python refuses past 4,300)."""
    return 1 + math.floor(abs(value).bit_length() * math.log10(2))
