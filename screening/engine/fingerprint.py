"""Fingerprints of what decides a level's outcome, to tell which levels a new version changes.

A level's fingerprint is the sha256 of the canonical form of its routes (names, order and
rules), with named predicates resolved and `level` references replaced by the fingerprint of
the level referred to, transitively. Labels, texts, titles and keyboarding attributes decide
no outcome and are left out. Two versions whose fingerprints of a level are equal give that
level the same outcomes, route outcomes and `verified` for every profile.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from fractions import Fraction

from .errors import RuleError
from .rules import Experience, LevelRef, OfWhich, Requirement, resolve_predicate
from .standards import LevelRules, StandardRules

# Fields that only word explanations: changing them changes no outcome.
_WORDING_FIELDS = frozenset({"label"})


def level_rule_fingerprints(
    standard_rules: StandardRules | Sequence[StandardRules],
) -> dict[str, str]:
    """{full level id: sha256 hex} for every level of the standard(s) given.

    A `level` reference to a level of a standard not given is a RuleError: its rules are
    part of the referring level's fingerprint.
    """
    standards = (
        [standard_rules] if isinstance(standard_rules, StandardRules) else list(standard_rules)
    )
    levels = {level.id: (level, standard) for standard in standards for level in standard.levels}
    fingerprints: dict[str, str] = {}

    def fingerprint(level_id: str) -> str:
        found = fingerprints.get(level_id)
        if found is None:
            level, standard = levels[level_id]
            form = _level_form(level, standard, levels, fingerprint)
            text = json.dumps(form, separators=(",", ":"), ensure_ascii=False)
            found = fingerprints[level_id] = hashlib.sha256(text.encode()).hexdigest()
        return found

    for level_id in levels:
        fingerprint(level_id)
    return fingerprints


def _level_form(level: LevelRules, standard: StandardRules, levels: Mapping, fingerprint):
    def requirement(req: Requirement):
        if isinstance(req, LevelRef):
            target = req.level if "/" in req.level else f"{standard.series}/{req.level}"
            if target not in levels:
                raise RuleError([f"{level.id}: refers to level {target!r}, which is not given"])
            return ["LevelRef", fingerprint(target)]
        if isinstance(req, Experience):
            where = resolve_predicate(req.where, standard.predicates)
            req = dataclasses.replace(req, where=where, of_which=_of_which(req.of_which))
        return _canonical(req, requirement)

    def _of_which(of_which: OfWhich | None) -> OfWhich | None:
        if of_which is None:
            return None
        return dataclasses.replace(
            of_which, where=resolve_predicate(of_which.where, standard.predicates)
        )

    return [[route.route, requirement(route.rule)] for route in level.routes]


def _canonical(value, requirement):
    """Plain JSON of a rule tree: [class name, field values …], numbers exact as text."""
    if dataclasses.is_dataclass(value):
        return [
            type(value).__name__,
            *[
                _canonical_part(getattr(value, f.name), requirement)
                for f in dataclasses.fields(value)
                if f.name not in _WORDING_FIELDS
            ],
        ]
    return _canonical_part(value, requirement)


def _canonical_part(value, requirement):
    if isinstance(value, Requirement):
        return requirement(value)
    if dataclasses.is_dataclass(value):  # predicates, of_which
        return _canonical(value, requirement)
    if isinstance(value, tuple | list):
        return [_canonical_part(v, requirement) for v in value]
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if value is None or isinstance(value, bool | int | str):
        return value
    raise TypeError(f"cannot fingerprint {value!r}")
