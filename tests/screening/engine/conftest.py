"""Shared helpers of the engine tests: no database, no Django, time passed in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from screening.engine import (
    build_screener,
    screen_profile,
    standard_rules_from_document,
    validate_profile,
)

ROOT = Path(__file__).resolve().parents[3]
SERIES = ("university-call-center", "nys-call-center-representative")
AS_OF = date(2026, 10, 1)


def load_standards():
    standards = []
    for name in SERIES:
        with open(ROOT / "series_data" / f"{name}.yaml", encoding="utf-8") as f:
            standards.append(standard_rules_from_document(yaml.safe_load(f), version=f"{name}-v"))
    return standards


@pytest.fixture(scope="session")
def screener():
    """The ten levels of the two standards in series_data/."""
    return build_screener(load_standards())


def standard(rules: dict, *, series: str = "test", predicates: dict | None = None, **extra):
    """A one-file standard whose levels are {level id: rule} (one route `entry` each)."""
    doc = {
        "format": "class-standard/1",
        "series": series,
        "predicates": predicates or {},
        "levels": [
            {
                "id": level_id,
                "title": f"Level {level_id}",
                "qualifications": {"routes": [{"route": "entry", "rule": rule}]},
                "attributes": extra.get("attributes", {}).get(level_id, []),
            }
            for level_id, rule in rules.items()
        ],
    }
    return standard_rules_from_document(doc, version="1")


def screen_rule(rule: dict, profile: dict, *, predicates: dict | None = None, as_of=AS_OF):
    """Screen a profile against one rule; returns that level's result dict."""
    screener = build_screener([standard({"x": rule}, predicates=predicates)])
    return screen(profile, screener, as_of=as_of)["results"][0]


def screen(profile: dict, screener, *, as_of=AS_OF, levels=None) -> dict:
    doc = {"format": "screening-profile/1", **profile}
    return screen_profile(validate_profile(doc), screener, levels=levels, default_as_of=as_of)


def job(start: str, end: str | None = None, **fields) -> dict:
    """An experience entry (private employer, full time, unless told otherwise)."""
    entry = {"title": "Job", "employer_type": "private", "start": start, "end": end}
    entry.update(fields)
    return entry


def outcomes(result: dict) -> dict[str, str]:
    return {r["level"]: r["outcome"] for r in result["results"]}
