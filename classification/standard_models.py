"""The class-standard/1 format (docs/series-format.md) as typed, frozen pydantic models.

Strict (no coercion: `"17"` is not a grade), `extra="forbid"` (an unknown key is an error),
each field's own rule on its type (`Text`, `Date`, slugs …), and one model validator for the
checks across fields (duplicates, order, references between levels). `problems_of(error)`
turns a pydantic `ValidationError` into this project's "path: message" problems, e.g.
``levels[2].grade: must be an integer or null``.

Pure Python (no Django). `classification/standard_file.py` is the public entry point.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import re
import types
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_serializer,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from screening.engine.dates import date_in_window, window_message

FORMAT = "class-standard/1"

SERIES_SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LEVEL_ID_RE = SERIES_SLUG_RE
# Definition keys, predicate names and route names: `customer_service`, `open_competitive`.
KEY_RE = re.compile(r"[a-z0-9]+([_-][a-z0-9]+)*")
ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# ---------------------------------------------------------------------------
# Field types: each checks one value and says what is wrong in words.


def _problem(kind: str, message: str) -> PydanticCustomError:
    """An error whose message is final (no {placeholders} left for pydantic to fill)."""
    return PydanticCustomError(kind, message.replace("{", "{{").replace("}", "}}"))


def _verbatim(value: str) -> str:
    if not value.strip():
        raise _problem("empty", "must not be empty")
    if value != value.strip():
        raise _problem("untrimmed", "must not begin or end with whitespace")
    return value


def _verbatim_or_null(value: str) -> str:
    if not value.strip():
        raise _problem("empty", "must not be empty (use null when not stated)")
    return _verbatim(value)


def _iso_date(value: Any) -> Any:
    """An ISO date string (YYYY-MM-DD, a real calendar date) as a date."""
    if isinstance(value, datetime.datetime):
        raise _problem("date_time", "must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not ISO_DATE_RE.fullmatch(value):
        raise _problem("date_format", "must be an ISO date YYYY-MM-DD or null")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _problem("date_real", f"not a real date: {value}") from None


def _in_window(value: datetime.date) -> datetime.date:
    if not date_in_window(value):
        raise _problem("date_window", f"{window_message()} (not {value.isoformat()})")
    return value


def _slug(pattern: re.Pattern[str], what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise _problem("slug", f"must be {what}, not {value!r}")
        return value

    return AfterValidator(check)


def _at_least_one(what: str) -> AfterValidator:
    def check(value: tuple) -> tuple:
        if not value:
            raise _problem("empty_list", f"must list at least one {what}")
        return value

    return AfterValidator(check)


def _list_as_tuple(value: Any) -> Any:
    """YAML and JSON give lists; the frozen models keep tuples (anything else is refused)."""
    return tuple(value) if isinstance(value, list) else value


def _owned_mapping(value: Any) -> Any:
    """A private copy of plain data (rules, predicates): the caller's dict stays theirs."""
    return {} if value is None else copy.deepcopy(value)


T = TypeVar("T")
ListOf = Annotated[tuple[T, ...], BeforeValidator(_list_as_tuple)]
Text = Annotated[str, AfterValidator(_verbatim)]
OptionalText = Annotated[str, AfterValidator(_verbatim_or_null)] | None
Date = Annotated[datetime.date, BeforeValidator(_iso_date), AfterValidator(_in_window)]
Positive = Annotated[int, Field(ge=1)]
SeriesSlug = Annotated[str, _slug(SERIES_SLUG_RE, "a slug like 'call-center'")]
LevelId = Annotated[str, _slug(LEVEL_ID_RE, "a level id like 'representative-1'")]
DefinitionKey = Annotated[str, _slug(KEY_RE, "a key like 'customer_service'")]
PredicateName = Annotated[str, _slug(KEY_RE, "a predicate name like 'customer_service'")]
RouteName = Annotated[str, _slug(KEY_RE, "a route name like 'open_competitive'")]
PlainData = Annotated[dict[str, Any], BeforeValidator(_owned_mapping)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# The file.


class Source(_Model):
    """Provenance of the transcription."""

    file: Text
    transcribed: Date | None


class Definition(_Model):
    """A footnote or definition, e.g. `*Customer service is defined as …`."""

    key: DefinitionKey
    marker: OptionalText
    term: Text
    text: Text


class Parenthetic(_Model):
    """A parenthetic variant of the series' titles, e.g. HESC."""

    code: Text
    title: Text
    narrative: ListOf[Text]


class Attribute(_Model):
    """A personal attribute; `keyboarding_wpm` only on a measurable keyboarding attribute."""

    text: Text
    keyboarding_wpm: Positive | None = None

    @model_serializer(mode="wrap")
    def _without_absent_wpm(self, handler) -> dict[str, Any]:
        data = handler(self)
        if data.get("keyboarding_wpm") is None:
            data.pop("keyboarding_wpm", None)
        return data


class Route(_Model):
    """One way into a level (`entry`, `open_competitive`, `promotion`, …) and its rule."""

    route: RouteName
    text: Text
    rule: PlainData


class Qualifications(_Model):
    heading: OptionalText
    text: ListOf[Text]
    routes: Annotated[ListOf[Route], _at_least_one("route")]


class Level(_Model):
    id: LevelId
    order: Positive
    label: OptionalText
    title: Text
    parenthetic: OptionalText
    code: OptionalText
    code_as_printed: OptionalText
    grade: int | None
    probationary_period_months: Positive | None
    effective_date: Date | None
    effective_date_as_printed: OptionalText
    occupational_area: OptionalText
    work_area: OptionalText
    supervision_received: OptionalText
    distinguishing_characteristics: ListOf[Text]
    duties_heading: OptionalText
    duties: ListOf[Text]
    qualifications: Qualifications
    attributes_heading: OptionalText
    attributes: ListOf[Attribute]
    promotes_to: ListOf[LevelId]

    @property
    def routes(self) -> tuple[Route, ...]:
        return self.qualifications.routes

    @property
    def keyboarding_wpm(self) -> int | None:
        """The keyboarding minimum of the level's attributes, or None."""
        for attribute in self.attributes:
            if attribute.keyboarding_wpm is not None:
                return attribute.keyboarding_wpm
        return None


class StandardFile(_Model):
    """One class standard. `to_document()` is its canonical JSON-able form, `digest` its hash."""

    format: Literal["class-standard/1"]
    series: SeriesSlug
    title: Text
    issuer: OptionalText
    document_type: OptionalText
    occupational_code: OptionalText
    effective_date: Date | None
    effective_date_as_printed: OptionalText
    narrative: ListOf[Text]
    promotional_line: OptionalText
    notes: ListOf[Text]
    source: Source
    definitions: ListOf[Definition]
    predicates: Annotated[dict[PredicateName, Any], BeforeValidator(_owned_mapping)] = {}
    parenthetics: ListOf[Parenthetic] = ()
    levels: Annotated[ListOf[Level], _at_least_one("level")]

    @model_validator(mode="after")
    def _consistent(self) -> StandardFile:
        """The checks across fields, every problem at once (the fields themselves are valid)."""
        problems = [*_definition_problems(self), *_parenthetic_problems(self)]
        problems += [*_level_problems(self), *_route_problems(self), *_promotion_problems(self)]
        if problems:
            raise ValidationError.from_exception_data(
                "StandardFile",
                [
                    InitErrorDetails(type=_problem("consistency", message), loc=loc, input=None)
                    for loc, message in problems
                ],
            )
        return self

    def level(self, level_id: str) -> Level:
        """The level with this id (short, `1-hesc`, or full, `nys-…/1-hesc`)."""
        short = level_id.removeprefix(f"{self.series}/")
        for level in self.levels:
            if level.id == short:
                return level
        raise KeyError(level_id)

    def full_id(self, level: Level | str) -> str:
        """`<series>/<level id>`."""
        return f"{self.series}/{level if isinstance(level, str) else level.id}"

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    def to_document(self) -> dict[str, Any]:
        """The canonical JSON-able document (the YAML's structure, dates as ISO strings)."""
        return self.model_dump(mode="json")

    @cached_property
    def canonical_json(self) -> str:
        """The document as canonical JSON: sorted keys, no insignificant whitespace, UTF-8."""
        return json.dumps(
            self.to_document(),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )

    @cached_property
    def digest(self) -> str:
        """sha256 (hex) of the canonical JSON."""
        return hashlib.sha256(self.canonical_json.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------
# Checks across fields: (location, message) pairs.

Problem = tuple[tuple[str | int, ...], str]


def _definition_problems(standard: StandardFile) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, definition in enumerate(standard.definitions):
        if definition.key in first:
            where = f"definitions[{first[definition.key]}]"
            yield (
                ("definitions", i, "key"),
                f"duplicate definition key {definition.key!r} ({where})",
            )
        first.setdefault(definition.key, i)
    markers = [d.marker for d in standard.definitions if d.marker is not None]
    for marker in sorted({m for m in markers if markers.count(m) > 1}):
        yield ("definitions",), f"footnote marker {marker!r} is used more than once"


def _parenthetic_problems(standard: StandardFile) -> Iterator[Problem]:
    codes: set[str] = set()
    for i, parenthetic in enumerate(standard.parenthetics):
        if parenthetic.code in codes:
            yield ("parenthetics", i, "code"), f"duplicate parenthetic {parenthetic.code!r}"
        codes.add(parenthetic.code)


def _level_problems(standard: StandardFile) -> Iterator[Problem]:
    declared = {p.code for p in standard.parenthetics}
    first: dict[str, int] = {}
    seen_parenthetic = False
    for i, level in enumerate(standard.levels):
        if level.order != i + 1:
            yield ("levels", i, "order"), f"must be {i + 1} (the level's position in the file)"
        if level.id in first:
            yield (
                ("levels", i, "id"),
                f"duplicate level id {level.id!r} (levels[{first[level.id]}])",
            )
        first.setdefault(level.id, i)
        if level.parenthetic is not None and level.parenthetic not in declared:
            yield (
                ("levels", i, "parenthetic"),
                (f"{level.parenthetic!r} is not declared in parenthetics"),
            )
        if level.parenthetic is not None:
            seen_parenthetic = True
        elif seen_parenthetic:
            yield ("levels", i, "parenthetic"), "a plain level must come before parenthetic levels"


def _route_problems(standard: StandardFile) -> Iterator[Problem]:
    for i, level in enumerate(standard.levels):
        names: set[str] = set()
        for j, route in enumerate(level.routes):
            if route.route in names:
                loc = ("levels", i, "qualifications", "routes", j, "route")
                yield loc, f"duplicate route {route.route!r}"
            names.add(route.route)


def _promotion_problems(standard: StandardFile) -> Iterator[Problem]:
    ids = set(standard.level_ids)
    for i, level in enumerate(standard.levels):
        for j, target in enumerate(level.promotes_to):
            loc = ("levels", i, "promotes_to", j)
            if target in level.promotes_to[:j]:
                yield loc, f"duplicate level {target!r}"
            elif target not in ids:
                yield loc, f"unknown level {target!r}"
            elif target == level.id:
                yield loc, "a level cannot promote to itself"


# ---------------------------------------------------------------------------
# pydantic's errors in this project's words.

_TYPE_WORDS = {
    "string_type": "must be a string",
    "int_type": "must be an integer",
    "tuple_type": "must be a list",
    "model_type": "must be a mapping",
    "dict_type": "must be a mapping",
}


def problems_of(error: ValidationError) -> list[str]:
    """Each error of a StandardFile validation as "path: message"."""
    return [f"{_path(_owner(e))}: {_message(e)}" for e in error.errors(include_url=False)]


def _owner(error: Any) -> tuple[str | int, ...]:
    """Where to report an error: a key that is not a string is the mapping's own problem."""
    return error["loc"][:-1] if error["type"] == "invalid_key" else error["loc"]


def _path(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        if part == "[key]":
            continue  # a mapping key's own error: the path already ends with the key
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text or "$"


def _message(error: Any) -> str:
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        expected = ", ".join(_keys_at(loc[:-1]))
        return f"unknown key (expected {expected})" if expected else "unknown key"
    if kind == "invalid_key":
        return f"keys must be strings, not {error['input']!r}"
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind] + (" or null" if _allows_none(_annotation_at(loc)) else "")
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}"
    if kind == "literal_error":
        return f"must be {ctx['expected']}, not {error['input']!r}"
    return error["msg"]  # this module's own errors are already in words


def _annotation_at(loc: tuple[str | int, ...]) -> Any:
    """The declared type at a location of the document (None when it is not a field)."""
    annotation: Any = StandardFile
    for part in loc:
        annotation = _bare(annotation)
        if isinstance(part, int):
            args = get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else None
        else:
            return None
    return annotation


def _bare(annotation: Any) -> Any:
    """The type without `Annotated[…]` and without `| None`."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif _allows_none(annotation):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _allows_none(annotation: Any) -> bool:
    is_union = get_origin(annotation) in (Union, types.UnionType)
    return is_union and type(None) in get_args(annotation)


def _keys_at(loc: tuple[str | int, ...]) -> list[str]:
    model = _bare(_annotation_at(loc))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []
