"""The fast JSON decoder of parse_profile gives exactly what the standard-library one gives,
and hands everything it refuses to the path whose messages users know."""

from __future__ import annotations

import json
from decimal import Decimal

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.engine import ProfileInvalid, parse_profile
from screening.engine.validation import _FAST_DECODER, _decode


def _same(a, b) -> bool:
    """Equal values of the same types all the way down (Decimal('37.50') is not 37.5)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Decimal):
        return str(a) == str(b)
    return a == b


NUMBER_TEXTS = ["0", "-0", "-0.0", "37.50", "1E5", "1e-7", "2.5E+3", "1e400", "9" * 300,
                "0.1000000000000000055511151231257827", "-12345678901234567890"]  # fmt: skip


@pytest.mark.parametrize("number", NUMBER_TEXTS)
def test_numbers_decode_alike(number):
    text = f'{{"n": {number}, "l": [{number}]}}'
    assert _same(_FAST_DECODER.decode(text.encode()), _decode(text))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.decimals(allow_nan=False, allow_infinity=False).map(str).filter(lambda t: "E" not in t
                                                                          or "." in t)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_document_decodes_alike(value):
    text = json.dumps(value, ensure_ascii=False, default=str)
    try:
        fast = _FAST_DECODER.decode(text.encode("utf-8"))
    except (ValueError, msgspec.MsgspecError):  # a lone surrogate: the slow path answers
        return
    assert _same(fast, _decode(text))


def test_repeated_keys_keep_the_last_value_in_both():
    text = '{"a": 1, "a": 2.50}'
    assert _same(_FAST_DECODER.decode(text), _decode(text))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"as_of": NaN}', None),  # NaN is JSON to Python: the schema refuses it by path
        (b"[1,]", "not JSON: Expecting value: line 1 column 4 (char 3)"),
        (b'{"a": 1}x', "not JSON: Extra data: line 1 column 9 (char 8)"),
        (b'"\xff"', "not UTF-8 text (invalid byte at offset 1)"),
        (b'"\xed\xa0\x80"', "not UTF-8 text (invalid byte at offset 1)"),
        ("\ufeff{}".encode(), "not JSON: Expecting value: line 1 column 1 (char 0)"),
        (b"[" * 100_000 + b"]" * 100_000, "not JSON: nested too deeply"),
    ],
)  # fmt: skip
def test_what_the_fast_decoder_refuses_gets_the_known_words(raw, message):
    with pytest.raises(ProfileInvalid) as refused:
        parse_profile(raw)
    first = refused.value.errors[0]
    if message is None:
        assert first["path"] != "$"  # it was decoded, then refused by a field's path
    else:
        assert first == {"path": "$", "message": message}


def test_a_lone_surrogate_in_text_is_refused_by_its_path():
    with pytest.raises(ProfileInvalid) as refused:
        parse_profile('{"format": "screening-profile/1", "applicant": {"name": "\\ud800"}}')
    assert [e["path"] for e in refused.value.errors] == ["applicant.name"]
