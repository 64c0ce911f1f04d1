"""Parsing and validating screening-profile/1 documents into `profile.Profile`.

The shipped JSON Schema (screening-profile-1.schema.json) is the one description of a valid
document: jsonschema-rs checks it. A short pass adds what a schema cannot say (SCREENING.md):
a real calendar date, dates and months inside the portal's window (dates.py), an end before
its start, an assigned country code, NaN/Infinity, numbers too small to make exact, NUL and
lone surrogates in text. Every problem of a document is reported at once, each with its JSON
path ("experience[2].end") and a message in words.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema_rs
import msgspec

from .countries import ISO_3166_ALPHA2
from .dates import DATE_MAX, DATE_MIN, date_in_window, window_message
from .errors import ProfileInvalid
from .profile import FORMAT, Profile, profile_from_document

SCHEMA = json.loads(
    (Path(__file__).with_name("screening-profile-1.schema.json")).read_text(encoding="utf-8")
)
_VALIDATOR = jsonschema_rs.validator_for(SCHEMA)
LIST_LIMITS = {key: SCHEMA["properties"][key]["maxItems"] for key in ("education", "experience",
               "civil_service")}  # fmt: skip
_ENTRY_LISTS = ("education", "experience", "civil_service")

# ---------------------------------------------------------------------------
# Parsing.

# Floats as Decimal keep the written value exact (37.5 hours, 24.6 credits). NaN and
# Infinity become Decimal too: the schema refuses them by path, the messages say why.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=Decimal)
# Python refuses to make an int of more than 4,300 digits; such a number is still JSON, and is
# refused by the range of its field (the default decoder stays on the fast path).
_LONG_INT_DECODER = json.JSONDecoder(
    parse_float=Decimal,
    parse_constant=Decimal,
    parse_int=lambda text: int(text) if len(text) <= 100 else Decimal(text),
)


# The fast decoder of the common case: it gives the same values as _DECODER (floats as the
# Decimal of their text, the last of repeated keys) three times as fast. Whatever it refuses
# (NaN, a lone surrogate, bad UTF-8, any malformed text) takes the path below, which says why
# in the words users know (tests/screening/engine/test_validation_decoding.py holds them equal).
_FAST_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def parse_profile(raw: bytes | bytearray | str) -> Profile:
    """Parse and validate a profile document (JSON text or UTF-8 bytes)."""
    try:
        document = _FAST_DECODER.decode(raw)
    except (msgspec.MsgspecError, TypeError, ValueError, RecursionError):
        return validate_profile(_slow_decode(raw))
    return validate_profile(document)


def _slow_decode(raw):
    """The document, or ProfileInvalid saying in words why the text is not JSON."""
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
    return document


def _decode(raw: str):
    try:
        return _DECODER.decode(raw)
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
        return _LONG_INT_DECODER.decode(raw)


# ---------------------------------------------------------------------------
# Validation.


def validate_profile(obj: object) -> Profile:
    """Validate a parsed profile document (dicts, lists, str, numbers); return a Profile."""
    if not isinstance(obj, dict):
        raise ProfileInvalid([_error("$", f"a profile must be a JSON object (got {_what(obj)})")])
    try:
        valid = _VALIDATOR.is_valid(obj)
    except (ValueError, TypeError):  # a key or value no JSON document holds (lone surrogate …)
        valid = False
    errors = _extra_problems(obj)
    if valid and not errors:
        return profile_from_document(obj)
    if not valid:
        try:
            errors = _schema_problems(obj) + errors
        except RecursionError:  # only Python callers can nest this deep (JSON text cannot)
            errors = [_error("$", "nested too deeply")]
    raise ProfileInvalid(_ordered(errors))


def _error(path: str, message: str) -> dict[str, str]:
    return {"path": path, "message": message}


# --- The schema's problems, in words ---------------------------------------------------------


def _schema_problems(obj: dict) -> list[dict[str, str]]:
    clean, errors = _cleaned(obj, "$")
    for error in _VALIDATOR.iter_errors(clean):
        errors.extend(_described(error, obj))
    return errors


def _cleaned(value, path: str):
    """A copy jsonschema-rs can read, and the problems of what it cannot (reported here)."""
    errors: list[dict[str, str]] = []
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if type(key) is not str or not _encodable(key):
                errors.append(_error(_child(path, key), "unknown key"))
                continue
            out[key], more = _cleaned(item, _child(path, key))
            errors.extend(more)
        return out, errors
    if isinstance(value, list | tuple):
        out = []
        for i, item in enumerate(value):
            clean, more = _cleaned(item, f"{path}[{i}]")
            out.append(clean)
            errors.extend(more)
        return out, errors
    if isinstance(value, str) and not _encodable(value):
        return "\ufffd", errors  # reported by the extra pass where the text is a field
    if type(value) is Decimal and value.is_finite() and abs(value.adjusted()) > _EXPONENT_LIMIT:
        # As far out, on the same side: jsonschema-rs cannot write 5,000 digits in a message.
        far = Decimal(f"1e{_EXPONENT_LIMIT + 1 if value.adjusted() > 0 else -_EXPONENT_LIMIT - 1}")
        return far.copy_sign(value), errors
    if value is None or isinstance(value, str | int | float | Decimal):
        return value, errors
    errors.append(_error(path, f"must be a JSON value (got {type(value).__name__})"))
    return None, errors


def _described(error, document) -> list[dict[str, str]]:
    """The jsonschema-rs error as problems with a path and a message in words."""
    segments = list(error.instance_path)
    path = _path(segments)
    value = _at(document, segments)
    kind = error.kind
    name = kind.name
    if name == "additionalProperties":
        allowed = ", ".join(sorted(_schema_at(error.schema_path[:-1]).get("properties", {})))
        return [_error(_child(path, key), f"unknown key (allowed: {allowed})")
                for key in kind.unexpected]  # fmt: skip
    if name == "required":
        hint = f" (it must be {FORMAT!r})" if kind.property == "format" and path == "$" else ""
        return [_error(_child(path, kind.property), f"is required{hint}")]
    if name == "not":  # hours on a credential that is not college_credit
        return [
            _error(
                _child(path, key), f"only college_credit carries hours, not {value['credential']}"
            )
            for key in ("semester_hours", "quarter_hours")
            if key in value
        ]
    if name == "anyOf":  # without a credential, only its absence is the problem
        if "credential" not in value:
            return []
        return [_error(path, "college_credit needs semester_hours, quarter_hours or both")]
    if name == "uniqueItems":
        seen = []
        for i, item in enumerate(value):
            if item in seen:
                word = _field_word(segments[-1])
                return [_error(f"{path}[{i}]", f"repeated {word} {item!r}")]
            seen.append(item)
    if name == "oneOf" and isinstance(value, str):  # `end` or `parenthetic`: its string branch
        problems = []
        for sub in error.kind.context[0]:
            problems.extend(_described(sub, document))
        return problems
    return [_error(path, _message(name, kind, value, segments))]


def _message(name: str, kind, value, segments) -> str:
    field = segments[-1] if segments else "$"
    if _non_finite(value):
        return "must be a finite number (NaN and Infinity are not JSON numbers)"
    if name == "type":
        return _type_message(kind.types, value)
    if name == "oneOf":
        return f"must be {_EXPECTED.get(field, 'a string')} or null (got {_what(value)})"
    if name == "const":
        return f"must be {kind.expected_value!r}"
    if name == "enum":
        shown = _shown(value)
        options = ", ".join(kind.options)
        return f"unknown {_field_word(segments)} {shown} (expected one of: {options})"
    if name == "pattern":
        shown = _shown(value)
        return f"must be {_EXPECTED.get(field, 'in the expected form')} (got {shown})"
    if name == "maxLength":
        return f"must be at most {kind.limit} characters (got {len(value)})"
    if name == "minLength":
        return "must not be empty"
    if name == "maxItems":
        return f"must have at most {kind.limit} entries (got {len(value)})"
    if name == "maximum":
        return f"must be at most {_show(kind.limit)} (got {_show(value)})"
    if name == "minimum":
        return f"must be at least {_show(kind.limit)} (got {_show(value)})"
    if name == "exclusiveMinimum":
        return f"must be more than {_show(kind.limit)} (got {_show(value)})"
    return f"breaks the screening-profile/1 schema ({name})"


_EXPECTED = {
    "start": "a month YYYY-MM",
    "end": "a month YYYY-MM",
    "completed": "a month YYYY-MM",
    "cip": "a CIP code NN, NN.NN or NN.NNNN",
    "country": "an assigned ISO 3166-1 alpha-2 country code",
    "class_code": "a string of 4 to 7 digits",
    "parenthetic": "a string",
}
_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "array": "an array",
    "object": "an object",
    "boolean": "true or false",
    "null": "null",
}


def _type_message(types: list[str], value) -> str:
    if types == ["integer"] and _is_number(value):
        return f"must be a whole number (got {_show(value)})"
    if types == ["integer"]:
        return f"must be a number (got {_what(value)})"
    return f"must be {' or '.join(_TYPE_WORDS[t] for t in types)} (got {_what(value)})"


def _field_word(segments) -> str:
    """The word for the values of a field in messages ("employer type", "duty")."""
    field = segments if isinstance(segments, str) else next(
        (s for s in reversed(segments) if isinstance(s, str)), "value"
    )  # fmt: skip
    return {"duties": "duty", "settings": "setting", "status": "status"}.get(
        field, field.replace("_", " ")
    )


def _schema_at(schema_path) -> dict:
    node = SCHEMA
    for key in schema_path:
        node = node[key]
    return node


def _at(document, segments):
    for segment in segments:
        document = document[segment]
    return document


# --- What a schema cannot say ----------------------------------------------------------------

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH_RE = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")
_FIRST_MONTH, _LAST_MONTH = DATE_MIN.strftime("%Y-%m"), DATE_MAX.strftime("%Y-%m")
_TEXT_FIELDS = {
    "education": ("field", "institution"),
    "experience": ("title", "employer"),
    "civil_service": ("title", "parenthetic"),
}
_NUMBER_FIELDS = {
    "education": ("semester_hours", "quarter_hours"),
    "experience": ("hours_per_week", "disciplines_scheduled"),
    "civil_service": (),
}
# Numbers written with an exponent beyond this are not made exact (1e-999999999 as a Fraction
# would take forever); one that the schema's bounds let through is refused here.
_EXPONENT_LIMIT = 100


def _extra_problems(doc: dict) -> list[dict[str, str]]:
    """SCREENING.md's checks beyond the schema; defensive, as the document may be invalid.

    Paths are made only for a problem found: this runs on every valid profile.
    """
    errors: list[dict[str, str]] = []
    if "as_of" in doc:
        _check_as_of(doc["as_of"], errors)
    applicant = doc.get("applicant")
    if isinstance(applicant, dict):
        for key in ("name", "email", "external_id"):
            problem = _text_problem(applicant.get(key))
            if problem:
                errors.append(_error(f"applicant.{key}", problem))
    assessments = doc.get("assessments")
    if isinstance(assessments, dict):
        problem = _number_problem(assessments.get("keyboarding_wpm"))
        if problem:
            errors.append(_error("assessments.keyboarding_wpm", problem))
    for key in _ENTRY_LISTS:
        entries = doc.get(key)
        if type(entries) is list:
            for i, entry in enumerate(entries):
                if type(entry) is dict:
                    for field, problem in _entry_problems(key, entry):
                        errors.append(_error(f"{key}[{i}]{field}", problem))
    return errors


def _entry_problems(kind: str, entry: dict) -> list[tuple[str, str]]:
    """(".field", message) of each problem of one entry."""
    get = entry.get
    found = []
    for key in _TEXT_FIELDS[kind]:
        problem = _text_problem(get(key))
        if problem:
            found.append((f".{key}", problem))
    for key in _NUMBER_FIELDS[kind]:
        problem = _number_problem(get(key))
        if problem:
            found.append((f".{key}", problem))
    if kind == "education":
        problem = _month_problem(get("completed"))
        if problem:
            found.append((".completed", problem))
        country = get("country")
        pattern_ok = type(country) is str and len(country) == 2 and country.isupper()
        if pattern_ok and country not in ISO_3166_ALPHA2:
            hint = " (use GB)" if country == "UK" else ""
            message = f"must be an assigned ISO 3166-1 alpha-2 country code{hint}"
            found.append((".country", f"{message} (got {country!r})"))
        return found
    start, end = get("start"), get("end")
    start_problem, end_problem = _month_problem(start), _month_problem(end)
    for key, problem in ((".start", start_problem), (".end", end_problem)):
        if problem:
            found.append((key, problem))
    both_months = start_problem is None and end_problem is None and _is_month(end)
    if _non_finite(end):  # read as null by the schema, which allows a null end
        found.append((".end", _message("type", None, end, ["end"])))
    elif both_months and _is_month(start) and end < start:
        found.append((".end", f"before start ({end} < {start})"))
    if kind == "civil_service" and _non_finite(get("parenthetic")):
        found.append((".parenthetic", _message("type", None, Decimal("NaN"), [])))
    return found


def _check_as_of(value, errors: list) -> None:
    if type(value) is not str or not _DATE_RE.fullmatch(value):
        shown = _shown(value)
        errors.append(_error("as_of", f"must be a date YYYY-MM-DD (got {shown})"))
        return
    try:
        day = date.fromisoformat(value)
    except ValueError:
        errors.append(_error("as_of", f"not a real calendar date ({value})"))
        return
    if not date_in_window(day):
        errors.append(_error("as_of", window_message()))


def _is_month(value) -> bool:
    return type(value) is str and _MONTH_RE.fullmatch(value) is not None


def _month_problem(value) -> str | None:
    """A month string outside the window (anything else not a month is the schema's)."""
    if type(value) is not str or _FIRST_MONTH <= value <= _LAST_MONTH or not _is_month(value):
        return None
    return f"must be between {_FIRST_MONTH} and {_LAST_MONTH} (got {value!r})"


def _text_problem(value) -> str | None:
    if type(value) is not str or (value.isascii() and "\x00" not in value):
        return None
    if "\x00" in value:  # no database stores it in text, and no name or title needs it
        return "must not contain the NUL character (U+0000)"
    if not _encodable(value):
        return "must be Unicode text (it holds a lone surrogate escape such as \\ud800)"
    return None


def _number_problem(value) -> str | None:
    """A tiny positive number passes the schema's bounds but cannot be made exact."""
    if (
        type(value) is Decimal
        and value.is_finite()
        and value.adjusted() < -_EXPONENT_LIMIT
        and not value.is_signed()
        and not value.is_zero()
    ):
        return f"must not be that close to 0 (got {_show(value)})"
    return None


# --- Small helpers ---------------------------------------------------------------------------

_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _path(segments) -> str:
    path = "$"
    for segment in segments:
        path = f"{path}[{segment}]" if isinstance(segment, int) else _child(path, segment)
    return path


def _child(path: str, key) -> str:
    if type(key) is str and _KEY_RE.fullmatch(key):
        name = key
    else:  # quoted; escaped only where it could not be written as UTF-8
        text = key if type(key) is str else str(key)
        name = f"[{json.dumps(text, ensure_ascii=not _encodable(text))}]"
    if path == "$":
        return name if name[0] != "[" else f"${name}"
    return f"{path}{name}" if name[0] == "[" else f"{path}.{name}"


def _non_finite(value) -> bool:
    if type(value) is Decimal:
        return not value.is_finite()
    return type(value) is float and (value != value or value in (float("inf"), float("-inf")))


def _is_number(value) -> bool:
    return type(value) in (int, float, Decimal)


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
    if _non_finite(value):
        if value != value if type(value) is float else value.is_nan():
            return "NaN"
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _shown(value) -> str:
    """A value as a message quotes it: a string in quotes, cut short past 40 characters."""
    if not isinstance(value, str):
        return _what(value)
    return repr(value) if len(value) <= 40 else f"{repr(value[:40])[:-1]}…{repr(value)[-1]}"


def _show(number) -> str:
    """The number as a message shows it: as written, or in E notation when very long."""
    text = str(number)
    return text if len(text) <= 30 else f"{Decimal(number):.6E}"


def _encodable(text: str) -> bool:
    """Whether the text can be written as UTF-8 (a JSON escape can make a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ordered(errors: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each problem once, in the order of the document's fields (as a form shows them)."""
    unique = list({(e["path"], e["message"]): e for e in errors}.values())
    return sorted(unique, key=lambda e: _order_key(e["path"]))


_TOP_ORDER = list(SCHEMA["properties"])


def _order_key(path: str):
    head = re.match(r"\$?\[?\"?([A-Za-z_]+)", path)
    top = head.group(1) if head else ""
    rank = _TOP_ORDER.index(top) if top in _TOP_ORDER else len(_TOP_ORDER)
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", path)]
    return (rank, numbers)
