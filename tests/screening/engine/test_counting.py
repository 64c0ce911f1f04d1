"""Counting experience, service and education (SCREENING.md, "Counting …")."""

from __future__ import annotations

from fractions import Fraction

import pytest

from screening.engine.counting import cip_matches, credited_months, union_months

from .conftest import job, screen_rule


def months_of(experience, *, where=None, paid=False, as_of=None, need=1000):
    """The credited months the engine reports for a rule of `need` months."""
    rule = {"experience": {"months": need, "paid": paid}}
    if where is not None:
        rule["experience"]["where"] = where
    kwargs = {"as_of": as_of} if as_of else {}
    result = screen_rule(rule, {"experience": experience}, **kwargs)
    (gap,) = result["routes"][0]["gaps"]
    return gap["have"]


# ---------------------------------------------------------------------------
# Interval arithmetic.


def test_credited_months_single_and_union():
    assert credited_months([]) == 0
    assert credited_months([(0, 12, 1)]) == 12
    assert credited_months([(0, 12, 1), (6, 18, 1)]) == 18  # overlap once
    assert credited_months([(0, 6, 1), (12, 18, 1)]) == 12  # a gap between
    assert credited_months([(0, 12, Fraction(1, 2))]) == 6


def test_credited_months_caps_concurrent_credit_at_one():
    half, three_eighths = Fraction(1, 2), Fraction(3, 8)
    assert credited_months([(0, 12, half), (0, 12, half)]) == 12
    assert credited_months([(0, 12, half), (0, 12, three_eighths)]) == Fraction(21, 2)
    assert credited_months([(0, 12, 1), (0, 12, half)]) == 12
    # 0-6 half, 6-12 half + 3/4 capped to 1, 12-18 three quarters
    assert credited_months([(0, 12, half), (6, 18, Fraction(3, 4))]) == 3 + 6 + Fraction(9, 2)


def test_union_months():
    assert union_months([(5, 10), (0, 3), (2, 6), (20, 21)]) == 11
    assert union_months([(0, 10), (2, 4)]) == 10


def test_cip_prefixes():
    prefixes = ["52", "13", "51.07", "51.2211"]
    assert cip_matches("52.0201", prefixes)
    assert cip_matches("52", prefixes)
    assert cip_matches("51.07", prefixes)
    assert cip_matches("51.0701", prefixes)
    assert cip_matches("51.2211", prefixes)
    assert not cip_matches("51", prefixes)  # "51" alone is not 51.07
    assert not cip_matches("51.22", prefixes)
    assert not cip_matches("51.0801", prefixes)
    assert not cip_matches("42.0101", prefixes)
    assert not cip_matches(None, prefixes)
    assert cip_matches("51.0801", ["51"])


# ---------------------------------------------------------------------------
# Experience.


def test_entry_covers_start_to_end_inclusive():
    assert months_of([job("2025-01", "2025-12")]) == 12
    assert months_of([job("2025-01", "2025-01")]) == 1


def test_as_of_month_and_later_do_not_count():
    assert months_of([job("2026-01", None)]) == 9  # through 2026-09
    assert months_of([job("2026-01", "2027-05")]) == 9
    assert months_of([job("2026-10", None)]) == 0  # starts in the as_of month: nothing yet
    assert months_of([job("2027-01", "2027-06")]) == 0


def test_as_of_from_the_profile_wins_over_the_default():
    result = screen_rule(
        {"experience": {"months": 100}},
        {"as_of": "2025-07-15", "experience": [job("2025-01", None)]},
    )
    assert result["routes"][0]["gaps"][0]["have"] == 6


def test_full_time_is_35_hours_or_more_per_entry():
    assert months_of([job("2025-01", "2025-12", hours_per_week=35)]) == 12
    assert months_of([job("2025-01", "2025-12", hours_per_week=37.5)]) == 12
    assert months_of([job("2025-01", "2025-12", hours_per_week=60)]) == 12
    assert months_of([job("2025-01", "2025-12", hours_per_week=34)]) == 10.2  # 34/40


def test_part_time_is_prorated_against_40_hours():
    assert months_of([job("2022-10", None, hours_per_week=20)]) == 24  # four years -> two
    assert months_of([job("2025-01", "2025-12", hours_per_week=10)]) == 3


def test_proration_is_per_entry_not_on_the_sum():
    both = [
        job("2025-01", "2025-12", hours_per_week=20),
        job("2025-01", "2025-12", hours_per_week=15),
    ]
    assert months_of(both) == 10.5  # 0.875 a month, not full time


def test_concurrent_entries_are_capped_at_one_month_per_month():
    both = [job("2025-01", "2025-12"), job("2025-01", "2025-12", hours_per_week=20)]
    assert months_of(both) == 12
    halves = [
        job("2025-01", "2025-12", hours_per_week=20),
        job("2025-01", "2025-12", hours_per_week=30),
    ]
    assert months_of(halves) == 12  # 1.25 capped to 1


def test_have_is_rounded_down_to_two_decimals():
    # 13 hours for one month: 0.325 -> 0.32; an unmet 0.99975 never shows as 1
    assert months_of([job("2025-01", "2025-01", hours_per_week=13)]) == 0.32
    assert months_of([job("2025-01", "2025-03", hours_per_week=13.33)]) == 0.99  # 0.99975


def test_exact_arithmetic_24_hours_for_20_months_is_a_year():
    result = screen_rule(
        {"experience": {"months": 12}},
        {"experience": [job("2024-01", "2025-08", hours_per_week=24)]},
    )
    assert result["outcome"] == "qualified"
    result = screen_rule(
        {"experience": {"months": 12}},
        {"experience": [job("2024-01", "2025-07", hours_per_week=24)]},  # 19 months: 11.4
    )
    assert result["outcome"] == "not_qualified"


def test_decimal_hours_stay_exact():
    # 0.1 + 0.2 in binary floats is 0.30000000000000004; here it is exactly 0.3 of 40 hours
    result = screen_rule(
        {"experience": {"months": Fraction(3, 40).__float__()}},
        {"experience": [job("2025-01", "2025-01", hours_per_week=3)]},
    )
    assert result["outcome"] == "qualified"


def test_unpaid_counts_unless_the_rule_says_paid():
    volunteer = [job("2025-01", "2025-12", paid=False)]
    assert months_of(volunteer) == 12
    assert months_of(volunteer, paid=True) == 0
    mixed = [job("2025-01", "2025-06", paid=False), job("2025-04", "2025-12")]
    assert months_of(mixed, paid=True) == 9


def test_predicates_select_entries_one_at_a_time():
    entries = [
        job("2025-01", "2025-06", duties=["telephone_answering"]),
        job("2025-01", "2025-06", duties=["appointment_scheduling"]),
        job("2025-07", "2025-09", duties=["telephone_answering", "appointment_scheduling"]),
    ]
    both = {"all": [{"duty": "telephone_answering"}, {"duty": "appointment_scheduling"}]}
    assert months_of(entries, where=both) == 3  # "X and Y" is one entry that is both
    either = {"any": [{"duty": "telephone_answering"}, {"duty": "appointment_scheduling"}]}
    assert months_of(entries, where=either) == 9


def test_of_which_needs_both_parts():
    rule = {
        "experience": {
            "months": 12,
            "where": {"setting": "medical"},
            "of_which": {"months": 6, "where": {"disciplines_scheduled_at_least": 5}},
        },
        "label": "clinic work",
    }
    enough = [
        job("2025-01", "2025-06", settings=["medical"], disciplines_scheduled=5),
        job("2025-07", "2025-12", settings=["medical"], disciplines_scheduled=2),
    ]
    assert screen_rule(rule, {"experience": enough})["outcome"] == "qualified"
    few = [job("2025-01", "2025-12", settings=["medical"], disciplines_scheduled=4)]
    result = screen_rule(rule, {"experience": few})
    assert result["outcome"] == "not_qualified"
    (gap,) = result["routes"][0]["gaps"]
    assert (gap["have"], gap["need"]) == (0, 6)
    # Months of entries that are only Y (not X) do not count toward "of which".
    outside = [
        job("2025-01", "2025-12", settings=["medical"]),
        job("2025-01", "2025-12", disciplines_scheduled=9),
    ]
    result = screen_rule(rule, {"experience": outside})
    assert [(g["have"], g["need"]) for g in result["routes"][0]["gaps"]] == [(0, 6)]
    # Both parts short: two requirements, two gaps.
    result = screen_rule(rule, {"experience": []})
    gaps = result["routes"][0]["gaps"]
    assert [(g["have"], g["need"]) for g in gaps] == [(0, 12), (0, 6)]
    assert gaps[0]["requirement"] == "clinic work"


def test_a_requirement_does_not_consume_experience():
    rule = {
        "all": [
            {"experience": {"months": 12, "where": {"duty": "reception"}}},
            {"experience": {"months": 12, "where": {"setting": "medical"}}},
        ]
    }
    one_year = [job("2025-01", "2025-12", duties=["reception"], settings=["medical"])]
    assert screen_rule(rule, {"experience": one_year})["outcome"] == "qualified"


# ---------------------------------------------------------------------------
# Civil service.

PROMOTION = {"service": {"months": 12, "class_code": "2546100", "parenthetic": None}}


def service(start, end=None, **fields):
    entry = {"class_code": "2546100", "status": "permanent", "start": start, "end": end}
    entry.update(fields)
    return entry


def service_have(entries, rule=PROMOTION):
    result = screen_rule(rule, {"civil_service": entries})
    gaps = result["routes"][0]["gaps"]
    return gaps[0]["have"] if gaps else "met"


def test_service_counts_whole_months_until_as_of():
    assert service_have([service("2025-11")]) == 11
    assert service_have([service("2025-10")]) == "met"


def test_overlapping_service_counts_once():
    entries = [service("2025-01", "2025-06"), service("2025-04", "2025-08")]
    assert service_have(entries) == 8


def test_provisional_and_temporary_never_count_contingent_permanent_does():
    assert service_have([service("2020-01", status="provisional")]) == 0
    assert service_have([service("2020-01", status="temporary")]) == 0
    assert service_have([service("2020-01", status="contingent_permanent")]) == "met"


def test_jurisdiction_must_be_competitive():
    assert service_have([service("2020-01", jurisdiction="non_competitive")]) == 0
    assert service_have([service("2020-01", jurisdiction="competitive")]) == "met"


def test_parenthetic_is_matched_exactly():
    assert service_have([service("2020-01", parenthetic="HESC")]) == 0
    hesc = {"service": {"months": 12, "class_code": "2546100", "parenthetic": "HESC"}}
    assert service_have([service("2020-01", parenthetic="HESC")], hesc) == "met"
    assert service_have([service("2020-01")], hesc) == 0
    assert service_have([service("2020-01", parenthetic="hesc")], hesc) == 0


def test_other_class_codes_do_not_count():
    assert service_have([service("2020-01", class_code="2546200")]) == 0


def test_service_is_never_prorated():
    # service entries have no hours: a month of service is a month
    assert service_have([service("2025-01", "2025-06")]) == 6


# ---------------------------------------------------------------------------
# Education.

HIGH_SCHOOL = {"education": {"credential": "high_school"}}
SIXTY = {"education": {"semester_hours": 60}}
BACHELOR = {"education": {"credential": "bachelor"}}


def outcome(rule, education, **kwargs):
    return screen_rule(rule, {"education": education}, **kwargs)["outcome"]


@pytest.mark.parametrize(
    ("credential", "expected"),
    [
        ("high_school_diploma", "qualified"),
        ("high_school_equivalency", "qualified"),
        ("associate", "qualified"),
        ("bachelor", "qualified"),
        ("doctorate", "qualified"),
    ],
)
def test_high_school_or_any_degree(credential, expected):
    assert outcome(HIGH_SCHOOL, [{"credential": credential}]) == expected


def test_college_credit_alone_is_not_high_school():
    assert outcome(HIGH_SCHOOL, [{"credential": "college_credit", "semester_hours": 90}]) == (
        "not_qualified"
    )


def test_credential_ladder():
    assert outcome(BACHELOR, [{"credential": "master"}]) == "qualified"
    assert outcome(BACHELOR, [{"credential": "doctorate"}]) == "qualified"
    assert outcome(BACHELOR, [{"credential": "associate"}]) == "not_qualified"
    master = {"education": {"credential": "master"}}
    assert outcome(master, [{"credential": "bachelor"}]) == "not_qualified"


def test_semester_and_quarter_hours():
    credit = [
        {"credential": "college_credit", "semester_hours": 40},
        {"credential": "college_credit", "quarter_hours": 30},
    ]
    assert outcome(SIXTY, credit) == "qualified"  # 40 + 30 * 2/3
    short = [{"credential": "college_credit", "semester_hours": 40, "quarter_hours": 29}]
    result = screen_rule(SIXTY, {"education": short})
    gap = result["routes"][0]["gaps"][0]
    assert gap == {
        "requirement": "college semester credit hours",
        "status": "unmet",
        "have": 59.33,
        "need": 60,
        "unit": "semester hours",
    }


def test_degree_floors():
    assert outcome(SIXTY, [{"credential": "associate"}]) == "qualified"
    assert outcome({"education": {"semester_hours": 120}}, [{"credential": "associate"}]) == (
        "not_qualified"
    )
    assert outcome({"education": {"semester_hours": 120}}, [{"credential": "master"}]) == (
        "qualified"
    )
    # the larger of the sum and the floor
    credit = [{"credential": "associate"}, {"credential": "college_credit", "semester_hours": 70}]
    assert outcome({"education": {"semester_hours": 70}}, credit) == "qualified"


def test_completed_on_or_after_the_as_of_month_is_not_yet_held():
    assert outcome(
        HIGH_SCHOOL, [{"credential": "high_school_diploma", "completed": "2026-10"}]
    ) == ("not_qualified")
    assert outcome(
        HIGH_SCHOOL, [{"credential": "high_school_diploma", "completed": "2026-09"}]
    ) == ("qualified")
    future_credit = [{"credential": "college_credit", "semester_hours": 60, "completed": "2027-05"}]
    assert outcome(SIXTY, future_credit) == "not_qualified"


def test_foreign_credential_needs_verification():
    foreign = [{"credential": "bachelor", "country": "IN"}]
    result = screen_rule(BACHELOR, {"education": foreign})
    assert result["outcome"] == "review"
    gap = result["routes"][0]["gaps"][0]
    assert gap["status"] == "review" and "outside the US (IN)" in gap["reason"]
    assert outcome(BACHELOR, [{"credential": "bachelor", "country": "IN", "verified": True}]) == (
        "qualified"
    )
    assert outcome(SIXTY, foreign) == "review"  # the floor depends on it too
    assert outcome(HIGH_SCHOOL, foreign) == "review"
    # a domestic credential that suffices makes the foreign one irrelevant
    assert outcome(HIGH_SCHOOL, [*foreign, {"credential": "high_school_diploma"}]) == "qualified"


def test_foreign_credit_that_would_not_suffice_is_unmet():
    foreign = [{"credential": "college_credit", "semester_hours": 30, "country": "GB"}]
    result = screen_rule(SIXTY, {"education": foreign})
    assert result["outcome"] == "not_qualified"
    assert result["routes"][0]["gaps"][0]["have"] == 30


def test_field_of_a_degree_by_cip():
    rule = {"education": {"credential": "bachelor", "cip": ["52", "51.07"], "otherwise": "review"}}
    assert outcome(rule, [{"credential": "bachelor", "cip": "52.0201"}]) == "qualified"
    assert outcome(rule, [{"credential": "master", "cip": "51.0701"}]) == "qualified"
    assert outcome(rule, [{"credential": "bachelor", "cip": "51"}]) == "review"
    assert outcome(rule, [{"credential": "bachelor", "cip": "42.0101"}]) == "review"
    no_cip = [{"credential": "bachelor", "field": "Business Administration"}]
    assert outcome(rule, no_cip) == "review"  # free text is never matched
    assert outcome(rule, [{"credential": "associate", "cip": "52"}]) == "not_qualified"
    strict = {"education": {"credential": "bachelor", "cip": ["52"]}}
    assert outcome(strict, [{"credential": "bachelor", "cip": "42.0101"}]) == "not_qualified"


def test_related_field_reason_names_the_field():
    rule = {"education": {"credential": "bachelor", "cip": ["52"], "otherwise": "review"}}
    result = screen_rule(rule, {"education": [{"credential": "bachelor", "cip": "42.0101"}]})
    gap = result["routes"][0]["gaps"][0]
    assert gap["status"] == "review" and gap["unit"] == "credential"
    assert "42.0101" in gap["reason"] and "related field" in gap["reason"]
