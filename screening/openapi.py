"""OpenAPI components for the screening documents, from the contract's own JSON Schema."""

import json
from pathlib import Path

PROFILE_SCHEMA_FILE = Path(__file__).parent / "engine" / "screening-profile-1.schema.json"

_OUTCOME = {"enum": ["qualified", "review", "not_qualified"]}
_GAP = {
    "type": "object",
    "required": ["requirement", "status", "have", "need", "unit"],
    "properties": {
        "requirement": {"type": "string"},
        "status": {"enum": ["unmet", "review"]},
        "reason": {"type": "string"},
        "have": {"type": "number"},
        "need": {"type": "number"},
        "unit": {"enum": ["months", "semester hours", "credential"]},
    },
}
_MESSAGE = {
    "type": "object",
    "description": (
        "An engine message: a key of screening/engine/messages.py's catalogue (English and "
        "Spanish) and its parameters (numbers, strings, nested messages or lists of them). "
        "The key `what.label` carries `label` (the standard's words) instead of parameters."
    ),
    "required": ["key"],
    "properties": {
        "key": {"type": "string", "examples": ["item.months_more"]},
        "params": {
            "type": "object",
            "examples": [{"have": 14, "need": 36, "short": 22, "what": {"key": "what.label"}}],
        },
        "label": {"type": "string"},
    },
}
_WAY_ITEM = {
    "type": "object",
    "required": ["requirement", "status", "have", "need", "unit", "message"],
    "properties": {
        "requirement": {"type": "string"},
        "status": {"enum": ["met", "review", "unmet"]},
        "reason": {"type": "string"},
        "have": {"type": "number"},
        "need": {"type": "number"},
        "unit": {"enum": ["months", "semester hours", "credential", "level"]},
        "message": _MESSAGE,
    },
}
_WAYS = {
    "type": "array",
    "description": (
        'Every way to qualify: per route, each alternative (the rule\'s "or"s of "and"s; '
        "a reference to another level is one requirement), met or not, with every requirement "
        "and what is missing. `closest` marks the branch `gaps` describes (the first met one "
        "on a met route). Added to screening-result/1 without changing any other field."
    ),
    "items": {
        "type": "object",
        "required": ["route", "outcome", "branches"],
        "properties": {
            "route": {"type": "string"},
            "outcome": _OUTCOME,
            "branches": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["status", "closest", "requirements"],
                    "properties": {
                        "status": {"enum": ["met", "review", "unmet"]},
                        "closest": {"type": "boolean"},
                        "requirements": {"type": "array", "items": _WAY_ITEM},
                    },
                },
            },
        },
    },
}
_ERROR = {
    "type": "object",
    "required": ["path", "message"],
    "properties": {
        "path": {"type": "string", "examples": ["experience[2].end"]},
        "message": {"type": "string", "examples": ["before start (2021-03 < 2021-07)"]},
    },
}
SCREENING_RESULT = {
    "type": "object",
    "required": ["format", "as_of", "standards", "results"],
    "properties": {
        "format": {"const": "screening-result/1"},
        "as_of": {"type": "string", "format": "date"},
        "standards": {"type": "object", "additionalProperties": {"type": "string"}},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["level", "title", "outcome", "verified", "routes", "attributes"],
                "properties": {
                    "level": {"type": "string"},
                    "title": {"type": "string"},
                    "outcome": _OUTCOME,
                    "verified": {"type": "boolean"},
                    "routes": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["route", "outcome", "explanation", "gaps"],
                            "properties": {
                                "route": {"type": "string"},
                                "outcome": _OUTCOME,
                                "explanation": {"type": "string"},
                                "gaps": {"type": "array", "items": _GAP},
                                "messages": {
                                    "type": "array",
                                    "description": "The explanation, one message a sentence.",
                                    "items": _MESSAGE,
                                },
                            },
                        },
                    },
                    "attributes": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "attribute": {"const": "keyboarding"},
                                "minimum_wpm": {"type": "integer"},
                                "status": {"enum": ["met", "not_met", "unassessed"]},
                            },
                        },
                    },
                    "ways": _WAYS,
                },
            },
        },
    },
}
SCREENING_REFUSAL = {
    "type": "object",
    "required": ["format", "errors"],
    "properties": {
        "format": {"const": "screening-result/1"},
        "errors": {"type": "array", "items": _ERROR},
    },
}


def _rewrite_refs(node, prefix: str):
    if isinstance(node, dict):
        return {
            key: (
                value.replace("#/$defs/", f"#/components/schemas/{prefix}")
                if key == "$ref"
                else _rewrite_refs(value, prefix)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, prefix) for item in node]
    return node


def screening_components() -> dict:
    """Components for SPECTACULAR_SETTINGS['APPEND_COMPONENTS']: profile, result, refusal."""
    schema = json.loads(PROFILE_SCHEMA_FILE.read_text())
    definitions = schema.pop("$defs")
    for key in ("$schema", "$id"):
        schema.pop(key)
    components = {
        f"ScreeningProfile_{name}": _rewrite_refs(body, "ScreeningProfile_")
        for name, body in definitions.items()
    }
    components["ScreeningProfile"] = _rewrite_refs(schema, "ScreeningProfile_")
    components["ScreeningResult"] = SCREENING_RESULT
    components["ScreeningRefusal"] = SCREENING_REFUSAL
    return {"schemas": components}


def level_ids_listed(result, generator, request, public):
    """drf-spectacular hook: the `level` parameter lists the level ids stored now, so the
    schema names every value the API accepts (it changes when a standard gains a level)."""
    from django.db import DatabaseError

    from screening.services.screening import known_level_ids

    try:
        levels = sorted(known_level_ids())
    except DatabaseError:  # a schema made without a database (system checks before migrate)
        return result
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("name") == "level" and parameter.get("in") == "query" and levels:
                    parameter["schema"]["items"]["enum"] = levels
    return result
