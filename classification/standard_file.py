"""The `series_data/` file format (class-standard/1, docs/series-format.md) as typed objects.

Pure Python (no Django): `load_standard_file(path)` reads one YAML file,
`parse_standard(data, source=...)` checks a decoded document. Both refuse a bad file with
`StandardFileError`, whose `.problems` names every problem by its path, e.g.
``series_data/x.yaml: levels[2].grade: must be an integer or null``.

`StandardFile.to_document()` is the canonical JSON-able form (the same structure as the
YAML, dates as ISO strings); `StandardFile.digest` is the sha256 of its canonical JSON
(sorted keys), which the loader uses for idempotency. ``parse_standard(f.to_document())``
round-trips to an object equal to ``f``.

Rules and predicates are kept as their plain (JSON) data; they are validated with the
screening engine's rule language when the file is parsed.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

FORMAT = "class-standard/1"

SERIES_SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LEVEL_ID_RE = SERIES_SLUG_RE
# Definition keys, predicate names and route names: `customer_service`, `open_competitive`.
KEY_RE = re.compile(r"[a-z0-9]+([_-][a-z0-9]+)*")
ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class StandardFileError(ValueError):
    """A standard file that breaks class-standard/1. `.problems`: every problem, by path."""

    def __init__(self, problems: list[str], *, source: str = ""):
        self.problems = list(problems)
        self.source = source
        super().__init__("\n".join(self.problems) if self.problems else "invalid standard file")


# ---------------------------------------------------------------------------
# The typed file.


@dataclass(frozen=True)
class Source:
    """Provenance of the transcription."""

    file: str
    transcribed: datetime.date | None


@dataclass(frozen=True)
class Definition:
    """A footnote or definition, e.g. `*Customer service is defined as …`."""

    key: str
    marker: str | None
    term: str
    text: str


@dataclass(frozen=True)
class Parenthetic:
    """A parenthetic variant of the series' titles, e.g. HESC."""

    code: str
    title: str
    narrative: tuple[str, ...]


@dataclass(frozen=True)
class Attribute:
    """A personal attribute; `keyboarding_wpm` only on a measurable keyboarding attribute."""

    text: str
    keyboarding_wpm: int | None = None


@dataclass(frozen=True)
class Route:
    """One way into a level (`entry`, `open_competitive`, `promotion`, …) and its rule."""

    route: str
    text: str
    rule: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class Qualifications:
    heading: str | None
    text: tuple[str, ...]
    routes: tuple[Route, ...]


@dataclass(frozen=True)
class Level:
    id: str
    order: int
    label: str | None
    title: str
    parenthetic: str | None
    code: str | None
    code_as_printed: str | None
    grade: int | None
    probationary_period_months: int | None
    effective_date: datetime.date | None
    effective_date_as_printed: str | None
    occupational_area: str | None
    work_area: str | None
    supervision_received: str | None
    distinguishing_characteristics: tuple[str, ...]
    duties_heading: str | None
    duties: tuple[str, ...]
    qualifications: Qualifications
    attributes_heading: str | None
    attributes: tuple[Attribute, ...]
    promotes_to: tuple[str, ...]

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


@dataclass(frozen=True)
class StandardFile:
    format: str
    series: str
    title: str
    issuer: str | None
    document_type: str | None
    occupational_code: str | None
    effective_date: datetime.date | None
    effective_date_as_printed: str | None
    narrative: tuple[str, ...]
    promotional_line: str | None
    notes: tuple[str, ...]
    source: Source
    definitions: tuple[Definition, ...]
    predicates: dict[str, Any] = field(hash=False)
    parenthetics: tuple[Parenthetic, ...] = ()
    levels: tuple[Level, ...] = ()
    # Where the file came from (for messages); not part of the content.
    origin: str = field(default="", compare=False, hash=False)

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
        return {
            "format": self.format,
            "series": self.series,
            "title": self.title,
            "issuer": self.issuer,
            "document_type": self.document_type,
            "occupational_code": self.occupational_code,
            "effective_date": _iso(self.effective_date),
            "effective_date_as_printed": self.effective_date_as_printed,
            "narrative": list(self.narrative),
            "promotional_line": self.promotional_line,
            "notes": list(self.notes),
            "source": {"file": self.source.file, "transcribed": _iso(self.source.transcribed)},
            "definitions": [
                {"key": d.key, "marker": d.marker, "term": d.term, "text": d.text}
                for d in self.definitions
            ],
            "predicates": copy.deepcopy(self.predicates),
            "parenthetics": [
                {"code": p.code, "title": p.title, "narrative": list(p.narrative)}
                for p in self.parenthetics
            ],
            "levels": [_level_document(level) for level in self.levels],
        }

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


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _level_document(level: Level) -> dict[str, Any]:
    attributes = []
    for attribute in level.attributes:
        item: dict[str, Any] = {"text": attribute.text}
        if attribute.keyboarding_wpm is not None:
            item["keyboarding_wpm"] = attribute.keyboarding_wpm
        attributes.append(item)
    return {
        "id": level.id,
        "order": level.order,
        "label": level.label,
        "title": level.title,
        "parenthetic": level.parenthetic,
        "code": level.code,
        "code_as_printed": level.code_as_printed,
        "grade": level.grade,
        "probationary_period_months": level.probationary_period_months,
        "effective_date": _iso(level.effective_date),
        "effective_date_as_printed": level.effective_date_as_printed,
        "occupational_area": level.occupational_area,
        "work_area": level.work_area,
        "supervision_received": level.supervision_received,
        "distinguishing_characteristics": list(level.distinguishing_characteristics),
        "duties_heading": level.duties_heading,
        "duties": list(level.duties),
        "qualifications": {
            "heading": level.qualifications.heading,
            "text": list(level.qualifications.text),
            "routes": [
                {"route": r.route, "text": r.text, "rule": copy.deepcopy(r.rule)}
                for r in level.qualifications.routes
            ],
        },
        "attributes_heading": level.attributes_heading,
        "attributes": attributes,
        "promotes_to": list(level.promotes_to),
    }


# ---------------------------------------------------------------------------
# Reading YAML.


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (checked by the parser, with a path) and reports
    duplicate mapping keys instead of silently keeping the last one."""

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


def load_yaml(text: str, *, source: str) -> Any:
    """Decode YAML text (dates kept as strings); StandardFileError on syntax or duplicates."""
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        message = " ".join(filter(None, [exc.context, exc.problem]))
        raise StandardFileError(
            [f"{source}: {where}YAML syntax error: {message}"], source=source
        ) from exc
    except yaml.YAMLError as exc:
        raise StandardFileError([f"{source}: YAML error: {exc}"], source=source) from exc
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise StandardFileError([f"{source}: {d}" for d in loader.duplicate_keys], source=source)
    return data


def load_standard_file(path: str | Path) -> StandardFile:
    """Read and check one `series_data/*.yaml` file."""
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StandardFileError([f"{source}: cannot read: {exc.strerror}"], source=source) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StandardFileError(
            [f"{source}: not UTF-8 (byte {exc.start}: {exc.reason})"], source=source
        ) from exc
    data = load_yaml(text, source=source)
    standard = parse_standard(data, source=source)
    expected = f"{standard.series}.yaml"
    if path.suffix == ".yaml" and path.name != expected:
        raise StandardFileError(
            [f"{source}: series: {standard.series!r} must be in a file named {expected}"],
            source=source,
        )
    return standard


def discover_standard_files(folder: str | Path) -> list[Path]:
    """The `*.yaml` files of a folder, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


# ---------------------------------------------------------------------------
# Checking a decoded document.

_MISSING = object()


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def mapping(
        self,
        value: Any,
        path: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Any] | None:
        """A mapping with these keys: every missing required key and unknown key is reported."""
        if not isinstance(value, Mapping):
            self.add(path or "$", "must be a mapping")
            return None
        prefix = f"{path}." if path else ""
        for key in value:
            if not isinstance(key, str):
                self.add(path or "$", f"keys must be strings, not {key!r}")
            elif key not in required and key not in optional:
                expected = ", ".join((*required, *optional))
                self.add(f"{prefix}{key}", f"unknown key (expected {expected})")
        for key in required:
            if key not in value:
                self.add(f"{prefix}{key}", "is required")
        return dict(value)

    def text(self, value: Any, path: str, *, nullable: bool = False) -> str | None:
        """A non-empty string without surrounding whitespace (verbatim text), or null."""
        if value is _MISSING:
            return None
        if value is None:
            if not nullable:
                self.add(path, "must be a non-empty string")
            return None
        if not isinstance(value, str):
            self.add(path, "must be a string or null" if nullable else "must be a string")
            return None
        if not value.strip():
            self.add(
                path, "must not be empty" + (" (use null when not stated)" if nullable else "")
            )
            return None
        if value != value.strip():
            self.add(path, "must not begin or end with whitespace")
        return value

    def integer(
        self, value: Any, path: str, *, nullable: bool = False, minimum: int | None = None
    ) -> int | None:
        if value is _MISSING or (value is None and nullable):
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(path, "must be an integer or null" if nullable else "must be an integer")
            return None
        if minimum is not None and value < minimum:
            self.add(path, f"must be at least {minimum}")
            return None
        return value

    def date(self, value: Any, path: str) -> datetime.date | None:
        """An ISO date (YYYY-MM-DD, a real calendar date) or null."""
        if value is _MISSING or value is None:
            return None
        if isinstance(value, datetime.datetime):
            self.add(path, "must be a date (YYYY-MM-DD), not a date and time")
            return None
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, str) or not ISO_DATE_RE.fullmatch(value):
            self.add(path, "must be an ISO date YYYY-MM-DD or null")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.add(path, f"not a real date: {value}")
            return None

    def slug(self, value: Any, path: str, pattern: re.Pattern[str], what: str) -> str | None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            self.add(path, f"must be {what}, not {value!r}")
            return None
        return value

    def text_list(self, value: Any, path: str) -> tuple[str, ...]:
        if value is _MISSING:
            return ()
        if not isinstance(value, list):
            self.add(path, "must be a list of strings")
            return ()
        items = [self.text(item, f"{path}[{i}]") for i, item in enumerate(value)]
        return tuple(item for item in items if item is not None)

    def items(self, value: Any, path: str, what: str = "items") -> list[Any]:
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.add(path, f"must be a list of {what}")
            return []
        return value


_TOP_REQUIRED = (
    "format",
    "series",
    "title",
    "issuer",
    "document_type",
    "occupational_code",
    "effective_date",
    "effective_date_as_printed",
    "narrative",
    "promotional_line",
    "notes",
    "source",
    "definitions",
    "levels",
)
_TOP_OPTIONAL = ("predicates", "parenthetics")
_LEVEL_REQUIRED = (
    "id",
    "order",
    "label",
    "title",
    "parenthetic",
    "code",
    "code_as_printed",
    "grade",
    "probationary_period_months",
    "effective_date",
    "effective_date_as_printed",
    "occupational_area",
    "work_area",
    "supervision_received",
    "distinguishing_characteristics",
    "duties_heading",
    "duties",
    "qualifications",
    "attributes_heading",
    "attributes",
    "promotes_to",
)


def parse_standard(data: Any, *, source: str = "") -> StandardFile:
    """Check a decoded class-standard/1 document; StandardFileError lists every problem."""
    c = _Checker()
    top = c.mapping(data, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    if top is None:
        raise _error(c, source)
    get = top.get

    fmt = get("format", _MISSING)
    if fmt is not _MISSING and fmt != FORMAT:
        c.add("format", f"must be {FORMAT!r}, not {fmt!r}")
    series = get("series", _MISSING)
    if series is not _MISSING:
        series = c.slug(series, "series", SERIES_SLUG_RE, "a slug like 'call-center'")

    definitions = _definitions(c, get("definitions", _MISSING))
    parenthetics = _parenthetics(c, get("parenthetics", []))
    predicates_raw = get("predicates", {})
    if predicates_raw is None:
        predicates_raw = {}
    predicates: dict[str, Any] = {}
    if not isinstance(predicates_raw, Mapping):
        c.add("predicates", "must be a mapping of predicate names to predicates")
    else:
        for name, body in predicates_raw.items():
            if c.slug(
                name, f"predicates.{name}", KEY_RE, "a predicate name like 'customer_service'"
            ):
                predicates[name] = copy.deepcopy(body)

    levels = _levels(c, get("levels", _MISSING), {p.code for p in parenthetics})

    source_block = c.mapping(get("source", {}), "source", ("file", "transcribed"))
    provenance = Source(
        file=c.text((source_block or {}).get("file", _MISSING), "source.file") or "",
        transcribed=c.date((source_block or {}).get("transcribed", _MISSING), "source.transcribed"),
    )

    standard = StandardFile(
        format=FORMAT,
        series=series if isinstance(series, str) else "",
        title=c.text(get("title", _MISSING), "title") or "",
        issuer=c.text(get("issuer", _MISSING), "issuer", nullable=True),
        document_type=c.text(get("document_type", _MISSING), "document_type", nullable=True),
        occupational_code=c.text(
            get("occupational_code", _MISSING), "occupational_code", nullable=True
        ),
        effective_date=c.date(get("effective_date", _MISSING), "effective_date"),
        effective_date_as_printed=c.text(
            get("effective_date_as_printed", _MISSING), "effective_date_as_printed", nullable=True
        ),
        narrative=c.text_list(get("narrative", _MISSING), "narrative"),
        promotional_line=c.text(
            get("promotional_line", _MISSING), "promotional_line", nullable=True
        ),
        notes=c.text_list(get("notes", _MISSING), "notes"),
        source=provenance,
        definitions=definitions,
        predicates=predicates,
        parenthetics=parenthetics,
        levels=levels,
        origin=source,
    )
    if not c.problems:
        _check_rules(c, standard)
    if c.problems:
        raise _error(c, source)
    return standard


def _error(c: _Checker, source: str) -> StandardFileError:
    prefix = f"{source}: " if source else ""
    return StandardFileError([prefix + p for p in c.problems], source=source)


def _definitions(c: _Checker, value: Any) -> tuple[Definition, ...]:
    result = []
    keys: dict[str, int] = {}
    for i, item in enumerate(c.items(value, "definitions", "definitions")):
        path = f"definitions[{i}]"
        d = c.mapping(item, path, ("key", "marker", "term", "text"))
        if d is None:
            continue
        key = c.slug(d.get("key"), f"{path}.key", KEY_RE, "a key like 'customer_service'")
        if key is not None:
            if key in keys:
                c.add(f"{path}.key", f"duplicate definition key {key!r} (definitions[{keys[key]}])")
            keys.setdefault(key, i)
        result.append(
            Definition(
                key=key or "",
                marker=c.text(d.get("marker", _MISSING), f"{path}.marker", nullable=True),
                term=c.text(d.get("term", _MISSING), f"{path}.term") or "",
                text=c.text(d.get("text", _MISSING), f"{path}.text") or "",
            )
        )
    markers = [d.marker for d in result if d.marker is not None]
    for marker in {m for m in markers if markers.count(m) > 1}:
        c.add("definitions", f"footnote marker {marker!r} is used more than once")
    return tuple(result)


def _parenthetics(c: _Checker, value: Any) -> tuple[Parenthetic, ...]:
    result = []
    codes: set[str] = set()
    for i, item in enumerate(c.items(value, "parenthetics", "parenthetics")):
        path = f"parenthetics[{i}]"
        p = c.mapping(item, path, ("code", "title", "narrative"))
        if p is None:
            continue
        code = c.text(p.get("code", _MISSING), f"{path}.code")
        if code is not None:
            if code in codes:
                c.add(f"{path}.code", f"duplicate parenthetic {code!r}")
            codes.add(code)
        result.append(
            Parenthetic(
                code=code or "",
                title=c.text(p.get("title", _MISSING), f"{path}.title") or "",
                narrative=c.text_list(p.get("narrative", _MISSING), f"{path}.narrative"),
            )
        )
    return tuple(result)


def _levels(c: _Checker, value: Any, parenthetics: set[str]) -> tuple[Level, ...]:
    items = c.items(value, "levels", "levels")
    if value is not _MISSING and isinstance(value, list) and not items:
        c.add("levels", "must list at least one level")
    levels: list[Level] = []
    first_index: dict[str, int] = {}
    for i, item in enumerate(items):
        level = _level(c, item, f"levels[{i}]", i + 1, parenthetics)
        if level is None:
            continue
        if level.id:
            if level.id in first_index:
                c.add(
                    f"levels[{i}].id",
                    f"duplicate level id {level.id!r} (levels[{first_index[level.id]}])",
                )
            first_index.setdefault(level.id, i)
        levels.append(level)
    # Parenthetic levels come after the plain ones.
    seen_parenthetic = False
    for i, level in enumerate(levels):
        if level.parenthetic is not None:
            seen_parenthetic = True
        elif seen_parenthetic:
            c.add(f"levels[{i}].parenthetic", "a plain level must come before parenthetic levels")
    # promotes_to names levels of the file.
    for i, level in enumerate(levels):
        for j, target in enumerate(level.promotes_to):
            path = f"levels[{i}].promotes_to[{j}]"
            if target not in first_index:
                c.add(path, f"unknown level {target!r}")
            elif target == level.id:
                c.add(path, "a level cannot promote to itself")
    return tuple(levels)


def _level(
    c: _Checker, item: Any, path: str, position: int, parenthetics: set[str]
) -> Level | None:
    d = c.mapping(item, path, _LEVEL_REQUIRED)
    if d is None:
        return None
    get = d.get
    level_id = c.slug(
        get("id", _MISSING), f"{path}.id", LEVEL_ID_RE, "a level id like 'representative-1'"
    )
    order = c.integer(get("order", _MISSING), f"{path}.order", minimum=1)
    if order is not None and order != position:
        c.add(f"{path}.order", f"must be {position} (the level's position in the file)")
    parenthetic = c.text(get("parenthetic", _MISSING), f"{path}.parenthetic", nullable=True)
    if parenthetic is not None and parenthetic not in parenthetics:
        c.add(f"{path}.parenthetic", f"{parenthetic!r} is not declared in parenthetics")

    promotes_raw = get("promotes_to", _MISSING)
    promotes: list[str] = []
    if promotes_raw is not _MISSING:
        if not isinstance(promotes_raw, list):
            c.add(f"{path}.promotes_to", "must be a list of level ids ([] when not stated)")
        else:
            for j, target in enumerate(promotes_raw):
                tp = f"{path}.promotes_to[{j}]"
                if c.slug(target, tp, LEVEL_ID_RE, "a level id") is not None:
                    if target in promotes:
                        c.add(tp, f"duplicate level {target!r}")
                    else:
                        promotes.append(target)

    return Level(
        id=level_id or "",
        order=order or position,
        label=c.text(get("label", _MISSING), f"{path}.label", nullable=True),
        title=c.text(get("title", _MISSING), f"{path}.title") or "",
        parenthetic=parenthetic,
        code=c.text(get("code", _MISSING), f"{path}.code", nullable=True),
        code_as_printed=c.text(
            get("code_as_printed", _MISSING), f"{path}.code_as_printed", nullable=True
        ),
        grade=c.integer(get("grade", _MISSING), f"{path}.grade", nullable=True),
        probationary_period_months=c.integer(
            get("probationary_period_months", _MISSING),
            f"{path}.probationary_period_months",
            nullable=True,
            minimum=1,
        ),
        effective_date=c.date(get("effective_date", _MISSING), f"{path}.effective_date"),
        effective_date_as_printed=c.text(
            get("effective_date_as_printed", _MISSING),
            f"{path}.effective_date_as_printed",
            nullable=True,
        ),
        occupational_area=c.text(
            get("occupational_area", _MISSING), f"{path}.occupational_area", nullable=True
        ),
        work_area=c.text(get("work_area", _MISSING), f"{path}.work_area", nullable=True),
        supervision_received=c.text(
            get("supervision_received", _MISSING), f"{path}.supervision_received", nullable=True
        ),
        distinguishing_characteristics=c.text_list(
            get("distinguishing_characteristics", _MISSING),
            f"{path}.distinguishing_characteristics",
        ),
        duties_heading=c.text(
            get("duties_heading", _MISSING), f"{path}.duties_heading", nullable=True
        ),
        duties=c.text_list(get("duties", _MISSING), f"{path}.duties"),
        qualifications=_qualifications(
            c, get("qualifications", _MISSING), f"{path}.qualifications"
        ),
        attributes_heading=c.text(
            get("attributes_heading", _MISSING), f"{path}.attributes_heading", nullable=True
        ),
        attributes=_attributes(c, get("attributes", _MISSING), f"{path}.attributes"),
        promotes_to=tuple(promotes),
    )


def _qualifications(c: _Checker, value: Any, path: str) -> Qualifications:
    if value is _MISSING:
        return Qualifications(None, (), ())
    d = c.mapping(value, path, ("heading", "text", "routes"))
    if d is None:
        return Qualifications(None, (), ())
    routes: list[Route] = []
    names: set[str] = set()
    raw_routes = c.items(d.get("routes", _MISSING), f"{path}.routes", "routes")
    if isinstance(d.get("routes"), list) and not raw_routes:
        c.add(f"{path}.routes", "must list at least one route")
    for j, item in enumerate(raw_routes):
        rp = f"{path}.routes[{j}]"
        r = c.mapping(item, rp, ("route", "text", "rule"))
        if r is None:
            continue
        name = c.slug(r.get("route"), f"{rp}.route", KEY_RE, "a route name like 'open_competitive'")
        if name is not None:
            if name in names:
                c.add(f"{rp}.route", f"duplicate route {name!r}")
            names.add(name)
        rule = r.get("rule")
        if "rule" in r and not isinstance(rule, Mapping):
            c.add(f"{rp}.rule", "must be a requirement (a mapping)")
        routes.append(
            Route(
                route=name or "",
                text=c.text(r.get("text", _MISSING), f"{rp}.text") or "",
                rule=copy.deepcopy(dict(rule)) if isinstance(rule, Mapping) else {},
            )
        )
    return Qualifications(
        heading=c.text(d.get("heading", _MISSING), f"{path}.heading", nullable=True),
        text=c.text_list(d.get("text", _MISSING), f"{path}.text"),
        routes=tuple(routes),
    )


def _attributes(c: _Checker, value: Any, path: str) -> tuple[Attribute, ...]:
    result = []
    for k, item in enumerate(c.items(value, path, "attributes")):
        ap = f"{path}[{k}]"
        a = c.mapping(item, ap, ("text",), ("keyboarding_wpm",))
        if a is None:
            continue
        result.append(
            Attribute(
                text=c.text(a.get("text", _MISSING), f"{ap}.text") or "",
                keyboarding_wpm=c.integer(
                    a.get("keyboarding_wpm", _MISSING), f"{ap}.keyboarding_wpm", minimum=1
                ),
            )
        )
    return tuple(result)


# ---------------------------------------------------------------------------
# Rules: the engine's rule language.


def _check_rules(c: _Checker, standard: StandardFile) -> None:
    """Validate the predicates and every route's rule with the screening engine.

    `standard_rules_from_document` checks the rule language (keys, vocabulary, numbers),
    `ref`s to missing predicates, `level` references to missing levels of this series and
    cycles of references. Its problems are "path: message" strings relative to the document,
    i.e. the file's own paths (`levels[2].qualifications.routes[0].rule.all[1]…`).
    References to another series' levels are resolved when the standards are combined
    (`screening.engine.standards.build_screener` over every file).
    """
    from screening.engine.errors import RuleError
    from screening.engine.standards import standard_rules_from_document

    try:
        standard_rules_from_document(standard.to_document(), version=f"file:{standard.digest}")
    except RuleError as exc:
        c.problems.extend(exc.problems)
