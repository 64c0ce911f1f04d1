"""The screening-profile/1 document as typed, frozen dataclasses (SCREENING.md).

Parsing and validation live in validation.py (`parse_profile`, `validate_profile`).
Derived fields (month indexes, the monthly credit of an entry, bit sets of duties and
settings) are computed on construction, so the engine never re-parses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .vocab import DUTIES, SETTINGS

FORMAT = "screening-profile/1"
_DUTY_BIT = {duty: 1 << i for i, duty in enumerate(DUTIES)}
_SETTING_BIT = {setting: 1 << i for i, setting in enumerate(SETTINGS)}
FULL_TIME_HOURS = 35  # a week of 35 hours or more is full time
PRORATION_WEEK = 40  # below full time, hours are prorated against a 40-hour week


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str | None = None
    email: str | None = None
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Education:
    credential: str
    semester_hours: int | Fraction | None = None
    quarter_hours: int | Fraction | None = None
    field: str | None = None
    cip: str | None = None
    institution: str | None = None
    country: str = "US"
    completed: str | None = None
    verified: bool = False
    # Derived: the month index of `completed`, and semester + quarter hours * 2/3.
    completed_month: int | None = dataclasses.field(init=False, compare=False)
    credit_hours: int | Fraction = dataclasses.field(init=False, compare=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(
            self, "completed_month", None if self.completed is None else month_index(self.completed)
        )
        total = self.semester_hours or 0
        if self.quarter_hours:
            total += Fraction(self.quarter_hours) * 2 / 3
        setattr_(self, "credit_hours", total)


@dataclass(frozen=True, slots=True)
class ExperienceEntry:
    title: str
    employer_type: str
    start: str
    employer: str | None = None
    government_level: str | None = None
    occupation: str | None = None
    end: str | None = None  # None: still there
    hours_per_week: int | Fraction = 40
    paid: bool = True
    settings: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    disciplines_scheduled: int = 0
    verified: bool = False
    # Derived: month indexes, the credit per month covered (1, or hours/40), and the
    # duties and settings as bit sets (order-free keys for classifying entries).
    start_month: int = dataclasses.field(init=False, compare=False)
    end_month: int | None = dataclasses.field(init=False, compare=False)
    weight: int | Fraction = dataclasses.field(init=False, compare=False)
    duty_bits: int = dataclasses.field(init=False, compare=False)
    setting_bits: int = dataclasses.field(init=False, compare=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "start_month", month_index(self.start))
        setattr_(self, "end_month", None if self.end is None else month_index(self.end))
        hours = self.hours_per_week
        setattr_(self, "weight", 1 if hours >= FULL_TIME_HOURS else monthly_weight(hours))
        setattr_(self, "duty_bits", _bits("duties", self.duties))
        setattr_(self, "setting_bits", _bits("settings", self.settings))


@dataclass(frozen=True, slots=True)
class ServiceEntry:
    class_code: str
    status: str
    start: str
    title: str | None = None
    parenthetic: str | None = None
    jurisdiction: str = "competitive"
    end: str | None = None
    verified: bool = False
    start_month: int = dataclasses.field(init=False, compare=False)
    end_month: int | None = dataclasses.field(init=False, compare=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "start_month", month_index(self.start))
        setattr_(self, "end_month", None if self.end is None else month_index(self.end))


@dataclass(frozen=True, slots=True)
class Assessments:
    keyboarding_wpm: int | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    as_of: date | None = None
    applicant: Applicant | None = None
    education: tuple[Education, ...] = ()
    experience: tuple[ExperienceEntry, ...] = ()
    civil_service: tuple[ServiceEntry, ...] = ()
    assessments: Assessments = Assessments()

    @property
    def all_verified(self) -> bool:
        """Every entry is verified (so the verified-only screening is the screening)."""
        return (
            all(e.verified for e in self.education)
            and all(e.verified for e in self.experience)
            and all(e.verified for e in self.civil_service)
        )

    @property
    def any_verified(self) -> bool:
        """Some entry is verified (else the verified-only screening sees an empty profile)."""
        return (
            any(e.verified for e in self.education)
            or any(e.verified for e in self.experience)
            or any(e.verified for e in self.civil_service)
        )


_BITS: dict[tuple, int] = {}  # (field, words) -> bit set; a few hundred combinations
_BIT_TABLES = {"duties": _DUTY_BIT, "settings": _SETTING_BIT}


def _bits(field: str, words: tuple[str, ...]) -> int:
    """The bit set of an entry's duties or settings (each once, unknown words ignored)."""
    key = (field, words)
    found = _BITS.get(key)
    if found is None:
        table = _BIT_TABLES[field]
        found = sum(table.get(word, 0) for word in set(words))
        if len(_BITS) < 100_000:  # bounded: a document may list words in any order
            _BITS[key] = found
    return found


def monthly_weight(hours: int | Fraction) -> int | Fraction:
    return 1 if hours >= FULL_TIME_HOURS else Fraction(hours) / PRORATION_WEEK


_MONTH_INDEX: dict[str, int] = {}  # month text -> index; at most 120,000 valid months


def month_index(text: str) -> int:
    """ "2021-03" -> 2021*12 + 2."""
    index = _MONTH_INDEX.get(text)
    if index is None:
        index = _MONTH_INDEX[text] = int(text[:4]) * 12 + int(text[5:7]) - 1
    return index


def month_text(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{year:04d}-{month + 1:02d}"


# ---------------------------------------------------------------------------
# Building a Profile from a document known to be valid.


def exact_number(value: int | float | Decimal | Fraction) -> int | Fraction:
    """A JSON number as an exact int, or a Fraction when it is not whole.

    A float is read through its shortest text (0.1 is 1/10, not the binary fraction).
    """
    if type(value) is int:
        return value
    if isinstance(value, float):
        value = Fraction(repr(value))
    elif not isinstance(value, Fraction):
        value = Fraction(value)
    return value.numerator if value.denominator == 1 else value


def profile_from_document(document: dict) -> Profile:
    """The Profile of a document validated when it was stored (no validation: fast).

    Only for documents that passed `validate_profile`; anything else gives undefined results.
    """
    get = document.get
    as_of = get("as_of")
    applicant = get("applicant")
    assessments = get("assessments")
    wpm = assessments.get("keyboarding_wpm") if assessments else None
    return Profile(
        None if as_of is None else date.fromisoformat(as_of),
        None if applicant is None else Applicant(**applicant),
        tuple(_education(e) for e in get("education", ())),
        tuple(_experience(e) for e in get("experience", ())),
        tuple(_service(e) for e in get("civil_service", ())),
        Assessments(None if wpm is None else exact_number(wpm)),
    )


def _education(e: dict) -> Education:
    get = e.get
    semester, quarter = get("semester_hours"), get("quarter_hours")
    return Education(
        e["credential"],
        None if semester is None else exact_number(semester),
        None if quarter is None else exact_number(quarter),
        get("field"),
        get("cip"),
        get("institution"),
        get("country", "US"),
        get("completed"),
        get("verified", False),
    )


def _experience(e: dict) -> ExperienceEntry:
    get = e.get
    return ExperienceEntry(
        e["title"],
        e["employer_type"],
        e["start"],
        get("employer"),
        get("government_level"),
        get("occupation"),
        get("end"),
        exact_number(get("hours_per_week", 40)),
        get("paid", True),
        tuple(get("settings", ())),
        tuple(get("duties", ())),
        exact_number(get("disciplines_scheduled", 0)),
        get("verified", False),
    )


def _service(e: dict) -> ServiceEntry:
    get = e.get
    return ServiceEntry(
        e["class_code"],
        e["status"],
        e["start"],
        get("title"),
        get("parenthetic"),
        get("jurisdiction", "competitive"),
        get("end"),
        get("verified", False),
    )
