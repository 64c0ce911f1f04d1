"""The rules in plain English, for analysts and for explanations (rules.py is the language)."""

from __future__ import annotations

from collections.abc import Mapping

from .rules import (
    AllOf,
    AnyEntry,
    AnyOf,
    Credential,
    DisciplinesAtLeast,
    Duty,
    EmployerType,
    Experience,
    GovernmentLevel,
    LevelRef,
    Occupation,
    PredAll,
    PredAny,
    Predicate,
    PredNot,
    Ref,
    Requirement,
    SemesterHours,
    Service,
    Setting,
)
from .vocab import CREDENTIAL_WORDS, DUTY_WORDS, EMPLOYER_WORDS, SETTING_WORDS, words


def fmt_number(value) -> str:
    """12 -> "12", Fraction(25, 2) -> "12.5" (at most two decimals, rounded down)."""
    if isinstance(value, int):
        return str(value)
    hundredths = (value.numerator * 100) // value.denominator
    whole, frac = divmod(hundredths, 100)
    return str(whole) if frac == 0 else f"{whole}.{frac:02d}".rstrip("0")


def _join(items: list[str], conjunction: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def describe_predicate(
    predicate: Predicate,
    *,
    predicates: Mapping[str, Predicate] | None = None,
    nested: bool = False,
) -> str:
    """The predicate as a clause: "the duties include answering telephones".

    A `ref` is expanded when `predicates` (name -> predicate) is given, else named.
    """
    again = {"predicates": predicates, "nested": True}
    if isinstance(predicate, PredAll | PredAny):
        conj = "and" if isinstance(predicate, PredAll) else "or"
        if all(isinstance(p, Duty) for p in predicate.parts):
            # "the duties include answering telephones and scheduling appointments"
            names = [DUTY_WORDS.get(p.duty, words(p.duty)) for p in predicate.parts]
            return f"the duties include {_join(names, conj)}"
        text = _join([describe_predicate(p, **again) for p in predicate.parts], conj)
        return f"({text})" if nested and len(predicate.parts) > 1 else text
    if isinstance(predicate, PredNot):
        inner = predicate.part
        if isinstance(inner, Occupation):
            return f"the occupation is not {_join([words(o) for o in inner.occupations], 'or')}"
        if isinstance(inner, Duty):
            return f"the duties do not include {DUTY_WORDS.get(inner.duty, words(inner.duty))}"
        if isinstance(inner, Setting):
            return f"the setting is not {SETTING_WORDS.get(inner.setting, inner.setting)}"
        if isinstance(inner, EmployerType):
            names = [EMPLOYER_WORDS.get(t, t) for t in inner.employer_types]
            return f"the employer is not {_join(names, 'or')}"
        return f"not {describe_predicate(inner, **again)}"
    if isinstance(predicate, Duty):
        return f"the duties include {DUTY_WORDS.get(predicate.duty, words(predicate.duty))}"
    if isinstance(predicate, Setting):
        return f"the setting is {SETTING_WORDS.get(predicate.setting, predicate.setting)}"
    if isinstance(predicate, Occupation):
        return f"the occupation is {_join([words(o) for o in predicate.occupations], 'or')}"
    if isinstance(predicate, EmployerType):
        names = [EMPLOYER_WORDS.get(t, t) for t in predicate.employer_types]
        return f"the employer is {_join(names, 'or')}"
    if isinstance(predicate, GovernmentLevel):
        return f"the government level is {_join(list(predicate.levels), 'or')}"
    if isinstance(predicate, DisciplinesAtLeast):
        return f"scheduling covers at least {predicate.minimum} disciplines"
    if isinstance(predicate, Ref):
        if predicates is not None and predicate.name in predicates:
            return describe_predicate(predicates[predicate.name], **again)
        return (
            f"the work counts as \u201c{words(predicate.name)}\u201d (as the standard defines it)"
        )
    return "any work counts"


def _experience_phrase(months, paid: bool, where: Predicate, predicates) -> str:
    unit = "month" if months == 1 else "months"
    kind = "paid experience" if paid else "experience"
    if isinstance(where, AnyEntry):
        return f"at least {fmt_number(months)} {unit} of {kind}"
    clause = describe_predicate(where, predicates=predicates)
    return f"at least {fmt_number(months)} {unit} of {kind} in which {clause}"


def describe(
    requirement: Requirement,
    *,
    predicates: Mapping[str, Predicate] | None = None,
    nested: bool = False,
) -> str:
    """The requirement in plain English, e.g. "All of: a high school diploma …; at least …".

    Named predicates are expanded when `predicates` (name -> predicate) is given.
    """
    if isinstance(requirement, AllOf | AnyOf):
        head = "All of" if isinstance(requirement, AllOf) else "One of"
        parts = "; ".join(
            describe(p, predicates=predicates, nested=True) for p in requirement.parts
        )
        return f"({head.lower()}: {parts})" if nested else f"{head}: {parts}"
    if isinstance(requirement, Credential):
        text = CREDENTIAL_WORDS.get(requirement.credential, requirement.credential)
        if requirement.cip:
            text += f" in a field with CIP code {_join(list(requirement.cip), 'or')}"
            if requirement.otherwise_review:
                text += " (another field is a judgment for the placement officer)"
        return text
    if isinstance(requirement, SemesterHours):
        return f"at least {fmt_number(requirement.hours)} college semester credit hours"
    if isinstance(requirement, Experience):
        text = _experience_phrase(
            requirement.months, requirement.paid, requirement.where, predicates
        )
        if requirement.of_which is not None:
            ow = requirement.of_which
            clause = describe_predicate(ow.where, predicates=predicates)
            text += f", {fmt_number(ow.months)} months of which in which {clause}"
        return text
    if isinstance(requirement, Service):
        title = "the plain title" if requirement.parenthetic is None else requirement.parenthetic
        statuses = _join([words(s) for s in requirement.statuses], "or")
        juris = _join([words(j) for j in requirement.jurisdictions], "or")
        return (
            f"at least {fmt_number(requirement.months)} months of {statuses} {juris} service "
            f"in class {requirement.class_code} ({title})"
        )
    if isinstance(requirement, LevelRef):
        return f"the minimum qualifications of {requirement.level}"
    raise TypeError(f"not a requirement: {requirement!r}")
