"""The engine's message catalogue: every key in English and Spanish, each kind rendered."""

from __future__ import annotations

import string

import pytest

from screening.engine.messages import (
    CATALOGUE,
    LABELS,
    LANGUAGES,
    field_term,
    language,
    message,
    render,
    term,
)

WHAT = {"key": "what.label", "label": "management experience in a call center or clinic"}
SAMPLE = {
    "have": 14,
    "need": 36,
    "short": 22,
    "minimum": 5,
    "what": WHAT,
    "items": [term("duty", "reception"), term("duty", "management")],
    "context": [term("cred", "high_school")],
    "reason": message("reason.judge"),
    "credential": term("held", "bachelor"),
    "country": "MX",
    "field": term("field", "42"),
    "fields": {"key": "list.or", "params": {"items": [term("field", "52"), term("field", "13")]}},
    "where": message("pred.setting", setting=term("setting", "medical")),
    "duties": term("duty", "reception"),
    "duty": term("duty", "reception"),
    "setting": term("setting", "call_center"),
    "occupations": term("occupation", "cashier"),
    "employers": term("employer", "government"),
    "levels": term("government", "state"),
    "part": term("duty", "reception"),
    "statuses": term("status", "permanent"),
    "jurisdictions": term("jurisdiction", "competitive"),
    "code": "2546100",
    "parenthetic": "HESC",
    "title": "Call Center Representative I",
    "label": "x",
}


def _forms(text) -> list[str]:
    return [text] if isinstance(text, str) else list(text.values())


def _placeholders(entry: dict) -> set[str]:
    return {
        name
        for lang in LANGUAGES
        for form in _forms(entry[lang])
        for _, name, _, _ in string.Formatter().parse(form)
        if name
    }


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_and_renders_with_its_parameters(key):
    entry = CATALOGUE[key]
    assert set(LANGUAGES) <= set(entry)
    en, es = entry["en"], entry["es"]
    assert type(en) is type(es)
    if isinstance(en, dict):
        assert "other" in en and "other" in es
        assert ("one" in en) == ("one" in es) and ("third" in en or "third_other" in en) == (
            "third" in es or "third_other" in es
        )
    if "count" in entry:
        assert entry["count"] in _placeholders(entry)
    if key in ("list.and", "list.or", "what.label"):
        return
    params = {name: SAMPLE[name] for name in _placeholders(entry)}
    for lang in LANGUAGES:
        for person in ("second", "third"):
            text = render({"key": key, "params": params}, lang, person)
            assert text and "{" not in text and "}" not in text
    if entry["en"] != entry["es"] and key.split(".")[0] not in ("government", "status"):
        assert render({"key": key, "params": params}, "es") != render(
            {"key": key, "params": params}, "en"
        )


def test_every_label_has_spanish():
    assert all(translations.get("es") for translations in LABELS.values())


def _months(key, person="second", **params):
    base = {"have": 14, "need": 36, "short": 22, "what": WHAT}
    return {lang: render(message(key, **{**base, **params}), lang, person) for lang in ("en", "es")}


def test_months_still_missing_in_both_languages_and_persons():
    assert _months("item.months_more") == {
        "en": "You need 22 more months of management experience in a call center or clinic: "
        "you have 14 of the 36 needed.",
        "es": "Le faltan 22 meses de experiencia en gestión en un centro de llamadas o una "
        "clínica: tiene 14 de los 36 requeridos.",
    }
    third = _months("item.months_more", "third")
    assert third["en"].startswith("The applicant needs 22 more months")
    assert third["es"].startswith("A la persona solicitante le faltan 22 meses")


def test_plural_forms_follow_the_count():
    one = _months("item.months_more", have=35, short=1)
    assert one["en"].startswith("You need 1 more month of ")
    assert one["es"].startswith("Le falta 1 mes de ")


def test_spanish_numbers_use_a_decimal_comma():
    half = _months("item.months_more", have=2.5, need=12, short=9.5)
    assert "9,5 meses" in half["es"] and "2,5 de los 12" in half["es"]
    assert "9.5 more months" in half["en"]


def test_months_met_and_explanations():
    assert _months("item.months_met", have=40)["es"] == (
        "Tiene 40 meses de experiencia en gestión en un centro de llamadas o una clínica "
        "(se requieren 36)."
    )
    explained = _months("explain.months_with", context=[term("cred", "high_school")])
    assert explained["en"] == (
        "You have 14 of the 36 months of management experience in a call center or clinic "
        "needed with a high school diploma or equivalency."
    )
    assert explained["es"] == (
        "Con un diploma de escuela secundaria o su equivalente, tiene 14 de los 36 meses de "
        "experiencia en gestión en un centro de llamadas o una clínica requeridos; le faltan 22."
    )


def test_hours_and_credentials():
    hours = message("item.hours_more", have=45, need=60, short=15)
    assert render(hours, "en") == (
        "You need 15 more college semester credit hours: you have 45 of the 60 needed."
    )
    assert render(hours, "es") == (
        "Le faltan 15 horas-crédito universitarias semestrales: tiene 45 de las 60 requeridas."
    )
    degree = message("item.credential_missing", what=term("cred", "bachelor"))
    assert render(degree, "en") == "You need a bachelor's degree or higher; you don't have one yet."
    assert render(degree, "es") == (
        "Necesita un título de licenciatura o superior; todavía no consta que lo tenga."
    )
    assert render(degree, "es", "third").startswith("La persona solicitante necesita")


def test_review_reasons_name_fields_not_codes():
    reason = message(
        "reason.other_field",
        credential=term("held", "bachelor"),
        field=field_term("42.0101"),
        fields={"key": "list.or", "params": {"items": [field_term("52"), field_term("51.07")]}},
    )
    review = message("explain.review", what=WHAT, reason=reason)
    assert render(review, "en") == (
        "For management experience in a call center or clinic, your bachelor's degree is in "
        "psychology, not business or health administration; a placement officer must judge "
        "whether it is a related field."
    )
    assert render(review, "es") == (
        "En cuanto a experiencia en gestión en un centro de llamadas o una clínica: su título de "
        "licenciatura es en psicología, no en administración de empresas o administración de la "
        "salud; un funcionario de colocación debe determinar si es un área afín."
    )


def test_fields_of_study_by_longest_known_code():
    assert field_term("51.2211")["key"] == "field.51.2211"
    assert field_term("51.0701")["key"] == "field.51.07"
    assert field_term("52.0201")["key"] == "field.52"
    assert field_term("99.9999")["key"] == "field.other"
    assert field_term(None)["key"] == "field.other"


def test_structure_is_rendered_when_a_standard_gives_no_label():
    where = message(
        "pred.duties",
        duties={"key": "list.and", "params": {"items": [term("duty", "reception")] * 2}},
    )
    what = message("what.paid_experience_where", where=where)
    assert render(what, "en") == (
        "paid experience in which the duties include reception and reception"
    )
    assert render(what, "es") == (
        "experiencia remunerada en la que las tareas incluyen la recepción y la recepción"
    )


def test_an_untranslated_label_falls_back_to_the_standards_words():
    assert render({"key": "what.label", "label": "typing experience"}, "es") == (
        "typing experience"
    )


def test_spanish_conjunction_before_an_i_sound():
    items = {"key": "list.and", "params": {"items": ["educación", "informática"]}}
    assert render(items, "es") == "educación e informática"


def test_languages_are_taken_from_django_codes():
    assert language("es-mx") == language("es") == "es"
    assert language("fr") == language(None) == "en"


def test_a_review_reason_keeps_its_message_when_copied():
    import copy
    import pickle

    from screening.engine.wording import Reason

    reason = Reason("your degree …", message("reason.judge"))
    for twin in (copy.deepcopy(reason), pickle.loads(pickle.dumps(reason))):
        assert twin == reason and twin.message == reason.message


def test_every_vocabulary_word_has_a_message():
    from screening.engine import vocab

    words = {
        "cred": vocab.REQUIRED_CREDENTIALS,
        "held": vocab.CREDENTIALS,
        "duty": vocab.DUTIES,
        "setting": vocab.SETTINGS,
        "employer": vocab.EMPLOYER_TYPES,
        "government": vocab.GOVERNMENT_LEVELS,
        "occupation": vocab.OCCUPATIONS,
        "status": vocab.SERVICE_STATUSES,
        "jurisdiction": vocab.JURISDICTIONS,
    }
    missing = [
        f"{p}.{w}" for p, names in words.items() for w in names if f"{p}.{w}" not in CATALOGUE
    ]
    assert missing == []


def test_every_label_of_the_shipped_standards_has_spanish():
    import yaml

    from .conftest import ROOT, SERIES

    def labels(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "label" and isinstance(value, str) and "rule" not in node:
                    yield value
                yield from labels(value)
        elif isinstance(node, list):
            for value in node:
                yield from labels(value)

    for name in SERIES:
        document = yaml.safe_load((ROOT / "series_data" / f"{name}.yaml").read_text())
        rules = [
            r["rule"] for level in document["levels"] for r in level["qualifications"]["routes"]
        ]
        found = set(labels(rules))
        assert len(found) >= 5 and found <= set(LABELS), found - set(LABELS)
