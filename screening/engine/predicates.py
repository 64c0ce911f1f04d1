"""Predicates compiled to functions of an experience entry, and the entry classifier."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from .rules import (
    AnyEntry,
    DisciplinesAtLeast,
    Duty,
    EmployerType,
    GovernmentLevel,
    Occupation,
    PredAll,
    PredAny,
    Predicate,
    PredNot,
    Setting,
)

CACHE_LIMIT = 20000  # entries kept per cache before it starts afresh


def compile_predicate(p: Predicate) -> Callable:
    """A function entry -> bool for a resolved predicate (no `ref` left)."""
    if isinstance(p, Duty):
        duty = p.duty
        return lambda e: duty in e.duties
    if isinstance(p, Setting):
        setting = p.setting
        return lambda e: setting in e.settings
    if isinstance(p, Occupation):
        occupations = frozenset(p.occupations)
        return lambda e: e.occupation in occupations
    if isinstance(p, EmployerType):
        types = frozenset(p.employer_types)
        return lambda e: e.employer_type in types
    if isinstance(p, GovernmentLevel):
        levels = frozenset(p.levels)
        return lambda e: e.government_level in levels
    if isinstance(p, DisciplinesAtLeast):
        minimum = p.minimum
        return lambda e: e.disciplines_scheduled >= minimum
    if isinstance(p, PredNot):
        inner = compile_predicate(p.part)
        return lambda e: not inner(e)
    if isinstance(p, PredAll | PredAny):
        fns = tuple(compile_predicate(q) for q in p.parts)
        if len(fns) == 1:
            return fns[0]
        if isinstance(p, PredAll):
            if len(fns) == 2:
                f, g = fns
                return lambda e: f(e) and g(e)
            return lambda e: all(f(e) for f in fns)
        if len(fns) == 2:
            f, g = fns
            return lambda e: f(e) or g(e)
        return lambda e: any(f(e) for f in fns)
    if isinstance(p, AnyEntry):
        return lambda e: True
    raise TypeError(f"unresolved predicate {p!r}")


def _thresholds(p: Predicate) -> set[int]:
    if isinstance(p, DisciplinesAtLeast):
        return {p.minimum}
    if isinstance(p, PredAll | PredAny):
        return {t for q in p.parts for t in _thresholds(q)}
    if isinstance(p, PredNot):
        return _thresholds(p.part)
    return set()


class Classifier:
    """Gives each distinct resolved predicate a bit, and classifies experience entries.

    An entry's matches depend only on its features (duties, settings, occupation, employer
    type, government level, and which of the rules' discipline thresholds it reaches), so
    the bitmask of the predicates it matches is computed once per distinct set of features
    and then looked up.
    """

    def __init__(self):
        self.bits: dict[Predicate, int] = {}
        self.functions: list[Callable] = []
        self.masks: dict[tuple, int] = {}
        self.thresholds: list[int] = []  # every disciplines_scheduled_at_least of the rules

    def bit(self, predicate: Predicate) -> int:
        found = self.bits.get(predicate)
        if found is None:
            found = self.bits[predicate] = len(self.functions)
            self.functions.append(compile_predicate(predicate))
            self.thresholds = sorted({*self.thresholds, *_thresholds(predicate)})
            self.masks.clear()
        return found

    def __call__(self, entry) -> int:
        features = (
            entry.duty_bits,
            entry.setting_bits,
            entry.occupation,
            entry.employer_type,
            entry.government_level,
            bisect_right(self.thresholds, entry.disciplines_scheduled),
        )
        mask = self.masks.get(features)
        if mask is None:
            mask = 0
            for i, fn in enumerate(self.functions):
                if fn(entry):
                    mask |= 1 << i
            if len(self.masks) >= CACHE_LIMIT:
                self.masks.clear()
            self.masks[features] = mask
        return mask
