"""Cases: opened with each profile, assigned and moved between statuses (set-based, audited
per case), the due date from the setting, the case page's controls."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from casework.models import Case
from casework.services.cases import (
    BULK_MAX,
    TooMany,
    case_assign,
    case_due_date_set,
    case_status_set,
)
from tests.factories import CASEY, NOW, officer_user, saved_profile, saved_profiles


def test_each_new_profile_opens_a_new_unassigned_case(loaded_standards):
    profiles = saved_profiles(3)
    cases = Case.objects.filter(profile__in=profiles)
    assert [(c.status, c.assignee_id) for c in cases] == [("new", None)] * 3
    assert {c.received_at for c in cases} == {NOW}
    assert {c.due_date for c in cases} == {datetime.date(2026, 12, 6)}  # 20 calendar days


def test_the_due_date_follows_the_setting(loaded_standards, settings):
    settings.CASE_DUE_DAYS = 5
    profile = saved_profile(CASEY)
    assert Case.objects.get(profile=profile).due_date == datetime.date(2026, 11, 21)


def test_assigning_many_is_one_write_audited_per_case(loaded_standards, django_assert_num_queries):
    officer, other = officer_user(), officer_user()
    profiles = saved_profiles(4)
    ids = [p.pk for p in profiles]
    case_assign(profile_ids=ids[:1], assignee=other, by=officer, now=NOW)
    with django_assert_num_queries(5):  # savepoint, lock and read, one UPDATE, audit, release
        changed = case_assign(profile_ids=ids, assignee=officer, by=officer, now=NOW)
    assert changed == 4
    assert set(Case.objects.filter(pk__in=ids).values_list("assignee", flat=True)) == {officer.pk}
    records = LogEntry.objects.filter(additional_data__what="case_assigned").order_by("pk")
    assert records.count() == 5
    assert records.last().additional_data["profile"] == str(profiles[-1].public_id)
    moved = records.filter(object_id=profiles[0].pk).last()
    assert moved.changes == {"assigned_to": [other.pk, officer.pk]}
    assert case_assign(profile_ids=ids, assignee=officer, by=officer) == 0  # no change, no record


def test_status_changes_are_audited_with_before_and_after(loaded_standards):
    officer = officer_user()
    [profile] = saved_profiles(1)
    assert case_status_set(profile_ids=[profile.pk], status="in_review", by=officer) == 1
    record = LogEntry.objects.get(additional_data__what="case_status_changed")
    assert record.changes == {"status": ["new", "in_review"]}
    assert record.actor == officer
    with pytest.raises(ValueError):
        case_status_set(profile_ids=[profile.pk], status="closed", by=officer)


def test_a_bulk_write_beyond_the_bound_changes_nothing(loaded_standards):
    officer = officer_user()
    [profile] = saved_profiles(1)
    with pytest.raises(TooMany, match=str(BULK_MAX)):
        case_status_set(
            profile_ids=[profile.pk, *range(10**6, 10**6 + BULK_MAX)],
            status="in_review",
            by=officer,
        )
    assert Case.objects.get(profile=profile).status == "new"


def test_the_due_date_moves_once(loaded_standards):
    officer = officer_user()
    [profile] = saved_profiles(1)
    day = datetime.date(2027, 1, 4)
    assert case_due_date_set(profile_id=profile.pk, due_date=day, by=officer)
    assert not case_due_date_set(profile_id=profile.pk, due_date=day, by=officer)
    record = LogEntry.objects.get(additional_data__what="case_due_date_changed")
    assert record.changes == {"due_date": ["2026-12-06", "2027-01-04"]}


@pytest.fixture
def officer_client(client, db):
    officer = officer_user()
    client.force_login(officer)
    client.officer = officer
    return client


def test_the_case_page_shows_and_changes_the_case(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    page_url = reverse("screening:officer-applicant", args=[profile.public_id])
    page = officer_client.get(page_url).text
    assert 'id="case-heading"' in page and "2026-12-06" in page
    assert f'action="/officer/applicants/{profile.public_id}/case/"' in page
    response = officer_client.post(
        reverse("casework:case-update", args=[profile.public_id]),
        {
            "status": "waiting_documents",
            "assignee": str(officer_client.officer.pk),
            "due_date": "2026-12-20",
        },
    )
    assert response.status_code == 302 and response["Location"] == page_url
    case = Case.objects.get(profile=profile)
    assert (case.status, case.assignee, case.due_date) == (
        "waiting_documents",
        officer_client.officer,
        datetime.date(2026, 12, 20),
    )
    whats = set(LogEntry.objects.values_list("additional_data__what", flat=True))
    assert {"case_status_changed", "case_assigned", "case_due_date_changed"} <= whats


def test_a_bad_due_date_is_named_and_changes_nothing(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    response = officer_client.post(
        reverse("casework:case-update", args=[profile.public_id]),
        {"status": "determined", "assignee": "", "due_date": "3000-01-01"},
    )
    assert response.status_code == 400
    assert "Due date:" in response.text and 'aria-invalid="true"' in response.text
    assert Case.objects.get(profile=profile).status == "new"


def test_an_unknown_case_is_a_404(officer_client, loaded_standards):
    url = reverse("casework:case-update", args=["00000000-0000-0000-0000-000000000000"])
    assert officer_client.post(url, {}).status_code == 404


def test_the_migration_opens_a_case_for_each_profile_stored_before(loaded_standards):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("casework.migrations.0004_open_cases_of_existing_profiles")
    profiles = saved_profiles(3)
    Case.objects.filter(profile=profiles[0]).delete()  # as if stored before casework existed
    migration.open_cases(apps, None)
    case = Case.objects.get(profile=profiles[0])
    assert (case.status, case.assignee, case.received_at) == ("new", None, NOW)
    assert case.due_date == datetime.date(2026, 12, 6)
    assert Case.objects.filter(profile__in=profiles).count() == 3
