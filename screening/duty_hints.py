"""What the standards' words about duties mean in the self-check's boxes.

A standard says "one year of this experience must include the management and supervision of a
unit or program area" and its rule asks for entries with both `supervision` and `management`:
an applicant must tick both boxes. The hints are read from the rules of the standards in
force (any requirement asking for two duties or more at once), not written per level.
"""

import threading

from portal.process_kept import ProcessKept
from screening.engine.rules import AllOf, AnyOf, Duty, Experience, OfWhich, PredAll, Ref, Setting
from screening.selectors import version_rules, versions_in_effect_light

# The hints of the standards in force, by their digests: derived from stored versions only (a
# version never changes), so a process keeps them; the last few sets of standards are enough.
_kept = ProcessKept(limit=4)
_kept_lock = threading.Lock()


def duty_hints_in_effect(*, today) -> tuple[str, list[dict]]:
    """A key naming the standards in force (for kept markup) and their duty hints."""
    versions = versions_in_effect_light(at=today)
    key = standards_key(versions)
    hints = _kept.get(key)
    if hints is None:
        hints = duty_hints(version_rules(versions))
        with _kept_lock:
            _kept.keep(key, hints)
    return key, hints


def standards_key(versions) -> str:
    """The standards' digests, short, in the order given: what a page derived from them keeps."""
    return "-".join(version.digest[:12] for version in versions)


def duty_hints(rules_list) -> list[dict]:
    """[{"words": label, "boxes": ["setting:medical", "duty:lead_work"…], "levels": [title…]}]
    in the standards' order: the boxes a requirement's words mean, all to be ticked."""
    found: dict[tuple, dict] = {}
    for rules in rules_list:
        for level in rules.levels:
            for route in level.routes:
                for label, boxes in _asked(route.rule, rules.predicates):
                    hint = found.setdefault((label, boxes), {"words": label, "boxes": boxes})
                    hint.setdefault("levels", [])
                    if level.title not in hint["levels"]:
                        hint["levels"].append(level.title)
    return [{**hint, "boxes": list(hint["boxes"])} for hint in found.values()]


def _asked(requirement, predicates):
    """(label, boxes) of each experience requirement that asks for several duties at once."""
    if isinstance(requirement, AllOf | AnyOf):
        for part in requirement.parts:
            yield from _asked(part, predicates)
    elif isinstance(requirement, Experience | OfWhich):
        boxes = _boxes_all(requirement.where, predicates)
        if sum(box.startswith("duty:") for box in boxes) > 1 and requirement.label:
            yield requirement.label, boxes
        if isinstance(requirement, Experience) and requirement.of_which is not None:
            yield from _asked(requirement.of_which, predicates)


def _boxes_all(predicate, predicates, depth: int = 0) -> tuple[str, ...]:
    """The settings and duties an entry must all have under `predicate` (refs followed)."""
    if depth > 8:
        return ()
    if isinstance(predicate, Ref) and predicate.name in predicates:
        return _boxes_all(predicates[predicate.name], predicates, depth + 1)
    if isinstance(predicate, Duty):
        return (f"duty:{predicate.duty}",)
    if isinstance(predicate, Setting):
        return (f"setting:{predicate.setting}",)
    if isinstance(predicate, PredAll):
        boxes: list[str] = []
        for part in predicate.parts:
            boxes.extend(b for b in _boxes_all(part, predicates, depth + 1) if b not in boxes)
        return tuple(boxes)
    return ()
