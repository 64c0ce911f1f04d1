"""The engine's messages in English and Spanish: keys with parameters, and their rendering.

A message is `{"key": str, "params": {...}}` (`params` left out when empty). The key
`what.label` carries `"label"` instead: a standard's own English words for a requirement,
used as is in English and through LABELS in other languages (in English when LABELS has no
translation yet). A parameter is a number, a
string, a nested message, or a list of those (joined with "and"; wrap it in `list.or` for
"or"). CATALOGUE[key][lang] is a template or a dict of forms: "one"/"other" chosen by the
entry's "count" parameter, and "third…" variants for the officer's third person ("The
applicant has …"). Pure Python: the portal passes `django.utils.translation.get_language()`.
"""

from __future__ import annotations

import string

from .message_words import LABELS, WORDS

LANGUAGES = ("en", "es")
PERSONS = ("second", "third")
_APPLICANT_ES = "La persona solicitante"

# fmt: off
_SENTENCES: dict[str, dict] = {
    # --- Explanations of a route (English exactly as the result's `explanation`) ---------
    "explain.met": {
        "en": {"other": "You meet this.", "third": "The applicant meets this."},
        "es": {"other": "Cumple este requisito.",
               "third": f"{_APPLICANT_ES} cumple este requisito."},
    },
    "explain.met_with": {
        "en": {"other": "You meet this with {items}.",
               "third": "The applicant meets this with {items}."},
        "es": {"other": "Cumple este requisito con {items}.",
               "third": f"{_APPLICANT_ES} cumple este requisito con {{items}}."},
    },
    "explain.months": {
        "count": "need",
        "en": {"one": "You have {have} of the {need} month of {what} needed.",
               "other": "You have {have} of the {need} months of {what} needed.",
               "third_one": "The applicant has {have} of the {need} month of {what} needed.",
               "third_other": "The applicant has {have} of the {need} months of {what} needed."},
        "es": {"one": "Tiene {have} del {need} mes de {what} requerido; le falta {short}.",
               "other": "Tiene {have} de los {need} meses de {what} requeridos; le faltan {short}.",
               "third_one": f"{_APPLICANT_ES} tiene {{have}} del {{need}} mes de {{what}} "
                            "requerido; le falta {short}.",
               "third_other": f"{_APPLICANT_ES} tiene {{have}} de los {{need}} meses de {{what}} "
                              "requeridos; le faltan {short}."},
    },
    "explain.months_with": {
        "count": "need",
        "en": {"one": "You have {have} of the {need} month of {what} needed with {context}.",
               "other": "You have {have} of the {need} months of {what} needed with {context}.",
               "third_one": "The applicant has {have} of the {need} month of {what} needed "
                            "with {context}.",
               "third_other": "The applicant has {have} of the {need} months of {what} needed "
                              "with {context}."},
        "es": {"one": "Con {context}, tiene {have} del {need} mes de {what} requerido; "
                      "le falta {short}.",
               "other": "Con {context}, tiene {have} de los {need} meses de {what} requeridos; "
                        "le faltan {short}.",
               "third_one": "Con {context}, la persona solicitante tiene {have} del {need} mes "
                            "de {what} requerido; le falta {short}.",
               "third_other": "Con {context}, la persona solicitante tiene {have} de los {need} "
                              "meses de {what} requeridos; le faltan {short}."},
    },
    "explain.hours": {
        "en": {"other": "You have {have} of the {need} college semester credit hours needed.",
               "third": "The applicant has {have} of the {need} college semester credit hours "
                        "needed."},
        "es": {"other": "Tiene {have} de las {need} horas-crédito universitarias semestrales "
                        "requeridas; le faltan {short}.",
               "third": f"{_APPLICANT_ES} tiene {{have}} de las {{need}} horas-crédito "
                        "universitarias semestrales requeridas; le faltan {short}."},
    },
    "explain.hours_with": {
        "en": {"other": "You have {have} of the {need} college semester credit hours needed "
                        "with {context}.",
               "third": "The applicant has {have} of the {need} college semester credit hours "
                        "needed with {context}."},
        "es": {"other": "Con {context}, tiene {have} de las {need} horas-crédito universitarias "
                        "semestrales requeridas; le faltan {short}.",
               "third": "Con {context}, la persona solicitante tiene {have} de las {need} "
                        "horas-crédito universitarias semestrales requeridas; le faltan {short}."},
    },
    "explain.need": {
        "en": {"other": "You need {what}.", "third": "The applicant needs {what}."},
        "es": {"other": "Necesita {what}.", "third": f"{_APPLICANT_ES} necesita {{what}}."},
    },
    "explain.need_with": {
        "en": {"other": "You need {what}; you already have {context}.",
               "third": "The applicant needs {what} and already has {context}."},
        "es": {"other": "Necesita {what}; ya tiene {context}.",
               "third": f"{_APPLICANT_ES} necesita {{what}}; ya tiene {{context}}."},
    },
    "explain.review": {
        "en": "For {what}, {reason}.",
        "es": "En cuanto a {what}: {reason}.",
    },
    "explain.depends": {
        "en": {"other": "Whether you qualify this way depends on that judgment.",
               "third": "Whether the applicant qualifies this way depends on that judgment."},
        "es": {"other": "Que usted reúna los requisitos por esta vía depende de esa decisión.",
               "third": "Que la persona solicitante reúna los requisitos por esta vía depende "
                        "de esa decisión."},
    },
    # --- What the applicant has, inside sentences ----------------------------------------
    "phrase.months": {
        "count": "have",
        "en": {"one": "{have} month of {what}", "other": "{have} months of {what}"},
        "es": {"one": "{have} mes de {what}", "other": "{have} meses de {what}"},
    },
    "phrase.months_need": {
        "count": "have",
        "en": {"one": "{have} month of {what} ({need} needed)",
               "other": "{have} months of {what} ({need} needed)"},
        "es": {"one": "{have} mes de {what} (se requieren {need})",
               "other": "{have} meses de {what} (se requieren {need})"},
    },
    "phrase.hours": {
        "en": "{have} college semester credit hours",
        "es": "{have} horas-crédito universitarias semestrales",
    },
    "phrase.hours_need": {
        "en": "{have} college semester credit hours ({need} needed)",
        "es": "{have} horas-crédito universitarias semestrales (se requieren {need})",
    },
    # --- One requirement of one way to qualify -------------------------------------------
    "item.months_met": {
        "count": "have",
        "en": {"one": "You have {have} month of {what} ({need} needed).",
               "other": "You have {have} months of {what} ({need} needed).",
               "third_one": "The applicant has {have} month of {what} ({need} needed).",
               "third_other": "The applicant has {have} months of {what} ({need} needed)."},
        "es": {"one": "Tiene {have} mes de {what} (se requieren {need}).",
               "other": "Tiene {have} meses de {what} (se requieren {need}).",
               "third_one": f"{_APPLICANT_ES} tiene {{have}} mes de {{what}} "
                            "(se requieren {need}).",
               "third_other": f"{_APPLICANT_ES} tiene {{have}} meses de {{what}} "
                              "(se requieren {need})."},
    },
    "item.months_more": {
        "count": "short",
        "en": {"one": "You need {short} more month of {what}: you have {have} of the {need} "
                      "needed.",
               "other": "You need {short} more months of {what}: you have {have} of the {need} "
                        "needed.",
               "third_one": "The applicant needs {short} more month of {what}: they have {have} "
                            "of the {need} needed.",
               "third_other": "The applicant needs {short} more months of {what}: they have "
                              "{have} of the {need} needed."},
        "es": {"one": "Le falta {short} mes de {what}: tiene {have} de los {need} requeridos.",
               "other": "Le faltan {short} meses de {what}: tiene {have} de los {need} "
                        "requeridos.",
               "third_one": "A la persona solicitante le falta {short} mes de {what}: tiene "
                            "{have} de los {need} requeridos.",
               "third_other": "A la persona solicitante le faltan {short} meses de {what}: tiene "
                              "{have} de los {need} requeridos."},
    },
    "item.hours_met": {
        "en": {"other": "You have {have} college semester credit hours ({need} needed).",
               "third": "The applicant has {have} college semester credit hours ({need} needed)."},
        "es": {"other": "Tiene {have} horas-crédito universitarias semestrales "
                        "(se requieren {need}).",
               "third": f"{_APPLICANT_ES} tiene {{have}} horas-crédito universitarias "
                        "semestrales (se requieren {need})."},
    },
    "item.hours_more": {
        "en": {"other": "You need {short} more college semester credit hours: you have {have} "
                        "of the {need} needed.",
               "third": "The applicant needs {short} more college semester credit hours: they "
                        "have {have} of the {need} needed."},
        "es": {"other": "Le faltan {short} horas-crédito universitarias semestrales: tiene "
                        "{have} de las {need} requeridas.",
               "third": "A la persona solicitante le faltan {short} horas-crédito universitarias "
                        "semestrales: tiene {have} de las {need} requeridas."},
    },
    "item.credential_met": {
        "en": {"other": "You have {what}.", "third": "The applicant has {what}."},
        "es": {"other": "Tiene {what}.", "third": f"{_APPLICANT_ES} tiene {{what}}."},
    },
    "item.credential_missing": {
        "en": {"other": "You need {what}; you don't have one yet.",
               "third": "The applicant needs {what} and does not have one yet."},
        "es": {"other": "Necesita {what}; todavía no consta que lo tenga.",
               "third": f"{_APPLICANT_ES} necesita {{what}}; todavía no consta que lo tenga."},
    },
    "item.level_met": {
        "en": {"other": "You meet {what}.", "third": "The applicant meets {what}."},
        "es": {"other": "Cumple {what}.", "third": f"{_APPLICANT_ES} cumple {{what}}."},
    },
    # --- Why a placement officer must judge -----------------------------------------------
    "reason.judge": {
        "en": "a placement officer must judge it",
        "es": "un funcionario de colocación debe evaluarlo",
    },
    "reason.foreign": {
        "en": {"other": "your {credential} is from outside the US ({country}); it counts once a "
                        "placement officer has verified an equivalency evaluation",
               "third": "the applicant's {credential} is from outside the US ({country}); it "
                        "counts once a placement officer has verified an equivalency evaluation"},
        "es": {"other": "su {credential} es del extranjero ({country}); contará cuando un "
                        "funcionario de colocación haya verificado una evaluación de equivalencia",
               "third": "el {credential} de la persona solicitante es del extranjero ({country}); "
                        "contará cuando un funcionario de colocación haya verificado una "
                        "evaluación de equivalencia"},
    },
    "reason.no_field": {
        "en": {"other": "your {credential} does not say its field of study; a placement officer "
                        "must judge whether it is in {fields} or a related field",
               "third": "the applicant's {credential} does not say its field of study; a "
                        "placement officer must judge whether it is in {fields} or a related "
                        "field"},
        "es": {"other": "su {credential} no indica el área de estudio; un funcionario de "
                        "colocación debe determinar si es de {fields} o de un área afín",
               "third": "el {credential} de la persona solicitante no indica el área de estudio; "
                        "un funcionario de colocación debe determinar si es de {fields} o de un "
                        "área afín"},
    },
    "reason.named_field": {
        "en": {"other": "your {credential} ({field}) has no field of study we can match; a "
                        "placement officer must judge whether it is in {fields} or a related field",
               "third": "the applicant's {credential} ({field}) has no field of study we can "
                        "match; a placement officer must judge whether it is in {fields} or a "
                        "related field"},
        "es": {"other": "no podemos clasificar automáticamente el área de su {credential} "
                        "({field}); un funcionario de colocación debe determinar si es de "
                        "{fields} o de un área afín",
               "third": "no podemos clasificar automáticamente el área del {credential} de la "
                        "persona solicitante ({field}); un funcionario de colocación debe "
                        "determinar si es de {fields} o de un área afín"},
    },
    "reason.other_field": {
        "en": {"other": "your {credential} is in {field}, not {fields}; a placement officer must "
                        "judge whether it is a related field",
               "third": "the applicant's {credential} is in {field}, not {fields}; a placement "
                        "officer must judge whether it is a related field"},
        "es": {"other": "su {credential} es en {field}, no en {fields}; un funcionario de "
                        "colocación debe determinar si es un área afín",
               "third": "el {credential} de la persona solicitante es en {field}, no en "
                        "{fields}; un funcionario de colocación debe determinar si es un área "
                        "afín"},
    },
    # --- Requirements by their structure (when the standard gives no label) --------------
    "what.label": {"en": "{label}", "es": "{label}"},  # rendered from the message's label
    "what.credential": {"en": "{credential}", "es": "{credential}"},
    "what.credential_in": {"en": "{credential} in {fields}", "es": "{credential} en {fields}"},
    "what.hours": {"en": "college semester credit hours",
                   "es": "horas-crédito universitarias semestrales"},
    "what.experience": {"en": "experience", "es": "experiencia"},
    "what.paid_experience": {"en": "paid experience", "es": "experiencia remunerada"},
    "what.experience_where": {"en": "experience in which {where}",
                              "es": "experiencia en la que {where}"},
    "what.paid_experience_where": {"en": "paid experience in which {where}",
                                   "es": "experiencia remunerada en la que {where}"},
    "what.service": {"en": "{statuses} {jurisdictions} service in class {code}",
                     "es": "servicio con nombramiento {statuses} en la jurisdicción "
                           "{jurisdictions}, clase {code}"},
    "what.service_parenthetic": {
        "en": "{statuses} {jurisdictions} service in class {code} ({parenthetic})",
        "es": "servicio con nombramiento {statuses} en la jurisdicción {jurisdictions}, "
              "clase {code} ({parenthetic})"},
    "what.level": {"en": "the minimum qualifications of {title}",
                   "es": "los requisitos mínimos de {title}"},
    "pred.duties": {"en": "the duties include {duties}", "es": "las tareas incluyen {duties}"},
    "pred.not_duty": {"en": "the duties do not include {duty}",
                      "es": "las tareas no incluyen {duty}"},
    "pred.setting": {"en": "the setting is {setting}", "es": "el entorno es {setting}"},
    "pred.not_setting": {"en": "the setting is not {setting}", "es": "el entorno no es {setting}"},
    "pred.occupation": {"en": "the occupation is {occupations}",
                        "es": "la ocupación es {occupations}"},
    "pred.not_occupation": {"en": "the occupation is not {occupations}",
                            "es": "la ocupación no es {occupations}"},
    "pred.employer": {"en": "the employer is {employers}", "es": "el empleador es {employers}"},
    "pred.not_employer": {"en": "the employer is not {employers}",
                          "es": "el empleador no es {employers}"},
    "pred.government_level": {"en": "the government level is {levels}",
                              "es": "el nivel de gobierno es {levels}"},
    "pred.disciplines": {"en": "scheduling covers at least {minimum} disciplines",
                         "es": "la programación abarca al menos {minimum} especialidades"},
    "pred.not": {"en": "not ({part})", "es": "no ({part})"},
    "pred.group": {"en": "({part})", "es": "({part})"},
    "pred.any_entry": {"en": "any work counts", "es": "cuenta cualquier trabajo"},
    "list.and": {"en": "{items}", "es": "{items}"},
    "list.or": {"en": "{items}", "es": "{items}"},
}
# fmt: on
CATALOGUE: dict[str, dict] = {**_SENTENCES, **WORDS}  # one catalogue: sentences and words

_JOIN = {"en": {"and": "and", "or": "or"}, "es": {"and": "y", "or": "o"}}
_FORMATTER = string.Formatter()


def message(key: str, **params) -> dict:
    """A message dict (the catalogue must know the key)."""
    assert key in CATALOGUE, key
    return {"key": key, "params": params}


def term(prefix: str, word: str) -> dict:
    """A vocabulary word as a message ("duty", "reception"): a key without parameters."""
    return {"key": f"{prefix}.{word}"}


def field_term(cip: str | None) -> dict:
    """A field of study by its CIP code: the longest known prefix, else "another field"."""
    if cip:
        for code in (cip, cip[:5], cip[:2]):
            if f"field.{code}" in CATALOGUE:
                return term("field", code)
    return term("field", "other")


def language(lang: str | None) -> str:
    """The catalogue's language for a Django language code ("es-mx" -> "es"); English else."""
    base = (lang or "en").lower().replace("_", "-").split("-", 1)[0]
    return base if base in LANGUAGES else "en"


def render(msg, lang: str | None = "en", person: str = "second") -> str:
    """The text of a message (or a list of messages, one sentence each) in `lang`."""
    lang = language(lang)
    if isinstance(msg, list):
        return " ".join(render(m, lang, person) for m in msg)
    label = msg.get("label")
    if label is not None:
        if lang == "en":
            return label
        translated = LABELS.get(label, {}).get(lang)
        if translated is not None:
            return translated
        if msg["key"] == "what.label":
            return label  # a standard's words no catalogue has translated yet
    key = msg["key"]
    params = msg.get("params") or {}
    if key in ("list.and", "list.or"):
        return _join([_value(v, lang, person) for v in params["items"]], key[5:], lang)
    entry = CATALOGUE[key]
    template = _form(entry, entry[lang], params, person)
    names = {name for _, name, _, _ in _FORMATTER.parse(template) if name}
    values = {name: _value(params[name], lang, person) for name in names}
    return template.format_map(values)


def _form(entry: dict, text, params: dict, person: str) -> str:
    if isinstance(text, str):
        return text
    count = params.get(entry["count"]) if "count" in entry else None
    plural = "one" if count == 1 else "other"
    order = [plural, "other"]
    if person == "third":
        order = [f"third_{plural}", "third_other", "third", *order]
    for name in order:
        if name in text:
            return text[name]
    raise KeyError(f"{entry!r} has no form for {plural}/{person}")


def _value(value, lang: str, person: str) -> str:
    if isinstance(value, dict):
        return render(value, lang, person)
    if isinstance(value, list):
        return _join([_value(v, lang, person) for v in value], "and", lang)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return number(value, lang)
    return str(value)


def number(value: int | float, lang: str = "en") -> str:
    """14 -> "14", 12.5 -> "12.5" (Spanish "12,5"); at most two decimals, as given."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value) if isinstance(value, int) else f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "es" else text


def _join(items: list[str], conjunction: str, lang: str) -> str:
    word = _JOIN[lang][conjunction]
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    if lang == "es" and word == "y" and last.lower().startswith(("i", "hi")):
        word = "e"  # "y" becomes "e" before an i sound
    if lang == "es" and word == "o" and last.lower().startswith(("o", "ho")):
        word = "u"
    return f"{', '.join(items[:-1])} {word} {last}"
