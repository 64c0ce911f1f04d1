"""The screening engine: pure Python, no Django (SCREENING.md is its contract).

standards = [standard_rules_from_document(yaml.safe_load(f), version="…") for f in files]
screener = build_screener(standards)
result = screen_profile(parse_profile(raw), screener, default_as_of=date(2026, 10, 1))
"""

from .compiled import Screener
from .errors import ProfileInvalid, RuleError
from .evaluate import screen_profile
from .profile import Profile, parse_profile, validate_profile
from .rules import describe, describe_predicate, parse_predicate, parse_requirement
from .standards import (
    LevelRules,
    RouteRules,
    StandardRules,
    build_screener,
    standard_rules_from_document,
)

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
    "parse_predicate",
    "parse_profile",
    "parse_requirement",
    "screen_profile",
    "standard_rules_from_document",
    "validate_profile",
]
