"""The shared acceptance cases (tests/fixtures/acceptance/cases.json), every one exact."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT, screen

CASES = json.loads((ROOT / "tests" / "fixtures" / "acceptance" / "cases.json").read_text())


@pytest.fixture(scope="module")
def results(screener):
    return {case["name"]: screen(case["profile"], screener) for case in CASES}


def by_level(result):
    return {r["level"]: r for r in result["results"]}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case, results):
    levels = by_level(results[case["name"]])
    assert {lid: r["outcome"] for lid, r in levels.items()} == case["expect"]
    assert {
        lid: {route["route"]: route["outcome"] for route in r["routes"]}
        for lid, r in levels.items()
    } == case["routes"]
    qualified = {lid: r["verified"] for lid, r in levels.items() if r["outcome"] == "qualified"}
    assert qualified == case["verified"]
    for lid, routes in case.get("gaps", {}).items():
        for route_name, (have, need) in routes.items():
            (route,) = [r for r in levels[lid]["routes"] if r["route"] == route_name]
            assert any(g["have"] == have and g["need"] == need for g in route["gaps"]), route


def test_every_case_is_checked():
    assert len(CASES) >= 20
    assert all(len(c["expect"]) == 10 for c in CASES)
