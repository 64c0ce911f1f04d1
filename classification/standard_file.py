"""The `series_data/` file format (class-standard/1, docs/series-format.md): reading and checking.

Pure Python (no Django): `load_standard_file(path)` reads one YAML file,
`parse_standard(data, source=...)` checks a decoded document. Both refuse a bad file with
`StandardFileError`, whose `.problems` names every problem by its path, e.g.
``series_data/x.yaml: levels[2].grade: must be an integer or null``.

The steps, each refusing before the next costs anything:

1. bounds (`LIMITS`): the YAML text and the canonical document at most 512 KB, at most 40
   levels of nesting, 1,000 items in a list, 50,000 values in all, no YAML aliases or tags;
   refused while reading the YAML events, before anything is built (`classification/yaml_safe.py`),
   and checked again on a decoded document (JSON, a caller's dict);
2. the typed models (`classification/standard_models.py`, pydantic, strict): every problem of
   every field at once, then the checks across fields (duplicates, order, references);
3. the rules and predicates, with the screening engine's rule language.

`StandardFile.to_document()` is the canonical JSON-able form (the same structure as the
YAML, dates as ISO strings); `StandardFile.digest` is the sha256 of its canonical JSON
(sorted keys), which the loader uses for idempotency. ``parse_standard(f.to_document())``
round-trips to an object equal to ``f``.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from classification.standard_models import (
    FORMAT,
    KEY_RE,
    LEVEL_ID_RE,
    SERIES_SLUG_RE,
    Attribute,
    Definition,
    Level,
    Parenthetic,
    Qualifications,
    Route,
    Source,
    StandardFile,
    problems_of,
)
from classification.yaml_safe import Limits, YamlRefused, bounds_problems, load_yaml_bounded

__all__ = [
    "FORMAT",
    "KEY_RE",
    "LEVEL_ID_RE",
    "LIMITS",
    "SERIES_SLUG_RE",
    "Attribute",
    "Definition",
    "Level",
    "Parenthetic",
    "Qualifications",
    "Route",
    "Source",
    "StandardFile",
    "StandardFileError",
    "discover_standard_files",
    "load_standard_file",
    "load_yaml",
    "parse_standard",
]

LIMITS = Limits(
    text_bytes=512 * 1024, document_bytes=512 * 1024, depth=40, items=1_000, nodes=50_000
)


class StandardFileError(ValueError):
    """A standard file that breaks class-standard/1. `.problems`: every problem, by path."""

    def __init__(self, problems: list[str], *, source: str = ""):
        self.problems = list(problems)
        self.source = source
        super().__init__("\n".join(self.problems) if self.problems else "invalid standard file")


def _error(problems: list[str], source: str) -> StandardFileError:
    prefix = f"{source}: " if source else ""
    return StandardFileError([prefix + p for p in problems], source=source)


def load_yaml(text: str, *, source: str) -> Any:
    """Decode a standard's YAML within LIMITS (dates kept as strings); StandardFileError if not."""
    try:
        return load_yaml_bounded(
            text, limits=LIMITS, known_top_keys=StandardFile.model_fields.keys()
        )
    except YamlRefused as exc:
        raise _error(exc.problems, source) from exc


def load_standard_file(path: str | Path) -> StandardFile:
    """Read and check one `series_data/*.yaml` file."""
    path = Path(path)
    source = str(path)
    try:
        raw = _read_bounded(path)
    except OSError as exc:
        raise _error([f"cannot read: {exc.strerror}"], source) from exc
    if len(raw) > LIMITS.text_bytes:
        message = (
            f"the file is larger than {LIMITS.text_bytes // 1024} KB, the most a standard may be"
        )
        raise _error([message], source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error([f"not UTF-8 (byte {exc.start}: {exc.reason})"], source) from exc
    standard = parse_standard(load_yaml(text, source=source), source=source)
    expected = f"{standard.series}.yaml"
    if path.suffix == ".yaml" and path.name != expected:
        message = f"series: {standard.series!r} must be in a file named {expected}"
        raise _error([message], source)
    return standard


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, reading no more than one byte past the size limit."""
    with path.open("rb") as handle:
        return handle.read(LIMITS.text_bytes + 1)


def discover_standard_files(folder: str | Path) -> list[Path]:
    """The `*.yaml` files of a folder, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


def parse_standard(data: Any, *, source: str = "") -> StandardFile:
    """Check a decoded class-standard/1 document; StandardFileError lists every problem."""
    problems = bounds_problems(data, limits=LIMITS)
    if problems:
        raise _error([*_unknown_top_keys(data), *problems], source)
    try:
        standard = StandardFile.model_validate(data)
    except ValidationError as exc:
        raise _error(problems_of(exc), source) from None
    size = len(standard.canonical_json.encode("utf-8"))
    if size > LIMITS.document_bytes:
        limit = LIMITS.document_bytes // 1024
        message = f"$: the document is {size // 1024:,} KB; a standard may be at most {limit} KB"
        raise _error([message], source)
    problems = _rule_problems(standard)
    if problems:
        raise _error(problems, source)
    return standard


def _unknown_top_keys(data: Any, shown: int = 10) -> list[str]:
    """The first unknown top-level keys: usually the cause when a document is out of bounds."""
    if not isinstance(data, Mapping):
        return []
    known = StandardFile.model_fields
    unknown = islice((key for key in data if key not in known), shown)
    return [f"{key}: unknown key (expected {', '.join(known)})" for key in unknown]


def _rule_problems(standard: StandardFile) -> list[str]:
    """The predicates and every route's rule, checked with the screening engine.

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
        return list(exc.problems)
    return []
