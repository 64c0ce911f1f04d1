"""Counting experience, service and education (SCREENING.md, "Counting …").

Months are integers (year*12 + month - 1). An entry covers the half-open interval
[start, min(end + 1, as_of month)); credit is summed over breakpoints, never month by
month. All arithmetic is exact (ints and Fractions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import pairwise
from math import lcm

from .messages import field_term, message, term
from .profile import Education, ExperienceEntry, Profile, ServiceEntry
from .vocab import CREDENTIAL_RANK, PROFILE_CREDENTIAL_WORDS
from .wording import Reason, fields_of

MET, REVIEW, UNMET = 2, 1, 0

ASSOCIATE_FLOOR = 60  # an associate degree counts as at least 60 semester hours
BACHELOR_FLOOR = 120  # a bachelor's or higher as at least 120


def credited_months(spans: Sequence[tuple[int, int, int | Fraction]]) -> int | Fraction:
    """Credited months of (start, end_exclusive, weight) spans: per month min(1, Σ weight).

    A weight is 1 or a Fraction below 1 (part time); the sums are made in ints, in units of
    1/den for a common denominator (Fraction arithmetic is ten times slower)."""
    if not spans:
        return 0
    if len(spans) == 1:
        start, end, weight = spans[0]
        return (end - start) * weight
    den = 1
    for _, _, weight in spans:
        if type(weight) is not int:
            den = lcm(den, weight.denominator)
    if den == 1 and all(weight == 1 for _, _, weight in spans):
        return union_months([(start, end) for start, end, _ in spans])
    scaled = [
        (
            start,
            end,
            weight * den if type(weight) is int else weight.numerator * den // weight.denominator,
        )
        for start, end, weight in spans
    ]
    points = sorted({p for start, end, _ in scaled for p in (start, end)})
    total = 0
    for lo, hi in pairwise(points):
        # Breakpoints include every endpoint, so a span covers [lo, hi) wholly or not at all.
        active = sum([w for start, end, w in scaled if start <= lo and end >= hi])
        if active:
            total += (hi - lo) * (den if active >= den else active)
    return total // den if total % den == 0 else Fraction(total, den)


def union_months(spans: Sequence[tuple[int, int]]) -> int:
    """Months covered by at least one (start, end_exclusive) span, each counted once."""
    total = 0
    reach = None
    for start, end in sorted(spans):
        if reach is None or start >= reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def cip_matches(cip: str | None, prefixes: Sequence[str]) -> bool:
    """ "51.07" matches 51.07 and 51.07xx; "51" matches every 51.x; a cip "51" is not 51.07."""
    return cip is not None and any(cip.startswith(prefix) for prefix in prefixes)


def is_foreign(entry: Education) -> bool:
    """A credential from outside the US counts only once an equivalency is verified."""
    return entry.country != "US" and not entry.verified


def foreign_reason(entry: Education) -> str:
    what = PROFILE_CREDENTIAL_WORDS[entry.credential]
    text = (
        f"your {what} is from outside the US ({entry.country}); it counts once a placement "
        f"officer has verified an equivalency evaluation"
    )
    held = term("held", entry.credential)
    return Reason(text, message("reason.foreign", credential=held, country=entry.country))


def related_field_reason(entry: Education, fields: str, cips: Sequence[str] = ()) -> str:
    what = PROFILE_CREDENTIAL_WORDS[entry.credential]
    held, named = term("held", entry.credential), fields_of(cips)
    if entry.cip is None:
        shown = f" ({entry.field})" if entry.field else ""
        text = (
            f"your {what}{shown} has no field code; a placement officer must judge whether "
            f"its field is {fields} or a related field"
        )
        if entry.field:
            msg = message("reason.named_field", credential=held, field=entry.field, fields=named)
        else:
            msg = message("reason.no_field", credential=held, fields=named)
        return Reason(text, msg)
    text = (
        f"your {what} is in field {entry.cip}, not {fields}; a placement officer must judge "
        f"whether it is a related field"
    )
    msg = message("reason.other_field", credential=held, field=field_term(entry.cip), fields=named)
    return Reason(text, msg)


def _first(current: str | None, candidate: str) -> str:
    """Of several reasons, the alphabetically first: the result never depends on entry order."""
    return candidate if current is None or candidate < current else current


class Context:
    """One profile as of one month, with its entries clipped and its sums memoized.

    With `verified_only`, only verified entries are seen (the `verified` re-evaluation).
    """

    __slots__ = (
        "_hours",
        "as_of_month",
        "education",
        "exp_cache",
        "level_cache",
        "memo",
        "profile",
        "service",
        "spans",
        "svc_cache",
        "verified_only",
    )

    def __init__(
        self,
        profile: Profile,
        as_of_month: int,
        classify: Callable[[ExperienceEntry], int],
        *,
        verified_only: bool = False,
    ):
        """`classify` gives the bitmask of the predicates an entry matches (Screener.classify)."""
        self.profile = profile
        self.as_of_month = as_of_month
        self.verified_only = verified_only
        # Experience as (start, end_exclusive, weight, paid, mask), dropping what is empty
        # once months on or after the as_of month are cut off.
        spans = []
        for e in profile.experience:
            if verified_only and not e.verified:
                continue
            end = as_of_month if e.end_month is None or e.end_month >= as_of_month else (
                e.end_month + 1
            )  # fmt: skip
            if e.start_month < end:
                spans.append((e.start_month, end, e.weight, e.paid, classify(e)))
        self.spans = spans
        service = []
        for s in profile.civil_service:
            if verified_only and not s.verified:
                continue
            end = as_of_month if s.end_month is None or s.end_month >= as_of_month else (
                s.end_month + 1
            )  # fmt: skip
            if s.start_month < end:
                service.append((s.start_month, end, s))
        self.service = service
        # A credential completed in or after the as_of month is not yet held.
        self.education = [
            e
            for e in profile.education
            if (not verified_only or e.verified)
            and (e.completed_month is None or e.completed_month < as_of_month)
        ]
        self.exp_cache: dict = {}
        self.svc_cache: dict = {}
        self.level_cache: dict = {}
        self.memo: dict = {}  # node slot -> Detail
        self._hours = None

    def experience_months(self, key: int, bit: int, paid: bool) -> int | Fraction:
        """Credited months of the (paid) entries matching predicate `bit` (memoized by `key`)."""
        months = self.exp_cache.get(key)
        if months is None:
            months = credited_months(
                [
                    (s, e, w)
                    for s, e, w, p, mask in self.spans
                    if (p or not paid) and mask >> bit & 1
                ]
            )
            self.exp_cache[key] = months
        return months

    def service_months(self, key: int, match: Callable[[ServiceEntry], bool]) -> int:
        """Whole calendar months of matching service; overlapping entries count once."""
        months = self.svc_cache.get(key)
        if months is None:
            months = union_months([(s, e) for s, e, entry in self.service if match(entry)])
            self.svc_cache[key] = months
        return months

    def credential(
        self, rank: int, cip: Sequence[str] | None, otherwise_review: bool, fields: str
    ) -> tuple[int, str | None]:
        """(MET/REVIEW/UNMET, review reason) of "holds a credential of `rank` or higher"."""
        reason = None
        for entry in self.education:
            if CREDENTIAL_RANK[entry.credential] < rank:
                continue
            if cip is not None and not cip_matches(entry.cip, cip):
                if otherwise_review:
                    reason = _first(reason, related_field_reason(entry, fields, cip))
                continue
            if not is_foreign(entry):
                return MET, None
            reason = _first(reason, foreign_reason(entry))
        return (REVIEW, reason) if reason is not None else (UNMET, None)

    def semester_hours(self) -> tuple[int | Fraction, int | Fraction, str | None]:
        """(hours that count now, hours counting foreign credentials not yet evaluated, reason).

        Semester hours plus quarter hours * 2/3 over college credit entries; an associate
        degree is at least 60, a bachelor's or higher at least 120.
        """
        if self._hours is None:
            countable: int | Fraction = 0
            claimed: int | Fraction = 0
            floor_countable = floor_claimed = 0
            reason = None
            for entry in self.education:
                rank = CREDENTIAL_RANK[entry.credential]
                floor = BACHELOR_FLOOR if rank >= 3 else ASSOCIATE_FLOOR if rank == 2 else 0
                foreign = is_foreign(entry)
                if foreign and (floor or entry.credit_hours):
                    reason = _first(reason, foreign_reason(entry))
                claimed += entry.credit_hours
                floor_claimed = max(floor_claimed, floor)
                if not foreign:
                    countable += entry.credit_hours
                    floor_countable = max(floor_countable, floor)
            self._hours = (max(countable, floor_countable), max(claimed, floor_claimed), reason)
        return self._hours
