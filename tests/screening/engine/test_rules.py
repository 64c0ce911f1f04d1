"""The rule language: parsing every construct, collecting every problem, describing rules."""

from __future__ import annotations

from fractions import Fraction

import pytest

from screening.engine import (
    RuleError,
    build_screener,
    describe,
    parse_predicate,
    parse_requirement,
    standard_rules_from_document,
)
from screening.engine.describe import describe_predicate
from screening.engine.rules import (
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
    OfWhich,
    PredAll,
    PredAny,
    PredNot,
    Ref,
    SemesterHours,
    Service,
    Setting,
)

from .conftest import load_standards, standard

# ---------------------------------------------------------------------------
# Requirements.


def test_all_any_and_labels():
    rule = parse_requirement(
        {
            "any": [
                {
                    "all": [
                        {"education": {"semester_hours": 60}, "label": "sixty credits"},
                        {"experience": {"months": 12, "where": {"ref": "cs"}}},
                    ]
                },
                {"education": {"credential": "high_school"}, "label": "a diploma"},
            ],
            "label": "the route",
        }
    )
    assert rule == AnyOf(
        (
            AllOf(
                (
                    SemesterHours(60, "sixty credits"),
                    Experience(12, Ref("cs"), False, None, None),
                )
            ),
            Credential("high_school", None, False, "a diploma"),
        ),
        "the route",
    )


def test_credential_with_cip_and_otherwise_review():
    rule = parse_requirement(
        {"education": {"credential": "bachelor", "cip": ["52", "51.07"], "otherwise": "review"}}
    )
    assert rule == Credential("bachelor", ("52", "51.07"), True)


def test_experience_paid_of_which_and_fractional_months():
    rule = parse_requirement(
        {
            "experience": {
                "months": 1.5,
                "where": {"duty": "reception"},
                "paid": True,
                "of_which": {"months": 1, "where": {"setting": "medical"}, "label": "clinic"},
            }
        }
    )
    assert rule == Experience(
        Fraction(3, 2), Duty("reception"), True, OfWhich(1, Setting("medical"), "clinic")
    )
    assert parse_requirement({"experience": {"months": 3}}).where == AnyEntry()


def test_service_and_its_defaults():
    rule = parse_requirement(
        {"service": {"months": 12, "class_code": "2546100", "parenthetic": "HESC"}}
    )
    assert rule == Service(
        12, "2546100", "HESC", ("permanent", "contingent_permanent"), ("competitive",)
    )


def test_level_reference_short_and_full():
    assert parse_requirement({"level": "representative-1"}) == LevelRef("representative-1")
    assert parse_requirement({"level": "a-b/c"}) == LevelRef("a-b/c")


def test_every_predicate_construct():
    pred = parse_predicate(
        {
            "all": [
                {"any": [{"duty": "customer_service"}, {"occupation": ["telemarketer"]}]},
                {"not": {"occupation": ["cashier", "teacher"]}},
                {"setting": "call_center"},
                {"employer_type": ["government"]},
                {"government_level": "state"},
                {"disciplines_scheduled_at_least": 5},
                {"ref": "other"},
            ]
        }
    )
    assert pred == PredAll(
        (
            PredAny((Duty("customer_service"), Occupation(("telemarketer",)))),
            PredNot(Occupation(("cashier", "teacher"))),
            Setting("call_center"),
            EmployerType(("government",)),
            GovernmentLevel(("state",)),
            DisciplinesAtLeast(5),
            Ref("other"),
        )
    )


def test_rules_are_hashable_values():
    a = parse_requirement({"experience": {"months": 12, "where": {"duty": "reception"}}})
    b = parse_requirement({"experience": {"months": 12, "where": {"duty": "reception"}}})
    assert a == b and hash(a) == hash(b)


def problems_of(data, *, path="rule", predicate=False):
    with pytest.raises(RuleError) as info:
        (parse_predicate if predicate else parse_requirement)(data, path=path)
    return info.value.problems


def test_all_problems_are_collected_with_paths():
    problems = problems_of(
        {
            "all": [
                {"experience": {"months": -1, "where": {"duty": "typing"}}},
                {"education": {"credential": "phd"}},
                {"bogus": 1},
                {"service": {"months": 12, "class_code": 2546100}},
            ],
            "label": "",
        },
        path="levels[2].qualifications.routes[0].rule",
    )
    p = "levels[2].qualifications.routes[0].rule"
    assert [x.split(": ")[0] for x in problems] == [
        f"{p}.label",
        f"{p}.all[0].experience.months",
        f"{p}.all[0].experience.where.duty",
        f"{p}.all[1].education.credential",
        f"{p}.all[2].bogus",
        f"{p}.all[3].service.class_code",
    ]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ("text", "rule"),
        ({}, "rule"),
        ({"all": []}, "rule.all"),
        ({"any": "x"}, "rule.any"),
        ({"all": [{"level": "x"}], "any": [{"level": "y"}]}, "rule"),
        ({"education": {"credential": "bachelor", "semester_hours": 60}}, "rule.education"),
        ({"education": {"semester_hours": 60, "cip": ["52"]}}, "rule.education.cip"),
        ({"education": {"credential": "bachelor", "cip": ["5"]}}, "rule.education.cip[0]"),
        (
            {"education": {"credential": "bachelor", "otherwise": "maybe"}},
            "rule.education.otherwise",
        ),
        ({"education": {"semester_hours": 0}}, "rule.education.semester_hours"),
        ({"education": {"semester_hours": True}}, "rule.education.semester_hours"),
        ({"experience": {"months": 12, "paid": "yes"}}, "rule.experience.paid"),
        ({"experience": {"months": 12, "per": 1}}, "rule.experience.per"),
        (
            {
                "experience": {
                    "months": 6,
                    "of_which": {"months": 12, "where": {"duty": "reception"}},
                }
            },
            "rule.experience.of_which.months",
        ),
        (
            {"experience": {"months": 12, "of_which": {"months": 1}}},
            "rule.experience.of_which.where",
        ),
        ({"service": {"months": 1.5, "class_code": "2546100"}}, "rule.service.months"),
        (
            {"service": {"months": 12, "class_code": "2546100", "parenthetic": ""}},
            "rule.service.parenthetic",
        ),
        (
            {"service": {"months": 12, "class_code": "2546100", "status": ["tenured"]}},
            "rule.service.status[0]",
        ),
        (
            {"service": {"months": 12, "class_code": "2546100", "jurisdiction": []}},
            "rule.service.jurisdiction",
        ),
        ({"level": "Not A Slug"}, "rule.level"),
    ],
)
def test_bad_requirement(data, path):
    problems = problems_of(data)
    assert [p.split(": ")[0] for p in problems] == [path]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"duty": "typing"}, "where.duty"),
        ({"setting": "office"}, "where.setting"),
        ({"occupation": []}, "where.occupation"),
        ({"occupation": ["nurse"]}, "where.occupation[0]"),
        ({"employer_type": ["gov"]}, "where.employer_type[0]"),
        ({"government_level": ["city"]}, "where.government_level[0]"),
        ({"disciplines_scheduled_at_least": -1}, "where.disciplines_scheduled_at_least"),
        ({"not": {"duty": "typing"}}, "where.not.duty"),
        ({"ref": ""}, "where.ref"),
        ({"duty": "reception", "setting": "medical"}, "where"),
        ({"any": [{"duty": "reception"}, {"mood": "happy"}]}, "where.any[1].mood"),
    ],
)
def test_bad_predicate(data, path):
    problems = problems_of(data, path="where", predicate=True)
    assert [p.split(": ")[0] for p in problems] == [path]


# ---------------------------------------------------------------------------
# Descriptions.


def test_describe_reads_as_english():
    rule = parse_requirement(
        {
            "all": [
                {"education": {"credential": "high_school"}},
                {
                    "experience": {
                        "months": 3,
                        "paid": True,
                        "where": {"any": [{"duty": "public_contact"}, {"duty": "reception"}]},
                    }
                },
            ]
        }
    )
    assert describe(rule) == (
        "All of: a high school diploma or equivalency; at least 3 months of paid experience "
        "in which the duties include public contact or reception"
    )


def test_describe_nested_alternatives_service_and_level():
    rule = parse_requirement(
        {
            "any": [
                {"service": {"months": 12, "class_code": "2546100", "parenthetic": "HESC"}},
                {"level": "representative-1"},
                {"education": {"semester_hours": 60}},
            ]
        }
    )
    text = describe(rule)
    assert text.startswith("One of: at least 12 months of permanent or contingent permanent")
    assert "class 2546100 (HESC)" in text
    assert "the minimum qualifications of representative-1" in text
    assert text.endswith("at least 60 college semester credit hours")


def test_describe_expands_named_predicates_when_given():
    rule = parse_requirement({"experience": {"months": 12, "where": {"ref": "cs"}}})
    assert "\u201ccs\u201d" in describe(rule)
    named = {"cs": parse_predicate({"not": {"occupation": ["cashier"]}})}
    assert describe(rule, predicates=named) == (
        "at least 12 months of experience in which the occupation is not cashier"
    )


def test_describe_predicate_combinators():
    pred = parse_predicate(
        {
            "all": [
                {"setting": "medical"},
                {"any": [{"duty": "reception"}, {"occupation": ["other"]}]},
            ]
        }
    )
    assert describe_predicate(pred) == (
        "the setting is a medical setting and (the duties include reception or the occupation "
        "is other)"
    )


def test_describe_of_which_and_cip():
    rule = parse_requirement(
        {
            "any": [
                {"education": {"credential": "bachelor", "cip": ["52"], "otherwise": "review"}},
                {
                    "experience": {
                        "months": 24,
                        "of_which": {"months": 12, "where": {"disciplines_scheduled_at_least": 5}},
                    }
                },
            ]
        }
    )
    text = describe(rule)
    assert "a bachelor's degree or higher in a field with CIP code 52" in text
    assert (
        "at least 24 months of experience, 12 months of which in which scheduling covers "
        "at least 5 disciplines" in text
    )


# ---------------------------------------------------------------------------
# Standards and the screener.


def level_doc(level_id, rule, **more):
    return {
        "id": level_id,
        "title": f"Level {level_id}",
        "qualifications": {"routes": [{"route": "entry", "rule": rule}]},
        **more,
    }


def test_standard_rules_from_document_reads_levels_routes_and_keyboarding():
    doc = {
        "series": "demo",
        "predicates": {"phones": {"duty": "telephone_answering"}},
        "levels": [
            level_doc(
                "a",
                {"experience": {"months": 3, "where": {"ref": "phones"}}},
                attributes=[{"text": "Keyboard 15 wpm", "keyboarding_wpm": 15}, {"text": "Nice"}],
            ),
            {
                "id": 2,
                "title": "Two",
                "parenthetic": "X",
                "qualifications": {
                    "routes": [
                        {"route": "open_competitive", "rule": {"level": "a"}},
                        {"route": "promotion", "rule": {"level": "demo/a"}},
                    ]
                },
            },
        ],
    }
    rules = standard_rules_from_document(doc, version="7")
    assert rules.series == "demo" and rules.version == "7"
    assert [lv.id for lv in rules.levels] == ["demo/a", "demo/2"]
    assert rules.levels[0].keyboarding_wpm == (15,)
    assert rules.levels[1].parenthetic == "X"
    assert [r.route for r in rules.levels[1].routes] == ["open_competitive", "promotion"]
    assert rules.level("2") is rules.levels[1]
    assert rules.predicates == {"phones": Duty("telephone_answering")}


def rule_problems(doc):
    with pytest.raises(RuleError) as info:
        standard_rules_from_document(doc, version="1")
    return info.value.problems


def test_missing_level_and_predicate_refs_are_reported_with_paths():
    problems = rule_problems(
        {
            "series": "demo",
            "predicates": {"p": {"ref": "nowhere"}},
            "levels": [
                level_doc("a", {"experience": {"months": 3, "where": {"ref": "missing"}}}),
                level_doc("b", {"all": [{"level": "a"}, {"level": "x"}]}),
            ],
        }
    )
    assert [p.split(": ")[0] for p in problems] == [
        "predicates.p.ref",
        "levels[0].qualifications.routes[0].rule.experience.where.ref",
        "levels[1].qualifications.routes[0].rule.all[1].level",
    ]
    assert "no level 'x'" in problems[2]


def test_cycles_are_errors():
    problems = rule_problems(
        {
            "series": "demo",
            "levels": [
                level_doc("a", {"level": "b"}),
                level_doc("b", {"all": [{"level": "a"}]}),
            ],
        }
    )
    assert len(problems) == 1
    assert problems[0].startswith("levels[1].qualifications.routes[0].rule.all[0].level: cycle")
    assert "demo/a → demo/b → demo/a" in problems[0]
    problems = rule_problems(
        {
            "series": "demo",
            "predicates": {"p": {"not": {"ref": "q"}}, "q": {"any": [{"ref": "p"}]}},
            "levels": [level_doc("a", {"experience": {"months": 1, "where": {"ref": "p"}}})],
        }
    )
    assert problems == ["predicates.q.any[0].ref: cycle of predicate references: p → q → p"]


def test_structural_problems_of_a_document():
    problems = rule_problems(
        {
            "series": "Not a slug",
            "levels": [
                level_doc("a", {"level": "b"}),
                level_doc("a", {"experience": {"months": 0}}),
                {"id": "c", "title": "C", "qualifications": {"routes": []}},
                {"id": "d", "title": "", "qualifications": {"routes": [{"route": "entry"}]}},
            ],
        }
    )
    assert [p.split(": ")[0] for p in problems] == [
        "series",
        "levels[1].id",
        "levels[1].qualifications.routes[0].rule.experience.months",
        "levels[2].qualifications.routes",
        "levels[3].title",
        "levels[3].qualifications.routes[0].rule",
    ]


def test_cross_series_references_are_checked_by_build_screener():
    a = standard({"one": {"education": {"credential": "high_school"}}}, series="alpha")
    b = standard_rules_from_document(
        {"series": "beta", "levels": [level_doc("two", {"level": "alpha/one"})]}, version="1"
    )
    screener = build_screener([a, b])
    assert screener.level_ids == ["alpha/one", "beta/two"]
    with pytest.raises(RuleError) as info:
        build_screener([b])
    assert info.value.problems == [
        "levels[0].qualifications.routes[0].rule.level: no level 'alpha/one' "
        "(looked for 'alpha/one')"
    ]
    with pytest.raises(RuleError, match="given twice"):
        build_screener([a, a])


def test_cross_series_cycle_is_found():
    a = standard_rules_from_document(
        {"series": "alpha", "levels": [level_doc("one", {"level": "beta/two"})]}, version="1"
    )
    b = standard_rules_from_document(
        {"series": "beta", "levels": [level_doc("two", {"level": "alpha/one"})]}, version="1"
    )
    with pytest.raises(RuleError) as info:
        build_screener([a, b])
    assert len(info.value.problems) == 1
    assert "cycle of level references: alpha/one → beta/two → alpha/one" in info.value.problems[0]


def test_the_two_standards_load_into_ten_levels():
    screener = build_screener(load_standards())
    assert screener.level_ids == [
        "university-call-center/operator",
        "university-call-center/representative-1",
        "university-call-center/representative-2",
        "university-call-center/supervisor",
        "university-call-center/manager",
        "nys-call-center-representative/1",
        "nys-call-center-representative/2",
        "nys-call-center-representative/3",
        "nys-call-center-representative/1-hesc",
        "nys-call-center-representative/2-hesc",
    ]
    routes = {lv.id: lv.route_names for lv in screener.levels}
    assert routes["nys-call-center-representative/2"] == ("open_competitive", "promotion")
    assert routes["nys-call-center-representative/2-hesc"] == ("promotion",)
    keyboarding = {lv.id: lv.keyboarding for lv in screener.levels}
    assert keyboarding["university-call-center/operator"] == (15,)
    assert keyboarding["university-call-center/representative-1"] == (20,)
    assert keyboarding["university-call-center/representative-2"] == (20,)
    assert keyboarding["nys-call-center-representative/1"] == ()


def test_every_rule_of_the_standards_can_be_described():
    for rules in load_standards():
        for level in rules.levels:
            for route in level.routes:
                text = describe(route.rule, predicates=rules.predicates)
                assert text and "None" not in text
