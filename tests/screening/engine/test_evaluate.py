"""screen_profile: outcomes, three-valued logic, closest-branch gaps, verified, attributes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from screening.engine import build_screener

from .conftest import AS_OF, job, screen, screen_rule, standard

HS = "a high school diploma or GED"
CCR1 = "nys-call-center-representative/1"


def exp(months, duty, label=None):
    rule = {"experience": {"months": months, "where": {"duty": duty}}}
    if label:
        rule["label"] = label
    return rule


def jobs(**months_by_duty):
    """Entries giving `n` full-time months of each duty, one entry per duty, ending 2026-09."""
    entries = []
    for duty, n in months_by_duty.items():
        start = 2026 * 12 + 8 - (n - 1)
        entries.append(job(f"{start // 12}-{start % 12 + 1:02d}", "2026-09", duties=[duty]))
    return entries


def route(result):
    (only,) = result["routes"]
    return only


REVIEW_DEGREE = {"education": {"credential": "bachelor", "cip": ["52"], "otherwise": "review"}}
PSYCH = [{"credential": "bachelor", "cip": "42.0101"}]


# ---------------------------------------------------------------------------
# The result document.


def test_result_document_shape(screener):
    result = screen(
        {"as_of": "2026-10-01", "education": [{"credential": "high_school_diploma"}]}, screener
    )
    assert result["format"] == "screening-result/1"
    assert result["as_of"] == "2026-10-01"
    assert result["standards"] == {
        "university-call-center": "university-call-center-v",
        "nys-call-center-representative": "nys-call-center-representative-v",
    }
    assert len(result["results"]) == 10
    first = result["results"][0]
    # `ways` (every way to qualify) and a route's `messages` are backward-compatible extras.
    assert set(first) == {"level", "title", "outcome", "verified", "routes", "attributes", "ways"}
    assert first["title"] == "Call Center Operator"
    assert set(first["routes"][0]) == {"route", "outcome", "explanation", "gaps", "messages"}
    json.dumps(result)  # plain JSON types only


def test_spec_example_twenty_of_twenty_four_months(screener):
    profile = {
        "education": [{"credential": "high_school_diploma"}],
        "experience": [job("2025-01", "2026-08", duties=["customer_service"])],
    }
    result = screen(profile, screener, levels=[CCR1])
    (level,) = result["results"]
    assert level["outcome"] == "not_qualified" and level["verified"] is False
    assert level["attributes"] == []
    oc = level["routes"][0]
    assert oc["route"] == "open_competitive"
    assert oc["explanation"] == (
        "You have 20 of the 24 months of customer service experience needed with " + HS + "."
    )
    assert oc["gaps"] == [
        {
            "requirement": "customer service experience",
            "status": "unmet",
            "have": 20.0,
            "need": 24,
            "unit": "months",
        }
    ]


def test_default_as_of_is_used_when_the_profile_has_none(screener):
    profile = {"experience": [job("2024-01", None, duties=["customer_service"])]}
    early = screen(profile, screener, as_of=date(2025, 1, 15), levels=[CCR1])
    assert early["as_of"] == "2025-01-15"
    oc = early["results"][0]["routes"][0]
    # 12 months by January 2025 meet the year of the sixty-credit branch, the closest.
    assert [(g["unit"], g["have"]) for g in oc["gaps"]] == [("semester hours", 0.0)]
    assert oc["explanation"] == (
        "You have 0 of the 60 college semester credit hours needed with "
        "12 months of customer service experience."
    )


def test_levels_subset_keeps_screener_order_and_names_only_used_standards(screener):
    result = screen(
        {},
        screener,
        levels=["nys-call-center-representative/2", "university-call-center/supervisor"],
    )
    assert [r["level"] for r in result["results"]] == [
        "university-call-center/supervisor",
        "nys-call-center-representative/2",
    ]
    only_uni = screen({}, screener, levels=["university-call-center/manager"])
    assert only_uni["standards"] == {"university-call-center": "university-call-center-v"}


def test_unknown_levels_are_a_value_error_naming_them(screener):
    with pytest.raises(ValueError, match="nope, nys-call-center-representative/9"):
        screen({}, screener, levels=["nope", CCR1, "nys-call-center-representative/9"])


def test_a_met_route_has_no_gaps_and_says_what_met_it(screener):
    profile = {
        "education": [{"credential": "high_school_diploma"}],
        "experience": [job("2024-01", "2026-08", duties=["customer_service"])],
    }
    oc = screen(profile, screener, levels=[CCR1])["results"][0]["routes"][0]
    assert oc["outcome"] == "qualified" and oc["gaps"] == []
    assert oc["explanation"] == (
        f"You meet this with {HS} and 32 months of customer service experience (24 needed)."
    )


# ---------------------------------------------------------------------------
# Three-valued logic.


def test_and_or_with_review():
    psych = {"education": PSYCH, "experience": jobs(reception=12)}
    assert screen_rule({"all": [REVIEW_DEGREE, exp(12, "reception")]}, psych)["outcome"] == "review"
    assert screen_rule({"all": [REVIEW_DEGREE, exp(24, "reception")]}, psych)["outcome"] == (
        "not_qualified"
    )
    assert screen_rule({"any": [REVIEW_DEGREE, exp(24, "reception")]}, psych)["outcome"] == "review"
    assert screen_rule({"any": [REVIEW_DEGREE, exp(12, "reception")]}, psych)["outcome"] == (
        "qualified"
    )


def test_level_outcome_is_the_best_route():
    rules = standard(
        {"a": {"education": {"credential": "high_school"}}},
    )
    doc = {
        "series": "multi",
        "levels": [
            {
                "id": "x",
                "title": "X",
                "qualifications": {
                    "routes": [
                        {"route": "one", "rule": exp(24, "reception")},
                        {"route": "two", "rule": REVIEW_DEGREE},
                    ]
                },
            }
        ],
    }
    from screening.engine import standard_rules_from_document

    screener = build_screener([rules, standard_rules_from_document(doc, version="1")])
    result = screen({"education": PSYCH}, screener, levels=["multi/x"])["results"][0]
    assert [r["outcome"] for r in result["routes"]] == ["not_qualified", "review"]
    assert result["outcome"] == "review"
    assert result["routes"][1]["gaps"][0]["status"] == "review"
    assert "related field" in result["routes"][1]["gaps"][0]["reason"]


# ---------------------------------------------------------------------------
# The closest branch.


def gap_pairs(result):
    return [(g["requirement"], g["have"], g["need"]) for g in route(result)["gaps"]]


def test_closest_branch_has_fewest_unmet():
    rule = {
        "any": [
            {"all": [exp(12, "reception", "A"), exp(12, "lead_work", "B")]},
            exp(24, "management", "C"),
        ]
    }
    result = screen_rule(rule, {"experience": jobs(reception=11, lead_work=11, management=1)})
    assert gap_pairs(result) == [("C", 1, 24)]


def test_then_smallest_sum_of_shortfalls():
    rule = {"any": [exp(12, "reception", "A"), exp(24, "management", "C")]}
    result = screen_rule(rule, {"experience": jobs(reception=6, management=20)})
    assert gap_pairs(result) == [("C", 20, 24)]  # 1/6 short beats 1/2 short


def test_then_fewest_in_review():
    rule = {
        "any": [
            {"all": [REVIEW_DEGREE, exp(12, "reception", "A")]},
            exp(12, "management", "C"),
        ]
    }
    result = screen_rule(rule, {"education": PSYCH, "experience": jobs(reception=6, management=6)})
    assert gap_pairs(result) == [("C", 6, 12)]


def test_then_first_in_the_standards_order():
    rule = {"any": [exp(12, "reception", "A"), exp(12, "management", "C")]}
    result = screen_rule(rule, {"experience": jobs(reception=6, management=6)})
    assert gap_pairs(result) == [("A", 6, 12)]


def test_shortfall_sums_are_compared_exactly():
    # (1 - 1/3) + (1 - 2/3) = 1 = (1 - 1/2) + (1 - 1/2): a tie in exact arithmetic (in
    # binary floats the first sum is 1.0000000000000002), so the first branch is closest.
    rule = {
        "any": [
            {"all": [exp(3, "reception", "A"), exp(3, "lead_work", "B")]},
            {"all": [exp(2, "management", "C"), exp(2, "supervision", "D")]},
        ]
    }
    entries = jobs(reception=1, lead_work=2, management=1, supervision=1)
    result = screen_rule(rule, {"experience": entries})
    assert [g[0] for g in gap_pairs(result)] == ["A", "B"]


def test_review_branch_is_closer_than_an_unmet_one():
    rule = {"any": [exp(12, "reception", "A"), REVIEW_DEGREE]}
    result = screen_rule(rule, {"education": PSYCH, "experience": jobs(reception=11)})
    assert result["outcome"] == "review"
    assert [g["status"] for g in route(result)["gaps"]] == ["review"]


def test_nested_or_picks_the_closest_within():
    rule = {
        "all": [
            {"education": {"credential": "high_school"}, "label": "a diploma"},
            {"any": [exp(12, "reception", "A"), exp(6, "management", "C")]},
        ]
    }
    result = screen_rule(rule, {"experience": jobs(reception=3, management=5)})
    assert gap_pairs(result) == [("a diploma", 0, 1), ("C", 5, 6)]
    assert route(result)["gaps"][0]["unit"] == "credential"


def test_level_reference_contributes_the_levels_closest_gaps():
    rules = standard(
        {
            "base": {
                "any": [exp(12, "reception", "A"), exp(24, "management", "C")],
            },
            "next": {"all": [{"level": "base"}, exp(6, "lead_work", "L")]},
        }
    )
    screener = build_screener([rules])
    result = screen({"experience": jobs(management=20, lead_work=6)}, screener)
    base, nxt = result["results"]
    assert [(g["requirement"], g["have"]) for g in base["routes"][0]["gaps"]] == [("C", 20)]
    assert [(g["requirement"], g["have"]) for g in nxt["routes"][0]["gaps"]] == [("C", 20)]
    met = screen({"experience": jobs(reception=12, lead_work=6)}, screener)
    assert [r["outcome"] for r in met["results"]] == ["qualified", "qualified"]
    assert (
        "the minimum qualifications of Level base" in met["results"][1]["routes"][0]["explanation"]
    )


# ---------------------------------------------------------------------------
# Verified.


def test_verified_only_when_qualified_on_verified_entries_alone(screener):
    def ccr1(hs_verified, job_verified):
        profile = {
            "education": [{"credential": "high_school_diploma", "verified": hs_verified}],
            "experience": [
                job("2024-01", "2025-12", duties=["customer_service"], verified=job_verified)
            ],
        }
        return screen(profile, screener, levels=[CCR1])["results"][0]

    assert ccr1(True, True)["verified"] is True
    assert ccr1(True, False)["verified"] is False
    assert ccr1(False, True)["verified"] is False
    assert ccr1(False, True)["outcome"] == "qualified"


def test_verified_with_extra_unverified_entries(screener):
    profile = {
        "education": [{"credential": "high_school_diploma", "verified": True}],
        "experience": [
            job("2023-01", "2024-12", duties=["customer_service"], verified=True),
            job("2025-01", "2025-12", duties=["customer_service"]),
        ],
    }
    assert screen(profile, screener, levels=[CCR1])["results"][0]["verified"] is True


def test_not_qualified_is_never_verified(screener):
    profile = {"education": [{"credential": "high_school_diploma", "verified": True}]}
    assert all(not r["verified"] for r in screen(profile, screener)["results"])


def test_verified_service_and_foreign_credentials():
    rule = {
        "all": [
            {"education": {"credential": "bachelor"}},
            {"service": {"months": 12, "class_code": "2546100"}},
        ]
    }
    svc = {"class_code": "2546100", "status": "permanent", "start": "2020-01", "verified": True}
    degree = {"credential": "bachelor", "country": "FR", "verified": True}
    result = screen_rule(rule, {"education": [degree], "civil_service": [svc]})
    assert (result["outcome"], result["verified"]) == ("qualified", True)
    svc["verified"] = False
    result = screen_rule(rule, {"education": [degree], "civil_service": [svc]})
    assert (result["outcome"], result["verified"]) == ("qualified", False)


# ---------------------------------------------------------------------------
# Attributes.


@pytest.mark.parametrize(
    ("assessments", "status"),
    [({}, "unassessed"), ({"keyboarding_wpm": 15}, "met"), ({"keyboarding_wpm": 14}, "not_met")],
)
def test_keyboarding_is_reported_beside_the_outcome(screener, assessments, status):
    profile = {"assessments": assessments} if assessments else {}
    result = screen(profile, screener, levels=["university-call-center/operator"])["results"][0]
    assert result["attributes"] == [
        {"attribute": "keyboarding", "minimum_wpm": 15, "status": status}
    ]
    assert result["outcome"] == "not_qualified"


def test_keyboarding_never_changes_the_outcome(screener):
    profile = {
        "education": [{"credential": "high_school_diploma"}],
        "experience": [job("2026-01", "2026-06", duties=["public_contact"])],
        "assessments": {"keyboarding_wpm": 3},
    }
    result = screen(profile, screener, levels=["university-call-center/operator"])["results"][0]
    assert result["outcome"] == "qualified"
    assert result["attributes"][0]["status"] == "not_met"


# ---------------------------------------------------------------------------
# Explanations.


def test_explanation_of_a_missing_credential():
    rule = {
        "all": [
            {"education": {"credential": "bachelor"}, "label": "a bachelor's degree"},
            exp(12, "reception", "reception experience"),
        ]
    }
    result = screen_rule(rule, {"experience": jobs(reception=14)})
    assert route(result)["explanation"] == (
        "You need a bachelor's degree; you already have 14 months of reception experience."
    )


def test_explanation_of_hours_and_review():
    result = screen_rule({"education": {"semester_hours": 60}}, {})
    assert route(result)["explanation"] == (
        "You have 0 of the 60 college semester credit hours needed."
    )
    result = screen_rule(REVIEW_DEGREE, {"education": PSYCH})
    text = route(result)["explanation"]
    assert "a placement officer must judge" in text and text.endswith("on that judgment.")


def test_explanation_rounds_down_like_have():
    rule = exp(1, "reception", "reception work")
    result = screen_rule(
        rule,
        {"experience": [job("2025-01", "2025-03", hours_per_week=13.33, duties=["reception"])]},
    )
    assert route(result)["explanation"] == (
        "You have 0.99 of the 1 month of reception work needed."
    )


def test_result_is_independent_of_clock_and_stable(screener):
    profile = {"education": [{"credential": "high_school_diploma"}]}
    assert screen(profile, screener) == screen(profile, screener, as_of=AS_OF)


def test_json_fast_path_matches_json_dumps_with_level_subsets(screener):
    from screening.engine import screen_profile, screen_profile_json, validate_profile

    profile = validate_profile(
        {
            "format": "screening-profile/1",
            "education": [{"credential": "bachelor", "cip": "42.0101", "country": "FR"}],
            "experience": [job("2020-01", None, duties=["customer_service"], hours_per_week=17.5)],
            "assessments": {"keyboarding_wpm": 18},
        }
    )
    for levels in (None, [CCR1], ["university-call-center/representative-2"], []):
        expected = json.dumps(screen_profile(profile, screener, levels=levels, default_as_of=AS_OF))
        got = screen_profile_json(profile, screener, levels=levels, default_as_of=AS_OF)
        assert got == expected
        compact = json.dumps(
            screen_profile(profile, screener, levels=levels, default_as_of=AS_OF),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        assert compact == screen_profile_json(
            profile, screener, levels=levels, default_as_of=AS_OF, compact=True
        )
        assert json.loads(got)["format"] == "screening-result/1"
