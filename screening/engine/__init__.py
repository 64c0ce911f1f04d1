"""The screening engine: pure Python, no Django (SCREENING.md is its contract).

standards = [standard_rules_from_document(yaml.safe_load(f), version="…") for f in files]
screener = build_screener(standards)
result = screen_profile(parse_profile(raw), screener, default_as_of=date(2026, 10, 1))
"""

from .describe import describe, describe_predicate
from .errors import ProfileInvalid, RuleError
from .evaluate import screen_outcomes, screen_profile, screen_profile_json, screen_profile_jsonl
from .fingerprint import level_rule_fingerprints
from .profile import Profile, profile_from_document
from .rules import parse_predicate, parse_requirement
from .screener import Screener, build_screener
from .standards import (
    LevelRules,
    RouteRules,
    StandardRules,
    standard_rules_from_document,
)
from .validation import parse_profile, validate_profile

__all__ = [
    "LevelRules",
    "Profile",
    "ProfileInvalid",
    "RouteRules",
    "RuleError",
    "Screener",
    "StandardRules",
    "build_screener",
    "describe",
    "describe_predicate",
    "level_rule_fingerprints",
    "parse_predicate",
    "parse_profile",
    "parse_requirement",
    "profile_from_document",
    "screen_outcomes",
    "screen_profile",
    "screen_profile_json",
    "screen_profile_jsonl",
    "standard_rules_from_document",
    "validate_profile",
]
