"""Eligible lists: verified-qualified ranked, claimed-only apart, a snapshot, certified."""

import csv
import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from casework.models import EligibleList, ListOrder
from casework.services.lists import ListRefused, eligible_list_certify, eligible_list_establish
from screening.services import entry_decide
from tests.factories import (
    CASEY,
    NOW,
    ROBIN,
    TODAY,
    applicant_named,
    officer_user,
    saved_profile,
    verified_profile,
)

pytestmark = pytest.mark.django_db

LEVEL = "nys-call-center-representative/1"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer():
    return officer_user()


@pytest.fixture
def applicants(loaded_standards, officer):
    """Two verified-qualified (Zoe applied first, with the larger external id), one qualified
    on her own word, one not qualified."""
    return {
        "zoe": verified_profile(
            CASEY, officer=officer, now=NOW - 2 * DAY, applicant=applicant_named("Zoe Ng", "Z-9")
        ),
        "abe": verified_profile(
            CASEY, officer=officer, now=NOW - DAY, applicant=applicant_named("abe Ray", "A-2")
        ),
        "casey": saved_profile(CASEY),
        "robin": saved_profile(ROBIN),
    }


def _establish(officer, order=ListOrder.APPLICATION_DATE, **kwargs):
    values = {
        "level": LEVEL,
        "level_title": "Call Center Representative 1",
        "established_on": TODAY,
        "expires_on": TODAY + 365 * DAY,
        "order": order,
        "by": officer,
        "now": NOW,
    } | kwargs
    return eligible_list_establish(**values)


def _entries(eligible_list):
    return [
        (entry.name, entry.rank, entry.verified)
        for entry in eligible_list.entries.order_by("-verified", "rank", "pk")
    ]


def test_verified_qualified_are_ranked_and_claimed_only_listed_apart(applicants, officer):
    made = _establish(officer)
    assert _entries(made) == [
        ("Zoe Ng", 1, True),
        ("abe Ray", 2, True),
        ("Casey Lee", None, False),
    ]
    zoe = made.entries.get(rank=1)
    assert (zoe.external_id, zoe.applied_on) == ("Z-9", TODAY - 2 * DAY)


@pytest.mark.parametrize(
    ("order", "names"),
    [
        (ListOrder.APPLICATION_DATE, ["Zoe Ng", "abe Ray"]),
        (ListOrder.NAME, ["abe Ray", "Zoe Ng"]),  # letter case does not count
        (ListOrder.EXTERNAL_ID, ["abe Ray", "Zoe Ng"]),
    ],
)
def test_each_ordering_rule_ranks(applicants, officer, order, names):
    made = _establish(officer, order=order)
    assert [name for name, rank, _ in _entries(made) if rank] == names


def test_the_list_is_a_snapshot_a_later_determination_does_not_change(applicants, officer):
    first = _establish(officer)
    zoe = applicants["zoe"]
    experience = zoe.experience.get()
    entry_decide(
        profile=zoe,
        kind="experience",
        entry_id=experience.pk,
        lock_version=experience.lock_version,
        decision="rejected",
        document_reference="DOC-2",
        note="Not a call center",
        reason="The employer's letter says it was not a call center",  # it was verified
        by=officer,
        now=NOW,
        today=TODAY,
    )
    assert _entries(first)[0] == ("Zoe Ng", 1, True)
    second = _establish(officer, now=NOW + DAY)
    assert _entries(second) == [("abe Ray", 1, True), ("Casey Lee", None, False)]
    first.refresh_from_db()
    assert (first.superseded_by, first.superseded_at, first.status) == (
        second,
        NOW + DAY,
        "superseded",
    )
    assert second.status == "established"


def test_establishing_and_certifying_are_audited_by_a_second_officer(applicants, officer):
    made = _establish(officer)
    record = LogEntry.objects.get(additional_data__what="list_established")
    assert record.actor == officer
    assert (record.changes["ranked"], record.changes["claimed_only"]) == ([None, 2], [None, 1])
    with pytest.raises(ListRefused, match="Another officer"):
        eligible_list_certify(eligible_list=made, by=officer, now=NOW)
    second = officer_user()
    eligible_list_certify(eligible_list=made, by=second, now=NOW)
    assert (made.certified_by, made.certified_at, made.status) == (second, NOW, "certified")
    assert LogEntry.objects.get(additional_data__what="list_certified").actor == second
    with pytest.raises(ListRefused, match="already certified"):
        eligible_list_certify(eligible_list=made, by=officer_user(), now=NOW)


def test_a_superseded_or_expired_list_cannot_be_certified(applicants, officer):
    old = _establish(officer)
    _establish(officer)
    old.refresh_from_db()
    with pytest.raises(ListRefused):
        eligible_list_certify(eligible_list=old, by=officer_user(), now=NOW)
    short = _establish(officer, expires_on=TODAY + DAY)
    with pytest.raises(ListRefused, match="expired"):
        eligible_list_certify(eligible_list=short, by=officer_user(), now=NOW + 3 * DAY)
    assert not EligibleList.objects.exclude(certified_at=None).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expires_on": TODAY}, "expires_on"),
        ({"expires_on": TODAY + 5 * 365 * DAY}, "expires_on"),
        ({"established_on": datetime.date(1, 1, 1)}, "established_on"),
        ({"order": "shoe_size"}, "order"),
    ],
)
def test_bad_dates_and_orders_are_refused_and_nothing_is_stored(
    applicants, officer, changes, field
):
    with pytest.raises(ListRefused) as refused:
        _establish(officer, **changes)
    assert refused.value.field == field
    assert not EligibleList.objects.exists()


def _form(client, **data):
    values = {"level": LEVEL, "established_on": "2026-11-16", "order": "name"} | data
    return client.post(reverse("casework:list-establish"), values)


def test_the_establish_form_defaults_the_expiry_and_shows_the_list(client, applicants, officer):
    client.force_login(officer)
    response = _form(client)
    made = EligibleList.objects.get()
    assert response["Location"] == reverse("casework:list-detail", args=[made.public_id])
    assert (made.established_on, made.expires_on) == (TODAY, TODAY + 365 * DAY)
    page = client.get(response["Location"]).content.decode()
    assert "Zoe Ng" in page and "Qualified on their own word" in page
    assert "Robin" not in page
    listing = client.get(reverse("casework:list-index"), {"level": LEVEL}).content.decode()
    assert reverse("casework:list-detail", args=[made.public_id]) in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"expires_on": "2026-11-01"}, "Expires on: The expiry date must come after"),
        ({"established_on": "0001-01-01"}, "“Established on” must be between"),
        ({"established_on": "someday"}, "Established on: Enter a valid date."),
        ({"level": "nobody/9"}, "Level: Select a valid choice."),
    ],
)
def test_the_establish_form_names_the_field_at_fault(client, applicants, officer, data, message):
    client.force_login(officer)
    response = _form(client, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and message in html and 'aria-invalid="true"' in html
    assert not EligibleList.objects.exists()


def test_the_csv_keeps_ranks_apart_and_quotes_formulas(client, loaded_standards, officer):
    verified_profile(CASEY, officer=officer, applicant=applicant_named("=HYPERLINK(1)", "-7"))
    saved_profile(CASEY, applicant=applicant_named("Casey Lee", "C-1"))
    made = _establish(officer)
    client.force_login(officer)
    response = client.get(reverse("casework:list-csv", args=[made.public_id]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["rank"], r["standing"], r["name"], r["external_id"]) for r in rows] == [
        ("1", "verified qualified", "'=HYPERLINK(1)", "'-7"),
        ("", "qualified on own word", "Casey Lee", "C-1"),
    ]
    assert rows[0]["established_on"] == "2026-11-16" and rows[0]["expires_on"] == "2027-11-16"


def test_certifying_through_the_page(client, applicants, officer):
    made = _establish(officer)
    client.force_login(officer)
    url = reverse("casework:list-certify", args=[made.public_id])
    refused = client.post(url, follow=True).content.decode()
    assert "Another officer must certify" in refused
    client.force_login(officer_user())
    assert (
        "Certify this list"
        in client.get(reverse("casework:list-detail", args=[made.public_id])).content.decode()
    )
    client.post(url)
    made.refresh_from_db()
    assert made.certified_at is not None


def test_the_database_keeps_one_list_in_force_per_level(applicants, officer):
    from django.db import IntegrityError, transaction

    made = _establish(officer)
    twin = {"level": made.level, "level_title": made.level_title, "order": made.order}
    with pytest.raises(IntegrityError), transaction.atomic():
        EligibleList.objects.create(
            **twin,
            established_on=TODAY,
            expires_on=TODAY + DAY,
            established_by=officer,
            established_at=NOW,
        )
    assert EligibleList.objects.filter(superseded_at=None).get() == made
