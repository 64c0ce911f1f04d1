"""Parsing and validating screening-profile/1 documents into `profile.Profile`.

The validator accepts exactly what screening-profile-1.schema.json accepts, plus the
checks of SCREENING.md the schema cannot say (a real calendar date, an end before its
start, an assigned country code, NaN/Infinity, month strings without a trailing newline),
and reports every problem of a document at once, each with its JSON path.
It is written by hand because a generic schema validator is several times slower and its
messages are poor.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .countries import ISO_3166_ALPHA2
from .errors import ProfileInvalid
from .profile import (
    _MONTH_INDEX,
    FORMAT,
    Applicant,
    Assessments,
    Education,
    ExperienceEntry,
    Profile,
    ServiceEntry,
    month_index,
)
from .vocab import (
    CREDENTIALS,
    DUTIES,
    EDUCATION_FIELDS,
    EMPLOYER_TYPES,
    EXPERIENCE_FIELDS,
    GOVERNMENT_LEVELS,
    JURISDICTIONS,
    OCCUPATIONS,
    SERVICE_FIELDS,
    SERVICE_STATUSES,
    SETTINGS,
)

# ---------------------------------------------------------------------------
# Parsing.


class _NonFinite:
    """Stands for NaN/Infinity in the JSON text so the validator can name its path."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


# Floats as Decimal keep the written value exact (37.5 hours, 24.6 credits); one decoder
# for all documents (json.loads with options would build a new one each call).
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_NonFinite)
# Python refuses to make an int of more than 4,300 digits; such a number is still JSON, and is
# refused by the range check of its field (the default decoder stays on the fast path).
_LONG_INT_DECODER = json.JSONDecoder(
    parse_float=Decimal,
    parse_constant=_NonFinite,
    parse_int=lambda text: int(text) if len(text) <= 100 else Decimal(text),
)


def parse_profile(raw: bytes | bytearray | str) -> Profile:
    """Parse and validate a profile document (JSON text or UTF-8 bytes)."""
    if isinstance(raw, bytes | bytearray | memoryview):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProfileInvalid(
                [{"path": "$", "message": f"not UTF-8 text (invalid byte at offset {exc.start})"}]
            ) from None
    if not isinstance(raw, str):
        raise TypeError("parse_profile takes JSON text (str) or UTF-8 bytes")
    try:
        document = _decode(raw)
    except RecursionError:
        raise ProfileInvalid([{"path": "$", "message": "not JSON: nested too deeply"}]) from None
    except ValueError as exc:
        raise ProfileInvalid([{"path": "$", "message": f"not JSON: {exc}"}]) from None
    return validate_profile(document)


def _decode(raw: str):
    try:
        return _DECODER.decode(raw)
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
        return _LONG_INT_DECODER.decode(raw)


# ---------------------------------------------------------------------------
# Validation.

_MONTH_RE = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CIP_RE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:[0-9]{2})?)?")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_CLASS_CODE_RE = re.compile(r"[0-9]{4,7}")
_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

TOP_KEYS = frozenset(
    {"format", "as_of", "applicant", "education", "experience", "civil_service", "assessments"}
)
APPLICANT_KEYS = {"name": 200, "email": 254, "external_id": 64}
EDUCATION_KEYS = frozenset(EDUCATION_FIELDS)
EXPERIENCE_KEYS = frozenset(EXPERIENCE_FIELDS)
SERVICE_KEYS = frozenset(SERVICE_FIELDS)
LIST_LIMITS = {"education": 50, "experience": 100, "civil_service": 50}

_EDU_SET = frozenset(CREDENTIALS)
_EMPLOYER_SET = frozenset(EMPLOYER_TYPES)
_GOV_SET = frozenset(GOVERNMENT_LEVELS)
_OCC_SET = frozenset(OCCUPATIONS)
_SETTING_SET = frozenset(SETTINGS)
_DUTY_SET = frozenset(DUTIES)
_STATUS_SET = frozenset(SERVICE_STATUSES)
_JURIS_SET = frozenset(JURISDICTIONS)


def _child(path: str, key: str) -> str:
    if _KEY_RE.fullmatch(key):
        name = key
    else:  # quoted; escaped only where it could not be written as UTF-8
        name = f"[{json.dumps(key, ensure_ascii=not _encodable(key))}]"
    if path == "$":
        return name if name[0] != "[" else f"${name}"
    return f"{path}{name}" if name[0] == "[" else f"{path}.{name}"


def _what(value: object) -> str:
    """How a JSON value is named in messages ("got true", "got a number")."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, _NonFinite):
        return value.text
    return type(value).__name__


class _Errors(list):
    def add(self, path: str, message: str) -> None:
        self.append({"path": path, "message": message})


_EXACT: dict[Decimal, int | Fraction] = {}


def _number(value: object, path: str, errors: _Errors):
    """The value as an exact int or Fraction if it is a finite JSON number, else None."""
    kind = type(value)
    if kind is int:
        return value
    if kind is Decimal:
        if value.is_finite():  # first: a signalling NaN cannot even be hashed
            exact = _EXACT.get(value)
            if exact is not None:
                return exact
            exact = Fraction(value)
            exact = exact.numerator if exact.denominator == 1 else exact
            if len(_EXACT) < 10000:  # hours and credits repeat: 37.5, 17.5, 4.5 …
                _EXACT[value] = exact
            return exact
    elif kind is float:
        if value == value and value not in (float("inf"), float("-inf")):
            exact = Fraction(repr(value))  # the shortest text that reads back as this float
            return exact.numerator if exact.denominator == 1 else exact
    elif isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    elif not isinstance(value, _NonFinite):
        errors.add(path, f"must be a number (got {_what(value)})")
        return None
    errors.add(path, "must be a finite number (NaN and Infinity are not JSON numbers)")
    return None


# Numbers written with an exponent beyond this are refused by their bound without being made
# exact: 1e999999999 as a Fraction would take forever.
_EXPONENT_LIMIT = 100


def _bounded(value, path, errors, low, high, *, exclusive_low=False, integer=False):
    if type(value) is Decimal and value.is_finite() and abs(value.adjusted()) > _EXPONENT_LIMIT:
        if value > high:
            errors.add(path, f"must be at most {high} (got {_show(value)})")
        elif value < low or (exclusive_low and value <= low):
            errors.add(path, f"must be at least {low} (got {_show(value)})")
        else:
            errors.add(path, f"must not be that close to {low} (got {_show(value)})")
        return None
    number = _number(value, path, errors)
    if number is None:
        return None
    if integer and not isinstance(number, int):
        errors.add(path, f"must be a whole number (got {_show(number)})")
        return None
    if exclusive_low and number <= low:
        errors.add(path, f"must be more than {low} (got {_show(number)})")
        return None
    if number < low:
        errors.add(path, f"must be at least {low} (got {_show(number)})")
        return None
    if number > high:
        errors.add(path, f"must be at most {high} (got {_show(number)})")
        return None
    return number


def _show(number) -> str:
    """The number as a message shows it: as written, or in E notation when very long."""
    if isinstance(number, Fraction):
        return str(float(number))
    text = str(number)
    return text if len(text) <= 30 else f"{Decimal(number):.6E}"


def _string(value, path, errors, max_length=None, min_length=0):
    if type(value) is not str:
        errors.add(path, f"must be a string (got {_what(value)})")
        return None
    if max_length is not None and len(value) > max_length:
        errors.add(path, f"must be at most {max_length} characters (got {len(value)})")
        return None
    if len(value) < min_length:
        errors.add(path, "must not be empty")
        return None
    if "\x00" in value:  # no database stores it in text, and no name or title needs it
        errors.add(path, "must not contain the NUL character (U+0000)")
        return None
    if not value.isascii() and not _encodable(value):
        errors.add(path, "must be Unicode text (it holds a lone surrogate escape such as \\ud800)")
        return None
    return value


def _encodable(text: str) -> bool:
    """Whether the text can be written as UTF-8 (a JSON escape can make a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _word(value, vocabulary: frozenset, ordered: tuple, path, errors, what: str):
    if type(value) is str and value in vocabulary:
        return value
    shown = repr(value) if isinstance(value, str) else _what(value)
    errors.add(path, f"unknown {what} {shown} (expected one of: {', '.join(ordered)})")
    return None


def _month(value, path, errors) -> int | None:
    if type(value) is str:
        index = _MONTH_INDEX.get(value)  # only valid months are ever stored there
        if index is not None:
            return index
        if _MONTH_RE.fullmatch(value):
            return month_index(value)
    shown = repr(value) if isinstance(value, str) else _what(value)
    errors.add(path, f"must be a month YYYY-MM (got {shown})")
    return None


def _bool(value, path, errors) -> bool | None:
    if value is True or value is False:
        return value
    errors.add(path, f"must be true or false (got {_what(value)})")
    return None


def _unknown_keys(item: dict, allowed: frozenset, path: str, errors: _Errors) -> None:
    for key in item:
        if key not in allowed:
            errors.add(_child(path, key), f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _end(item, path, errors, start_month):
    """The `end` of an entry (None: still there), checking it is not before `start`."""
    end = item.get("end")
    if end is None:
        return None
    end_month = _month(end, f"{path}.end", errors)
    if end_month is not None and start_month is not None and end_month < start_month:
        errors.add(f"{path}.end", f"before start ({end} < {item['start']})")
    return end


def validate_profile(obj: object) -> Profile:
    """Validate a parsed profile document (dicts, lists, str, numbers); return a Profile."""
    errors = _Errors()
    if not isinstance(obj, dict):
        errors.add("$", f"a profile must be a JSON object (got {_what(obj)})")
        raise ProfileInvalid(errors)
    for key in obj:
        if key not in TOP_KEYS:
            errors.add(_child("$", key), f"unknown key (allowed: {', '.join(sorted(TOP_KEYS))})")
    if "format" not in obj:
        errors.add("format", f"is required (it must be {FORMAT!r})")
    elif obj["format"] != FORMAT or type(obj["format"]) is not str:
        errors.add("format", f"must be {FORMAT!r}")
    as_of = _as_of(obj["as_of"], errors) if "as_of" in obj else None
    applicant = _applicant(obj["applicant"], errors) if "applicant" in obj else None
    education = _entries(obj, "education", _education, errors)
    experience = _entries(obj, "experience", _experience, errors)
    service = _entries(obj, "civil_service", _service, errors)
    assessments = _assessments(obj["assessments"], errors) if "assessments" in obj else None
    if errors:
        raise ProfileInvalid(errors)
    return Profile(as_of, applicant, education, experience, service, assessments or Assessments())


def _as_of(value, errors) -> date | None:
    if type(value) is not str or not _DATE_RE.fullmatch(value):
        shown = repr(value) if isinstance(value, str) else _what(value)
        errors.add("as_of", f"must be a date YYYY-MM-DD (got {shown})")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.add("as_of", f"not a real calendar date ({value})")
        return None


def _applicant(value, errors) -> Applicant | None:
    if not isinstance(value, dict):
        errors.add("applicant", f"must be an object (got {_what(value)})")
        return None
    fields = {}
    for key, item in value.items():
        limit = APPLICANT_KEYS.get(key)
        if limit is None:
            errors.add(_child("applicant", key), "unknown key (allowed: email, external_id, name)")
        else:
            fields[key] = _string(item, f"applicant.{key}", errors, limit)
    return Applicant(**fields)


def _assessments(value, errors) -> Assessments | None:
    if not isinstance(value, dict):
        errors.add("assessments", f"must be an object (got {_what(value)})")
        return None
    wpm = None
    for key, item in value.items():
        if key == "keyboarding_wpm":
            wpm = _bounded(item, "assessments.keyboarding_wpm", errors, 0, 250, integer=True)
        else:
            errors.add(_child("assessments", key), "unknown key (allowed: keyboarding_wpm)")
    return Assessments(wpm)


def _entries(obj: dict, key: str, check, errors: _Errors) -> tuple:
    if key not in obj:
        return ()
    items = obj[key]
    if type(items) is not list:
        errors.add(key, f"must be an array (got {_what(items)})")
        return ()
    limit = LIST_LIMITS[key]
    if len(items) > limit:
        errors.add(key, f"must have at most {limit} entries (got {len(items)})")
    out = []
    for i, item in enumerate(items):
        path = f"{key}[{i}]"
        if type(item) is not dict:
            errors.add(path, f"must be an object (got {_what(item)})")
            continue
        entry = check(item, path, errors)
        if entry is not None:
            out.append(entry)
    return tuple(out)


def _education(item: dict, path: str, errors: _Errors) -> Education | None:
    if not EDUCATION_KEYS.issuperset(item):
        _unknown_keys(item, EDUCATION_KEYS, path, errors)
    before = len(errors)
    credential = None
    if "credential" not in item:
        errors.add(f"{path}.credential", "is required")
    else:
        credential = _word(
            item["credential"], _EDU_SET, CREDENTIALS, f"{path}.credential", errors, "credential"
        )
    semester = quarter = None
    for key, high in (("semester_hours", 400), ("quarter_hours", 600)):
        if key not in item:
            continue
        if credential is not None and credential != "college_credit":
            errors.add(f"{path}.{key}", f"only college_credit carries hours, not {credential}")
            continue
        value = _bounded(item[key], f"{path}.{key}", errors, 0, high)
        if key == "semester_hours":
            semester = value
        else:
            quarter = value
    if (
        credential == "college_credit"
        and "semester_hours" not in item
        and ("quarter_hours" not in item)
    ):
        errors.add(path, "college_credit needs semester_hours, quarter_hours or both")
    get = item.get
    field_ = _string(item["field"], f"{path}.field", errors, 200) if "field" in item else None
    cip = None
    if "cip" in item:
        cip = item["cip"]
        if type(cip) is not str or not _CIP_RE.fullmatch(cip):
            shown = repr(cip) if isinstance(cip, str) else _what(cip)
            errors.add(f"{path}.cip", f"must be a CIP code NN, NN.NN or NN.NNNN (got {shown})")
    institution = None
    if "institution" in item:
        institution = _string(item["institution"], f"{path}.institution", errors, 200)
    country = get("country", "US")
    if "country" in item and (type(country) is not str or country not in ISO_3166_ALPHA2):
        shown = repr(country) if isinstance(country, str) else _what(country)
        hint = " (use GB)" if country == "UK" else ""
        errors.add(
            f"{path}.country",
            f"must be an assigned ISO 3166-1 alpha-2 country code{hint} (got {shown})",
        )
    if "completed" in item:
        _month(item["completed"], f"{path}.completed", errors)
    verified = _bool(item["verified"], f"{path}.verified", errors) if "verified" in item else False
    if len(errors) != before:
        return None
    return Education(
        credential,  # type: ignore[arg-type]
        semester,
        quarter,
        field_,
        cip,
        institution,
        country,
        get("completed"),
        bool(verified),
    )


def _word_set(value, vocabulary, ordered, path, errors, what) -> tuple[str, ...]:
    if type(value) is not list:
        errors.add(path, f"must be an array of {what}s (got {_what(value)})")
        return ()
    seen: list[str] = []
    for i, word in enumerate(value):
        if _word(word, vocabulary, ordered, f"{path}[{i}]", errors, what) is None:
            continue
        if word in seen:
            errors.add(f"{path}[{i}]", f"repeated {what} {word!r}")
        else:
            seen.append(word)
    return tuple(seen)


def _experience(item: dict, path: str, errors: _Errors) -> ExperienceEntry | None:
    if not EXPERIENCE_KEYS.issuperset(item):
        _unknown_keys(item, EXPERIENCE_KEYS, path, errors)
    before = len(errors)
    get = item.get
    title = employer_type = start_month = None
    if "title" in item:
        title = _string(item["title"], f"{path}.title", errors, 200, 1)
    else:
        errors.add(f"{path}.title", "is required")
    if "employer_type" in item:
        employer_type = _word(
            item["employer_type"],
            _EMPLOYER_SET,
            EMPLOYER_TYPES,
            f"{path}.employer_type",
            errors,
            "employer type",
        )
    else:
        errors.add(f"{path}.employer_type", "is required")
    if "start" in item:
        start_month = _month(item["start"], f"{path}.start", errors)
    else:
        errors.add(f"{path}.start", "is required")
    end = _end(item, path, errors, start_month)
    employer = None
    if "employer" in item:
        employer = _string(item["employer"], f"{path}.employer", errors, 200)
    gov = occupation = None
    if "government_level" in item:
        gov = _word(
            item["government_level"],
            _GOV_SET,
            GOVERNMENT_LEVELS,
            f"{path}.government_level",
            errors,
            "government level",
        )
    if "occupation" in item:
        occupation = _word(
            item["occupation"], _OCC_SET, OCCUPATIONS, f"{path}.occupation", errors, "occupation"
        )
    hours = 40
    if "hours_per_week" in item:
        hours = _bounded(item["hours_per_week"], f"{path}.hours_per_week", errors, 0, 100,
                         exclusive_low=True)  # fmt: skip
    paid = _bool(item["paid"], f"{path}.paid", errors) if "paid" in item else True
    settings = duties = ()
    if "settings" in item:
        settings = _word_set(
            item["settings"], _SETTING_SET, SETTINGS, f"{path}.settings", errors, "setting"
        )
    if "duties" in item:
        duties = _word_set(item["duties"], _DUTY_SET, DUTIES, f"{path}.duties", errors, "duty")
    disciplines = 0
    if "disciplines_scheduled" in item:
        disciplines = _bounded(
            item["disciplines_scheduled"], f"{path}.disciplines_scheduled", errors, 0, 200,
            integer=True,
        )  # fmt: skip
    verified = _bool(item["verified"], f"{path}.verified", errors) if "verified" in item else False
    if len(errors) != before:
        return None
    return ExperienceEntry(
        title,  # type: ignore[arg-type]
        employer_type,  # type: ignore[arg-type]
        get("start"),
        employer,
        gov,
        occupation,
        end,
        hours,  # type: ignore[arg-type]
        bool(paid),
        settings,
        duties,
        disciplines,  # type: ignore[arg-type]
        bool(verified),
    )


def _service(item: dict, path: str, errors: _Errors) -> ServiceEntry | None:
    if not SERVICE_KEYS.issuperset(item):
        _unknown_keys(item, SERVICE_KEYS, path, errors)
    before = len(errors)
    code = status = start_month = None
    if "class_code" in item:
        code = item["class_code"]
        if type(code) is not str or not _CLASS_CODE_RE.fullmatch(code):
            shown = repr(code) if isinstance(code, str) else _what(code)
            errors.add(f"{path}.class_code", f"must be a string of 4 to 7 digits (got {shown})")
    else:
        errors.add(f"{path}.class_code", "is required")
    if "status" in item:
        status = _word(
            item["status"], _STATUS_SET, SERVICE_STATUSES, f"{path}.status", errors, "status"
        )
    else:
        errors.add(f"{path}.status", "is required")
    if "start" in item:
        start_month = _month(item["start"], f"{path}.start", errors)
    else:
        errors.add(f"{path}.start", "is required")
    end = _end(item, path, errors, start_month)
    title = _string(item["title"], f"{path}.title", errors, 200) if "title" in item else None
    parenthetic = item.get("parenthetic")
    if parenthetic is not None:
        if type(parenthetic) is not str:
            errors.add(
                f"{path}.parenthetic", f"must be a string or null (got {_what(parenthetic)})"
            )
        elif not parenthetic:
            errors.add(f"{path}.parenthetic", "must not be empty (null means the plain title)")
        elif len(parenthetic) > 40:
            size = len(parenthetic)
            errors.add(f"{path}.parenthetic", f"must be at most 40 characters (got {size})")
    jurisdiction = "competitive"
    if "jurisdiction" in item:
        jurisdiction = _word(
            item["jurisdiction"],
            _JURIS_SET,
            JURISDICTIONS,
            f"{path}.jurisdiction",
            errors,
            "jurisdiction",
        )
    verified = _bool(item["verified"], f"{path}.verified", errors) if "verified" in item else False
    if len(errors) != before:
        return None
    return ServiceEntry(
        code,  # type: ignore[arg-type]
        status,  # type: ignore[arg-type]
        item["start"],
        title,
        parenthetic,
        jurisdiction,  # type: ignore[arg-type]
        end,
        bool(verified),
    )
