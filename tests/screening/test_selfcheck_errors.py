"""The self-check's errors: in plain words naming row and field, all of them in one submit."""

from django.urls import reverse

from screening import services
from tests.screening.test_views_applicant import _casey_form, _management


def _post(client, data):
    return client.post(reverse("screening:selfcheck"), data)


def _summary(response) -> list[str]:
    return [item["message"] for item in response.context["summary"]]


def test_college_credit_without_hours_names_the_row_and_the_hours(client, loaded_standards):
    data = _casey_form(**{"education-0-credential": "college_credit"})
    response = _post(client, data)
    assert response.status_code == 400
    assert _summary(response) == [
        "Education 1: enter the semester hours or the quarter hours of your college credit"
    ]
    assert response.context["summary"][0]["id"] == "id_education-0-semester_hours"
    assert "college_credit needs" not in response.text


def test_an_end_before_the_start_is_said_in_words(client, loaded_standards):
    data = _casey_form(**{"experience-0-start": "2023-05", "experience-0-end": "2022-01"})
    response = _post(client, data)
    assert _summary(response) == ["Job 1: the end month is before the start month"]
    assert "before start (" not in response.text
    assert 'aria-invalid="true"' in response.text
    assert 'aria-describedby="id_experience-0-end_helptext id_experience-0-end_error"' in (
        response.text
    )


def test_a_negative_typing_speed_is_said_in_words(client, loaded_standards):
    response = _post(client, _casey_form(keyboarding_wpm="-5"))
    assert _summary(response) == ["Typing speed: enter a number of words per minute of 0 or more"]
    assert "Ensure this value" not in response.text


def test_every_problem_is_found_in_one_submit(client, loaded_standards):
    data = _casey_form(
        keyboarding_wpm="-5",
        **{
            "education-0-credential": "college_credit",
            "experience-0-start": "2023-05",
            "experience-0-end": "2022-01",
            "experience-0-hours_per_week": "0",
        },
    )
    response = _post(client, data)
    assert _summary(response) == [
        "Education 1: enter the semester hours or the quarter hours of your college credit",
        "Job 1: enter “Hours a week” of 0.1 or more",
        "Job 1: the end month is before the start month",
        "Typing speed: enter a number of words per minute of 0 or more",
    ]
    ids = [item["id"] for item in response.context["summary"]]
    assert ids == [
        "id_education-0-semester_hours",
        "id_experience-0-hours_per_week",
        "id_experience-0-end",
        "id_keyboarding_wpm",
    ]


def test_django_default_messages_never_reach_the_person(client, loaded_standards):
    data = _casey_form(
        **{
            "experience-0-title": "",
            "experience-0-employer_type": "",
            "experience-0-start": "not a month",
            "education-0-semester_hours": "many",
        }
    )
    response = _post(client, data)
    assert _summary(response) == [
        "Education 1: enter “Semester credit hours” as a number",
        "Job 1: enter the job title",
        "Job 1: choose the type of employer",
        "Job 1: enter “Started (month)” as a month YYYY-MM, e.g. 2021-03",
    ]
    for default in ("This field is required", "Enter a number", "Enter a valid value"):
        assert default not in response.text


def test_an_empty_form_says_what_to_fill_in(client, loaded_standards):
    data = {
        **_management("education", 1),
        **_management("experience", 1),
        **_management("civil_service", 0),
        "education-0-country": "US",
    }
    response = _post(client, data)
    assert response.status_code == 400
    [message] = _summary(response)
    assert message.startswith("Add at least one school, job or civil service title")
    assert response.context["summary"][0]["id"] == "id_education-0-credential"
    assert "0 of the" not in response.text


def test_a_month_supervising_began_is_checked_against_the_job(client, loaded_standards):
    data = _casey_form(
        **{"experience-0-duties_from": "2022-01", "experience-0-duties": ["supervision"]}
    )
    response = _post(client, data)
    assert _summary(response) == [
        "Job 1: the month supervising or managing began is before the start month"
    ]
    data = _casey_form(**{"experience-0-duties_from": "2024-01"})
    response = _post(client, data)
    [message] = _summary(response)
    assert message.startswith("Job 1: you gave a month for supervising or managing, but did not")


def test_the_duty_boxes_explain_the_standards_words(client, loaded_standards):
    response = client.get(reverse("screening:selfcheck"))
    text = response.text
    words = "“management and supervision of a unit or program area”"
    assert f"{words} (Call Center Representative 3)" in text
    assert "tick all of: “Directly supervising staff”, “Managing a unit, program area or" in text
    # Where the words ask for a setting as well, the hint says so.
    assert (
        "(Call Center Supervisor): tick all of: “A clinic, medical practice or hospital”, "
        "“Answering and relaying incoming calls”"
    ) in text


# --- Periods within a job ----------------------------------------------------------------------

CCR3 = "nys-call-center-representative/3"


def _supervisor_form(**row) -> dict:
    """A bachelor's degree, two years at a state call center, then a year with supervision."""
    data = {
        **_management("education", 1),
        **_management("experience", 2),
        **_management("civil_service", 0),
        "education-0-credential": "bachelor",
        "education-0-country": "US",
        "as_of": "2026-10-01",
    }
    for index, (start, end, duties) in enumerate(
        [("2022-01", "2023-12", []), ("2024-01", "2024-12", ["supervision", "management"])]
    ):
        data.update(
            {
                f"experience-{index}-title": "Call center agent",
                f"experience-{index}-employer": "NYS Department of Labor",
                f"experience-{index}-employer_type": "government",
                f"experience-{index}-government_level": "state",
                f"experience-{index}-start": start,
                f"experience-{index}-end": end,
                f"experience-{index}-settings": ["call_center"],
                f"experience-{index}-duties": ["customer_service", *duties],
            }
        )
    data.update({f"experience-1-{name}": value for name, value in row.items()})
    return data


def _ccr3(client, data):
    response = _post(client, data)
    assert response.status_code == 302, response.context and _summary(response)
    document = client.session["selfcheck_profile"]
    result = services.screening_run(document=document)
    [level] = [item for item in result["results"] if item["level"] == CCR3]
    return document, level


def _supervising_months(level) -> float:
    [route] = [r for r in level["routes"] if r["route"] == "open_competitive"]
    gaps = [g for g in route.get("gaps") or [] if "supervision" in g["requirement"]]
    return min(g["have"] for g in gaps)


def test_a_whole_year_supervising_qualifies_for_ccr3(client, loaded_standards):
    _document, level = _ccr3(client, _supervisor_form())
    assert level["outcome"] == "qualified"


def test_supervising_six_of_twelve_months_counts_six(client, loaded_standards):
    document, level = _ccr3(client, _supervisor_form(duties_from="2024-07"))
    before, after = document["experience"][1:]
    assert (before["start"], before["end"], before["duties"]) == (
        "2024-01",
        "2024-06",
        ["customer_service"],
    )
    assert (after["start"], after["end"]) == ("2024-07", "2024-12")
    assert set(after["duties"]) == {"customer_service", "supervision", "management"}
    assert level["outcome"] == "not_qualified"
    assert _supervising_months(level) == 6


def test_a_date_that_is_not_one_is_said_in_words(client, loaded_standards):
    response = _post(client, _casey_form(as_of="31/12/2026"))
    assert _summary(response) == [
        "Date to check as of: enter “Check as of” as a date, e.g. 2026-10-01"
    ]


def test_a_removed_row_with_mistakes_is_not_held_against_the_person(client, loaded_standards):
    data = _casey_form(
        **_management("experience", 2),
        **{"experience-1-title": "Cashier", "experience-1-DELETE": "on"},
    )
    response = _post(client, data)
    assert response.status_code == 302


def test_an_uploaded_file_s_problems_are_said_like_the_form_s(client, loaded_standards):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import CASEY, document

    bad = document(
        CASEY,
        education=[{"credential": "college_credit"}],
        experience=[{**CASEY["experience"][0], "start": "2023-05", "end": "2022-01"}],
        assessments={"keyboarding_wpm": -5},
    )
    upload = SimpleUploadedFile("p.json", json.dumps(bad).encode(), "application/json")
    response = client.post(reverse("screening:selfcheck-upload"), {"profile": upload})
    assert response.status_code == 400
    assert sorted(_summary(response)) == [
        "Education 1: enter the semester hours or the quarter hours of your college credit",
        "Job 1: the end month is before the start month",
        "Typing speed: enter a number of words per minute of 0 or more",
    ]
