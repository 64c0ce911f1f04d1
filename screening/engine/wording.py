"""Requirements and review reasons as messages (messages.py renders them in a language)."""

from __future__ import annotations

from .messages import field_term, message, term
from .rules import (
    AnyEntry,
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
    SemesterHours,
    Service,
    Setting,
)


def _or(items: list) -> dict:
    return {"key": "list.or", "params": {"items": items}}


def _labelled(msg: dict, label: str | None) -> dict:
    """The standard's own words when it gives them (Spanish: messages.LABELS), else `msg`.

    A labelled requirement keeps no structure: it would make every result several times
    larger, and the standard's words are what people should read.
    """
    if label is not None:
        return {"key": "what.label", "label": label}
    return msg


def what_credential(req: Credential) -> dict:
    credential = term("cred", req.credential)
    if req.cip:
        msg = message("what.credential_in", credential=credential, fields=fields_of(req.cip))
    else:
        msg = message("what.credential", credential=credential)
    return _labelled(msg, req.label)


def fields_of(cips) -> dict:
    """The fields of study of CIP codes, named, joined with "or"."""
    return _or([field_term(code) for code in cips])


def what_hours(req: SemesterHours) -> dict:
    return _labelled(message("what.hours"), req.label)


def what_experience(where: Predicate, paid: bool, label: str | None) -> dict:
    """Experience where a (resolved) predicate holds: "experience in which the duties …"."""
    kind = "what.paid_experience" if paid else "what.experience"
    if isinstance(where, AnyEntry):
        return _labelled(message(kind), label)
    return _labelled(message(f"{kind}_where", where=what_predicate(where)), label)


def what_service(req: Service, label: str | None) -> dict:
    params = {
        "statuses": _or([term("status", s) for s in req.statuses]),
        "jurisdictions": _or([term("jurisdiction", j) for j in req.jurisdictions]),
        "code": req.class_code,
    }
    if req.parenthetic is None:
        return _labelled(message("what.service", **params), label)
    return _labelled(
        message("what.service_parenthetic", parenthetic=req.parenthetic, **params), label
    )


def what_level(title: str, label: str | None) -> dict:
    return _labelled(message("what.level", title=title), label)


def what_predicate(predicate: Predicate, *, nested: bool = False) -> dict:
    """A predicate (refs resolved) as a clause: "the duties include answering telephones"."""
    if isinstance(predicate, PredAll | PredAny):
        joined = "list.and" if isinstance(predicate, PredAll) else "list.or"
        if all(isinstance(p, Duty) for p in predicate.parts):
            duties = {
                "key": joined,
                "params": {"items": [term("duty", p.duty) for p in predicate.parts]},
            }
            return message("pred.duties", duties=duties)
        items = [what_predicate(p, nested=True) for p in predicate.parts]
        msg = {"key": joined, "params": {"items": items}}
        return message("pred.group", part=msg) if nested and len(items) > 1 else msg
    if isinstance(predicate, PredNot):
        inner = predicate.part
        if isinstance(inner, Duty):
            return message("pred.not_duty", duty=term("duty", inner.duty))
        if isinstance(inner, Setting):
            return message("pred.not_setting", setting=term("setting", inner.setting))
        if isinstance(inner, Occupation):
            words = _or([term("occupation", o) for o in inner.occupations])
            return message("pred.not_occupation", occupations=words)
        if isinstance(inner, EmployerType):
            words = _or([term("employer", t) for t in inner.employer_types])
            return message("pred.not_employer", employers=words)
        return message("pred.not", part=what_predicate(inner))
    if isinstance(predicate, Duty):
        return message("pred.duties", duties=term("duty", predicate.duty))
    if isinstance(predicate, Setting):
        return message("pred.setting", setting=term("setting", predicate.setting))
    if isinstance(predicate, Occupation):
        words = _or([term("occupation", o) for o in predicate.occupations])
        return message("pred.occupation", occupations=words)
    if isinstance(predicate, EmployerType):
        words = _or([term("employer", t) for t in predicate.employer_types])
        return message("pred.employer", employers=words)
    if isinstance(predicate, GovernmentLevel):
        words = _or([term("government", g) for g in predicate.levels])
        return message("pred.government_level", levels=words)
    if isinstance(predicate, DisciplinesAtLeast):
        return message("pred.disciplines", minimum=predicate.minimum)
    return message("pred.any_entry")


def what_requirement(req) -> dict:
    """A requirement's "what" message, for those that need no standard to resolve."""
    if isinstance(req, Credential):
        return what_credential(req)
    if isinstance(req, SemesterHours):
        return what_hours(req)
    if isinstance(req, Experience):
        return what_experience(req.where, req.paid, req.label)
    if isinstance(req, Service):
        return what_service(req, req.label)
    if isinstance(req, LevelRef):
        return what_level(req.level, req.label)
    raise TypeError(f"not a leaf requirement: {req!r}")


class Reason(str):
    """A review reason: its English text (as the result has always said it) and its message."""

    message: dict

    def __new__(cls, text: str, msg: dict | None = None):
        self = super().__new__(cls, text)
        self.message = msg if msg is not None else message("reason.judge")
        return self

    def __reduce__(self):  # copies and pickles keep the message
        return (Reason, (str(self), self.message))


def reason_message(reason: str | None) -> dict:
    """The message of a review reason (a plain string is a placement officer's judgment)."""
    msg = getattr(reason, "message", None)
    return msg if msg is not None else message("reason.judge")
