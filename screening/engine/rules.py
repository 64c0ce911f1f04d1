"""The rule language of class-standard/1 (docs/series-format.md) and its parsing.

Requirements and predicates are frozen (hashable) dataclasses; `parse_requirement` and
`parse_predicate` turn the YAML/JSON form into them and report every problem at once
through `RuleError`. References (`ref`, `level`) are resolved later, by
`screener.build_screener`; describe.py says rules in plain English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .errors import RuleError
from .vocab import (
    DUTIES,
    EMPLOYER_TYPES,
    GOVERNMENT_LEVELS,
    JURISDICTIONS,
    OCCUPATIONS,
    REQUIRED_CREDENTIALS,
    SERVICE_STATUSES,
    SETTINGS,
)

Number = int | Fraction

# ---------------------------------------------------------------------------
# Predicates: select experience entries, one entry at a time.


@dataclass(frozen=True, slots=True)
class PredAll:
    parts: tuple[Predicate, ...]


@dataclass(frozen=True, slots=True)
class PredAny:
    parts: tuple[Predicate, ...]


@dataclass(frozen=True, slots=True)
class PredNot:
    part: Predicate


@dataclass(frozen=True, slots=True)
class Duty:
    duty: str


@dataclass(frozen=True, slots=True)
class Setting:
    setting: str


@dataclass(frozen=True, slots=True)
class Occupation:
    occupations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EmployerType:
    employer_types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GovernmentLevel:
    levels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DisciplinesAtLeast:
    minimum: int


@dataclass(frozen=True, slots=True)
class Ref:
    """A named predicate of the standard's `predicates` block."""

    name: str


@dataclass(frozen=True, slots=True)
class AnyEntry:
    """Every experience entry (an `experience` requirement without `where`)."""


Predicate = (
    PredAll
    | PredAny
    | PredNot
    | Duty
    | Setting
    | Occupation
    | EmployerType
    | GovernmentLevel
    | DisciplinesAtLeast
    | Ref
    | AnyEntry
)

# ---------------------------------------------------------------------------
# Requirements.


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Requirement, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Requirement, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Credential:
    """Holds `credential` or higher; optionally in one of the `cip` prefixes."""

    credential: str
    cip: tuple[str, ...] | None = None
    otherwise_review: bool = False
    label: str | None = None


@dataclass(frozen=True, slots=True)
class SemesterHours:
    hours: Number
    label: str | None = None


@dataclass(frozen=True, slots=True)
class OfWhich:
    months: Number
    where: Predicate
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Experience:
    months: Number
    where: Predicate = AnyEntry()
    paid: bool = False
    of_which: OfWhich | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Service:
    months: Number
    class_code: str
    parenthetic: str | None = None
    statuses: tuple[str, ...] = ("permanent", "contingent_permanent")
    jurisdictions: tuple[str, ...] = ("competitive",)
    label: str | None = None


@dataclass(frozen=True, slots=True)
class LevelRef:
    """The minimum qualifications of another level: a short id (same series) or a full id."""

    level: str
    label: str | None = None


Requirement = AllOf | AnyOf | Credential | SemesterHours | Experience | Service | LevelRef


def resolve_predicate(predicate: Predicate, names: Mapping[str, Predicate]) -> Predicate:
    """The predicate with every `ref` replaced by the named predicate (checked acyclic)."""
    if isinstance(predicate, PredAll | PredAny):
        parts = tuple(resolve_predicate(p, names) for p in predicate.parts)
        return type(predicate)(parts)
    if isinstance(predicate, PredNot):
        return PredNot(resolve_predicate(predicate.part, names))
    if isinstance(predicate, Ref):
        return resolve_predicate(names[predicate.name], names)
    return predicate


# ---------------------------------------------------------------------------
# Parsing.

_CIP_RE = re.compile(r"[0-9]{2}(\.[0-9]{2}([0-9]{2})?)?")
_CLASS_CODE_RE = re.compile(r"[0-9]{4,7}")
_SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_LEVEL_REF_RE = re.compile(r"([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*")
_NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")

REQUIREMENT_KEYS = ("all", "any", "education", "experience", "service", "level")
PREDICATE_KEYS = (
    "all",
    "any",
    "not",
    "duty",
    "setting",
    "occupation",
    "employer_type",
    "government_level",
    "disciplines_scheduled_at_least",
    "ref",
)


class _Problems(list):
    """Collects "path: message" strings."""

    def add(self, path: str, message: str) -> None:
        self.append(f"{path}: {message}")


def parse_requirement(data: object, *, path: str = "rule") -> Requirement:
    """Parse one requirement; raise RuleError listing every problem found."""
    problems = _Problems()
    result = _requirement(data, path, problems)
    if problems:
        raise RuleError(problems)
    return result  # type: ignore[return-value]


def parse_predicate(data: object, *, path: str = "where") -> Predicate:
    """Parse one predicate; raise RuleError listing every problem found."""
    problems = _Problems()
    result = _predicate(data, path, problems)
    if problems:
        raise RuleError(problems)
    return result  # type: ignore[return-value]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: object, path: str, problems: _Problems, *, integer: bool = False):
    """A positive number as an int or an exact Fraction (floats read through their text)."""
    if not _is_number(value) or value != value or value in (float("inf"), float("-inf")):
        problems.add(path, "must be a positive number")
        return None
    exact = Fraction(value) if isinstance(value, int) else Fraction(str(value))
    if exact <= 0:
        problems.add(path, "must be a positive number")
        return None
    if exact.denominator == 1:
        return int(exact)
    if integer:
        problems.add(path, "must be a whole number")
        return None
    return exact


def _one_key(data: object, keys: tuple[str, ...], path: str, problems: _Problems, what: str):
    """The single key of `data` among `keys` (ignoring `label`), or None after a problem."""
    if not isinstance(data, Mapping):
        problems.add(path, f"must be a mapping with one of the keys {', '.join(keys)}")
        return None
    present = [k for k in data if k in keys]
    unknown = [k for k in data if k not in keys and not (what == "requirement" and k == "label")]
    for key in unknown:
        problems.add(f"{path}.{key}", f"unknown {what} key (expected one of {', '.join(keys)})")
    if len(present) > 1:
        problems.add(path, f"must have exactly one {what} key, found {', '.join(present)}")
        return None
    if not present:
        if not unknown:
            problems.add(path, f"must have one of the keys {', '.join(keys)}")
        return None
    return present[0]


def _label(data: Mapping, path: str, problems: _Problems) -> str | None:
    if "label" not in data or data["label"] is None:
        return None
    label = data["label"]
    if not isinstance(label, str) or not label.strip():
        problems.add(f"{path}.label", "must be a non-empty string")
        return None
    return label.strip()


def _requirement(data: object, path: str, problems: _Problems):
    key = _one_key(data, REQUIREMENT_KEYS, path, problems, "requirement")
    if key is None:
        return None
    assert isinstance(data, Mapping)
    label = _label(data, path, problems)
    body = data[key]
    sub = f"{path}.{key}"
    if key in ("all", "any"):
        if not isinstance(body, list) or not body:
            problems.add(sub, "must be a non-empty list of requirements")
            return None
        parts = tuple(_requirement(item, f"{sub}[{i}]", problems) for i, item in enumerate(body))
        return (AllOf if key == "all" else AnyOf)(parts, label)  # type: ignore[arg-type]
    if key == "education":
        return _education(body, sub, label, problems)
    if key == "experience":
        return _experience(body, sub, label, problems)
    if key == "service":
        return _service(body, sub, label, problems)
    if not isinstance(body, str) or not _LEVEL_REF_RE.fullmatch(body):
        problems.add(sub, "must be a level id ('representative-1' or 'series/representative-1')")
        return None
    return LevelRef(body, label)


def _check_keys(body: Mapping, allowed: tuple[str, ...], path: str, problems: _Problems) -> None:
    for key in body:
        if key not in allowed:
            problems.add(f"{path}.{key}", f"unknown key (expected {', '.join(allowed)})")


def _education(body: object, path: str, label, problems: _Problems):
    if not isinstance(body, Mapping):
        problems.add(path, "must be a mapping with 'credential' or 'semester_hours'")
        return None
    _check_keys(body, ("credential", "cip", "otherwise", "semester_hours"), path, problems)
    if ("credential" in body) == ("semester_hours" in body):
        problems.add(path, "must have exactly one of 'credential' and 'semester_hours'")
        return None
    if "semester_hours" in body:
        for key in ("cip", "otherwise"):
            if key in body:
                problems.add(f"{path}.{key}", "only applies to a 'credential' requirement")
        hours = _number(body["semester_hours"], f"{path}.semester_hours", problems)
        return SemesterHours(hours, label)  # type: ignore[arg-type]
    credential = body["credential"]
    if credential not in REQUIRED_CREDENTIALS:
        problems.add(
            f"{path}.credential",
            f"unknown credential {credential!r} (expected {', '.join(REQUIRED_CREDENTIALS)})",
        )
    cip = None
    if body.get("cip") is not None:
        raw = body["cip"]
        if not isinstance(raw, list) or not raw:
            problems.add(f"{path}.cip", "must be a non-empty list of CIP prefixes")
        else:
            for i, code in enumerate(raw):
                if not isinstance(code, str) or not _CIP_RE.fullmatch(code):
                    problems.add(f"{path}.cip[{i}]", "must be a CIP code NN, NN.NN or NN.NNNN")
            cip = tuple(str(c) for c in raw)
    otherwise = body.get("otherwise")
    if otherwise not in (None, "review", "unmet"):
        problems.add(f"{path}.otherwise", "must be 'review' or 'unmet'")
    elif otherwise is not None and cip is None and "cip" not in body:
        problems.add(f"{path}.otherwise", "only applies together with 'cip'")
    return Credential(str(credential), cip, otherwise == "review", label)


def _experience(body: object, path: str, label, problems: _Problems):
    if not isinstance(body, Mapping):
        problems.add(path, "must be a mapping with 'months' and 'where'")
        return None
    _check_keys(body, ("months", "where", "paid", "of_which"), path, problems)
    months = _number(body.get("months"), f"{path}.months", problems)
    where = _predicate(body["where"], f"{path}.where", problems) if "where" in body else AnyEntry()
    paid = body.get("paid", False)
    if not isinstance(paid, bool):
        problems.add(f"{path}.paid", "must be true or false")
    of_which = None
    if body.get("of_which") is not None:
        of_which = _of_which(body["of_which"], f"{path}.of_which", problems)
        if of_which and months and of_which.months > months:
            problems.add(f"{path}.of_which.months", f"must not exceed months ({months})")
    return Experience(months, where, paid is True, of_which, label)  # type: ignore[arg-type]


def _of_which(body: object, path: str, problems: _Problems):
    if not isinstance(body, Mapping):
        problems.add(path, "must be a mapping with 'months' and 'where'")
        return None
    _check_keys(body, ("months", "where", "label"), path, problems)
    months = _number(body.get("months"), f"{path}.months", problems)
    if "where" not in body:
        problems.add(f"{path}.where", "is required")
        return None
    where = _predicate(body["where"], f"{path}.where", problems)
    if months is None or where is None:
        return None
    return OfWhich(months, where, _label(body, path, problems))


def _word_list(value, vocabulary, path: str, problems: _Problems, what: str):
    """A non-empty list of vocabulary words (a single word is accepted as a list of one)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        problems.add(path, f"must be a non-empty list of {what}s")
        return ()
    for i, item in enumerate(items):
        if item not in vocabulary:
            problems.add(
                f"{path}[{i}]", f"unknown {what} {item!r} (expected {', '.join(vocabulary)})"
            )
    return tuple(dict.fromkeys(str(i) for i in items))


def _service(body: object, path: str, label, problems: _Problems):
    if not isinstance(body, Mapping):
        problems.add(path, "must be a mapping with 'months' and 'class_code'")
        return None
    _check_keys(
        body, ("months", "class_code", "parenthetic", "status", "jurisdiction"), path, problems
    )
    months = _number(body.get("months"), f"{path}.months", problems, integer=True)
    code = body.get("class_code")
    if not isinstance(code, str) or not _CLASS_CODE_RE.fullmatch(code):
        problems.add(f"{path}.class_code", "must be a class code of 4 to 7 digits, as a string")
    parenthetic = body.get("parenthetic")
    if parenthetic is not None and (not isinstance(parenthetic, str) or not parenthetic):
        problems.add(f"{path}.parenthetic", "must be null (the plain title) or a non-empty string")
    statuses = ("permanent", "contingent_permanent")
    if "status" in body:
        statuses = _word_list(
            body["status"], SERVICE_STATUSES, f"{path}.status", problems, "status"
        )
    jurisdictions: tuple[str, ...] = ("competitive",)
    if "jurisdiction" in body:
        jurisdictions = _word_list(
            body["jurisdiction"], JURISDICTIONS, f"{path}.jurisdiction", problems, "jurisdiction"
        )
    return Service(months, str(code), parenthetic, statuses, jurisdictions, label)  # type: ignore[arg-type]


def _predicate(data: object, path: str, problems: _Problems):
    key = _one_key(data, PREDICATE_KEYS, path, problems, "predicate")
    if key is None:
        return None
    assert isinstance(data, Mapping)
    body = data[key]
    sub = f"{path}.{key}"
    if key in ("all", "any"):
        if not isinstance(body, list) or not body:
            problems.add(sub, "must be a non-empty list of predicates")
            return None
        parts = tuple(_predicate(item, f"{sub}[{i}]", problems) for i, item in enumerate(body))
        return (PredAll if key == "all" else PredAny)(parts)  # type: ignore[arg-type]
    if key == "not":
        return PredNot(_predicate(body, sub, problems))  # type: ignore[arg-type]
    if key == "duty":
        if body not in DUTIES:
            problems.add(sub, f"unknown duty {body!r} (expected {', '.join(DUTIES)})")
        return Duty(str(body))
    if key == "setting":
        if body not in SETTINGS:
            problems.add(sub, f"unknown setting {body!r} (expected {', '.join(SETTINGS)})")
        return Setting(str(body))
    if key == "occupation":
        return Occupation(_word_list(body, OCCUPATIONS, sub, problems, "occupation"))
    if key == "employer_type":
        return EmployerType(_word_list(body, EMPLOYER_TYPES, sub, problems, "employer type"))
    if key == "government_level":
        return GovernmentLevel(
            _word_list(body, GOVERNMENT_LEVELS, sub, problems, "government level")
        )
    if key == "disciplines_scheduled_at_least":
        if not isinstance(body, int) or isinstance(body, bool) or body < 0:
            problems.add(sub, "must be a whole number ≥ 0")
            return None
        return DisciplinesAtLeast(body)
    if not isinstance(body, str) or not _NAME_RE.fullmatch(body):
        problems.add(sub, "must be the name of a predicate of the file's 'predicates'")
        return None
    return Ref(body)
