"""Every way to qualify (the `ways` of each level): pure, no database."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from screening.engine.messages import render

from .conftest import ROOT, job, screen
from .test_properties import PROFILES, SCREENER, SETTINGS_

CASES = json.loads((ROOT / "tests" / "fixtures" / "acceptance" / "cases.json").read_text())
CCR1 = "nys-call-center-representative/1"
CCR2 = "nys-call-center-representative/2"
REP1 = "university-call-center/representative-1"
MANAGER = "university-call-center/manager"
SUPERVISOR = "university-call-center/supervisor"
DIPLOMA = {"credential": "high_school_diploma"}


def ways_of(profile: dict, screener, level: str) -> list[dict]:
    (result,) = screen(profile, screener, levels=[level])["results"]
    return result["ways"]


def requirement(branch: dict, label: str) -> dict:
    (item,) = [i for i in branch["requirements"] if i["requirement"] == label]
    return item


def test_ccr1_lists_both_ways_and_marks_the_diploma_way_closest(screener):
    profile = {
        "education": [DIPLOMA],
        "experience": [job("2025-01", "2026-08", duties=["customer_service"])],
    }
    (route,) = ways_of(profile, screener, CCR1)
    assert route["route"] == "open_competitive" and route["outcome"] == "not_qualified"
    hours_way, diploma_way = route["branches"]
    assert [b["closest"] for b in route["branches"]] == [False, True]
    assert hours_way["status"] == "unmet"
    hours = requirement(hours_way, "sixty college semester credit hours")
    assert (hours["status"], hours["have"], hours["need"], hours["unit"]) == (
        "unmet",
        0,
        60,
        "semester hours",
    )
    assert requirement(hours_way, "customer service experience")["status"] == "met"
    months = requirement(diploma_way, "customer service experience")
    assert (months["status"], months["have"], months["need"]) == ("unmet", 20, 24)
    assert months["message"]["params"]["short"] == 4
    assert requirement(diploma_way, "a high school diploma or GED")["status"] == "met"


def test_ccr2_lists_open_competitive_and_promotion_routes(screener):
    (open_competitive, promotion) = ways_of({"education": [DIPLOMA]}, screener, CCR2)
    assert (open_competitive["route"], promotion["route"]) == ("open_competitive", "promotion")
    assert len(open_competitive["branches"]) == 3
    (only,) = promotion["branches"]
    assert only["closest"] is True
    (service,) = only["requirements"]
    assert (service["have"], service["need"], service["unit"]) == (0, 12, "months")
    assert "Call Center Representative 1" in service["requirement"]


def test_manager_offers_a_degree_or_36_months_of_management(screener):
    profile = {
        "education": [DIPLOMA],
        "experience": [
            job("2025-08", None, duties=["management"], settings=["call_center"]),
        ],
    }
    (route,) = ways_of(profile, screener, MANAGER)
    degree_way, management_way = route["branches"]
    degree = degree_way["requirements"][1]
    assert (degree["status"], degree["unit"]) == ("unmet", "credential")
    assert degree["message"]["key"] == "item.credential_missing"
    months = requirement(management_way, "management experience in a call center or clinic")
    assert (months["have"], months["need"], months["message"]["params"]["short"]) == (14, 36, 22)
    assert management_way["closest"] and not degree_way["closest"]
    assert render(months["message"], "es") == (
        "Le faltan 22 meses de experiencia en gestión en un centro de llamadas o una clínica: "
        "tiene 14 de los 36 requeridos."
    )


def test_manager_with_a_business_degree_is_met_by_the_degree_way(screener):
    profile = {"education": [DIPLOMA, {"credential": "bachelor", "cip": "52.0201"}]}
    (route,) = ways_of(profile, screener, MANAGER)
    assert route["outcome"] == "qualified"
    degree_way, management_way = route["branches"]
    assert (degree_way["status"], degree_way["closest"]) == ("met", True)
    assert (management_way["status"], management_way["closest"]) == ("unmet", False)


def test_a_degree_in_another_field_is_a_review_way_without_cip_codes(screener):
    profile = {"education": [DIPLOMA, {"credential": "bachelor", "cip": "42.0101"}]}
    (route,) = ways_of(profile, screener, MANAGER)
    degree_way = route["branches"][0]
    assert (degree_way["status"], degree_way["closest"]) == ("review", True)
    degree = degree_way["requirements"][1]
    assert degree["status"] == "review" and "42.0101" in degree["reason"]  # the English text
    for lang in ("en", "es"):
        text = render(degree["message"], lang)
        assert "42" not in text and "CIP" not in text and "52" not in text
    assert "psychology" in render(degree["message"], "en")
    assert "psicología" in render(degree["message"], "es")


def test_representative_1_includes_the_six_month_clinic_reception_way(screener):
    (route,) = ways_of({"education": [DIPLOMA]}, screener, REP1)
    phones, clinic = route["branches"]
    assert (
        requirement(phones, "experience answering telephones and scheduling appointments")["need"]
        == 12
    )
    label = "clinic reception or appointment scheduling experience in a medical environment"
    assert requirement(clinic, label)["need"] == 6
    assert phones["closest"] is True  # equal shortfalls: the first in the standard's order


def test_part_time_months_are_rounded_down_and_what_is_missing_up(screener):
    # 20 hours a week for 5 months: 2.5 of the 12 months needed, 9.5 to go.
    profile = {
        "education": [DIPLOMA],
        "experience": [
            job(
                "2025-01",
                "2025-05",
                hours_per_week=20,
                duties=["telephone_answering", "appointment_scheduling"],
            )
        ],
    }
    (route,) = ways_of(profile, screener, REP1)
    item = route["branches"][0]["requirements"][1]
    assert (item["have"], item["need"], item["message"]["params"]["short"]) == (2.5, 12, 9.5)
    assert render(item["message"], "es").startswith("Le faltan 9,5 meses")


def test_a_level_reference_is_one_requirement_of_a_way(screener):
    (route,) = ways_of({"education": [DIPLOMA]}, screener, SUPERVISOR)
    assert len(route["branches"]) == 2  # comparable to Representative II, or supervision
    first = route["branches"][0]["requirements"]
    assert {i["requirement"] for i in first} >= {
        "work experience comparable to Call Center Representative II"
    }


def check_ways(result: dict) -> None:
    """A route's ways have its outcome, the closest way's missing items are exactly its
    `gaps`, and the explanation's messages say its English text (review reasons aside)."""
    for level in result["results"]:
        assert [w["route"] for w in level["ways"]] == [r["route"] for r in level["routes"]]
        for route, ways in zip(level["routes"], level["ways"], strict=True):
            assert ways["outcome"] == route["outcome"]
            (best,) = [b for b in ways["branches"] if b["closest"]]
            if route["outcome"] == "qualified":
                assert best is next(b for b in ways["branches"] if b["status"] == "met")
            else:
                missing = [
                    (i["requirement"], i["status"], i["have"], i["need"])
                    for i in best["requirements"]
                    if i["status"] != "met"
                ]
                gaps = [
                    (g["requirement"], g["status"], g["have"], g["need"]) for g in route["gaps"]
                ]
                assert sorted(missing) == sorted(gaps)
            if not any("reason" in g for g in route["gaps"]):
                assert render(route["messages"], "en") == route["explanation"]
            assert render(route["messages"], "es")  # every sentence has its Spanish
            for branch in ways["branches"]:
                for item in branch["requirements"]:
                    assert render(item["message"], "es") and render(item["message"], "en", "third")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_ways_agree_with_outcomes_and_gaps_on_the_acceptance_cases(case, screener):
    check_ways(screen(case["profile"], screener))


@SETTINGS_
@given(profile=PROFILES)
def test_ways_agree_with_outcomes_and_gaps_on_generated_profiles(profile):
    check_ways(screen(profile, SCREENER))
