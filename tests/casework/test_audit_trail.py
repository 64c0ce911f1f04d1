"""The readable audit trail: a sentence for every kind of record (never a code or a dict),
filters, keyset pages, the CSV export, and the officer's question answered on the page."""

import csv
import datetime
import io
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from casework import selectors_audit
from casework.selectors_audit import trail_page
from screening import audit, services
from screening.audit_words import KINDS, audit_sentences
from screening.job_words import day_words
from screening.models import ReevaluationJob
from screening.services import reevaluation
from tests.factories import (
    CASEY,
    NOW,
    applicant_user,
    document,
    document_on_file,
    officer_user,
    saved_profile,
    standard_store,
    standard_with_months,
)

pytestmark = pytest.mark.django_db
NYS = "nys-call-center-representative"
LATER = NOW + datetime.timedelta(hours=1)
CODE_OR_DICT = re.compile(r"[{}\[\]]|\b[a-z]+_[a-z_]+\b")


def _sentence(record) -> str:
    [line] = audit_sentences(
        [LogEntry.objects.select_related("actor", "content_type").get(pk=record.pk)]
    )
    return line["text"]


def _newest(what: str):
    return LogEntry.objects.filter(additional_data__what=what).latest("pk")


def _readable(text: str) -> str:
    assert not CODE_OR_DICT.search(text), f"a code or a dict in the trail: {text}"
    return text


@pytest.fixture
def casey(loaded_standards):
    return saved_profile(CASEY, user=applicant_user())


@pytest.fixture
def lee():
    return officer_user(username="lee", first_name="Lee", last_name="Park")


def _verify(profile, entry, *, by, reference="Records letter 2231", decision="verified", note=""):
    return services.entry_decide(
        profile=profile,
        kind=entry.kind,
        entry_id=entry.pk,
        lock_version=entry.lock_version,
        decision=decision,
        document_reference=reference,
        note=note,
        by=by,
        now=LATER,
    )


# --- A sentence for every kind --------------------------------------------------------------


def test_a_verification_names_the_officer_the_entry_and_the_document(casey, lee):
    _verify(casey, casey.education.get(), by=lee)
    record = LogEntry.objects.filter(additional_data__what="education entry verified").get()
    assert _sentence(record) == (
        "Officer Lee Park verified “High school diploma” with document “Records letter 2231”."
    )


def test_a_rejection_gives_the_reason(casey, lee):
    _verify(casey, casey.experience.get(), by=lee, decision="rejected", note="Dates do not match")
    record = LogEntry.objects.get(additional_data__what="experience entry rejected")
    text = _readable(_sentence(record))
    assert text.startswith("Officer Lee Park rejected “Customer Service Representative")
    assert text.endswith(": Dates do not match")


def test_a_determination_names_the_standards_by_their_version_date(casey, loaded_standards):
    record = LogEntry.objects.filter(additional_data__what__startswith="determination").get()
    text = _readable(_sentence(record))
    nys = loaded_standards[NYS]
    version = f"{nys.title} (version of {day_words(nys.effective_date)})"
    assert version in text
    assert "after the profile was saved" in text
    assert "Call Center Representative 1 now Qualified (was not screened)" in text
    assert "{" not in text


def test_saving_and_importing_a_profile_count_the_entries(casey, lee):
    saved = _readable(_sentence(_newest("profile saved")))
    assert saved.endswith("saved the profile with 2 entries (0 verified).")
    services.profiles_create(
        documents=[document(CASEY, applicant={"external_id": "C-9"})],
        by=lee,
        reason="imported",
        now=NOW,
    )
    imported = _sentence(_newest("profile imported"))
    assert imported == "Officer Lee Park imported the applicant with 2 entries (0 verified)."


def test_documents_put_on_file_and_viewed(casey, lee, documents_dir, client):
    document_on_file(casey, by=lee)
    assert _sentence(_newest("document_uploaded")) == (
        "Officer Lee Park put document “Records letter 2231” on file for “High school diploma”."
    )
    doc = document_on_file(casey, by=lee, title="Transcript")
    client.force_login(lee)
    client.get(reverse("casework:document-download", args=[doc.public_id]))
    assert _sentence(_newest("document_viewed")) == (
        "Officer Lee Park downloaded document “Transcript” (for “High school diploma”)."
    )


def test_case_assignments_and_status_changes(casey, lee):
    other = officer_user(username="kim")
    common = {"instance": casey, "action": audit.UPDATE, "at": NOW}
    common["profile_id"] = str(casey.public_id)
    audit.audit_record(
        **common, actor=lee, what="case_assigned", changes={"assigned_to": [None, other.pk]}
    )
    assert (
        _sentence(_newest("case_assigned")) == "Officer Lee Park assigned the case to Officer kim."
    )
    audit.audit_record(
        **common, actor=lee, what="case_assigned", changes={"assigned_to": ["kim", "lee"]}
    )
    assert _sentence(_newest("case_assigned")) == "Officer Lee Park moved the case from kim to lee."
    audit.audit_record(
        **common, actor=lee, what="case_status_changed", changes={"status": ["open", "in_review"]}
    )
    assert _sentence(_newest("case_status_changed")) == (
        "Officer Lee Park changed the case's status from “open” to “in review”."
    )


def test_notices_and_eligible_lists(casey, lee):
    common = {"instance": casey, "action": audit.CREATE, "at": NOW, "actor": lee}
    audit.audit_record(**common, what="notice_issued", changes={"kind": [None, "not_qualified"]})
    notice = _readable(_sentence(_newest("notice_issued")))
    assert notice == "Officer Lee Park issued a notice to the applicant (kind: nothing → Not yet)."
    audit.audit_record(**common, what="list_established", changes={"level": [None, f"{NYS}/1"]})
    assert _sentence(_newest("list_established")) == (
        "Officer Lee Park established an eligible list for Call Center Representative 1"
        " (level: nothing → nys-call-center-representative/1)."
    )


def test_a_due_date_a_certified_list_and_a_changed_decision_read_as_sentences(casey, lee):
    common = {"instance": casey, "action": audit.UPDATE, "at": NOW, "actor": lee}
    audit.audit_record(
        **common, what="case_due_date_changed", changes={"due_date": ["2026-12-06", "2026-12-20"]}
    )
    assert _sentence(_newest("case_due_date_changed")).startswith(
        "Officer Lee Park moved the case's due date from "
    )
    audit.audit_record(**common, what="list_certified", changes={"level": [None, f"{NYS}/1"]})
    assert _sentence(_newest("list_certified")).startswith(
        "Officer Lee Park certified the eligible list for Call Center Representative 1"
    )
    entry = casey.education.first()
    audit.audit_record(
        instance=entry,
        action=audit.UPDATE,
        actor=lee,
        at=NOW,
        profile_id=str(casey.public_id),
        what="education entry rejected",
        changes={
            "verification": ["verified", "rejected"],
            "verification_note": ["", "Not an accredited school"],
            "reason": ["", "The registrar withdrew the letter"],
        },
    )
    text = _sentence(_newest("education entry rejected"))
    assert "rejected" in text and "Not an accredited school" in text
    assert text.endswith("Reason for the change: The registrar withdrew the letter")


def test_an_unknown_kind_still_reads_as_a_sentence(casey, lee):
    audit.audit_record(
        instance=casey,
        action=audit.UPDATE,
        actor=lee,
        at=NOW,
        what="priority_flagged",
        changes={"priority_level": ["low", "very_high"], "extra": [None, {"a_b": 1}]},
    )
    text = _readable(_sentence(_newest("priority_flagged")))
    assert text.startswith("Officer Lee Park: applicant profile changed (")
    assert "priority level: low → very high" in text


def _job_run(job):
    for batch_id in reevaluation.job_start(job_id=job.pk, now=LATER):
        reevaluation.batch_run(batch_id=batch_id, now=LATER)


def test_a_standard_stored_a_job_cancelled_and_an_outcome_it_moved(casey, loaded_standards, lee):
    for job in ReevaluationJob.objects.filter(status=ReevaluationJob.Status.QUEUED):
        _job_run(job)
    nys = loaded_standards[NYS]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    stored = LogEntry.objects.filter(content_type__model="standardversion").latest("pk")
    assert _sentence(stored) == f"The portal stored “{nys.title} (version 2)”."
    job = ReevaluationJob.objects.filter(series=nys.series).latest("pk")
    _job_run(job)
    lines, _ = trail_page(filters={"action": "outcome_changed"})
    assert [line["text"] for line in lines] == [
        "No longer qualified for Call Center Representative 1 since version 2 was published on "
        f"{day_words(NOW.date())} (now: Not yet)."
    ]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=30))
    newer = ReevaluationJob.objects.filter(series=nys.series).latest("pk")
    reevaluation.job_cancel(job=newer, by=lee, now=LATER)
    cancelled = LogEntry.objects.filter(additional_data__what__startswith="re-evaluation").get()
    assert _sentence(cancelled) == (
        f"Officer Lee Park cancelled the re-evaluation against {nys.series.title}."
    )


def test_every_kind_has_a_name_in_the_filter():
    assert set(KINDS) >= {
        "entry_verified",
        "document_uploaded",
        "document_viewed",
        "document_removed",
        "determination",
        "outcome_changed",
        "case_assigned",
        "case_status_changed",
        "notice_issued",
        "list_established",
        "list_certified",
        "case_due_date_changed",
    }


# --- The page: filters, pages, the officer's question ----------------------------------------


def _page(client, **params):
    return client.get(reverse("casework:audit-trail"), params)


def test_who_verified_the_diploma_from_what_document_and_when(client, casey, lee, documents_dir):
    document_on_file(casey, by=lee)
    _verify(casey, casey.education.get(), by=lee)
    client.force_login(officer_user())
    html = _page(client, applicant="C-1", action="entry_verified").content.decode()
    assert (
        "Officer Lee Park verified “High school diploma” with document “Records letter 2231”."
        in html
    )
    assert timezone.localtime(LATER).isoformat() in html  # <time datetime=…>
    assert "Casey Lee" in html


def test_filters_by_applicant_officer_action_and_dates(client, casey, lee):
    robin = saved_profile(CASEY, applicant={"name": "Robin", "external_id": "R-1"})
    _verify(robin, robin.education.get(), by=lee)
    client.force_login(officer_user())
    by_applicant = _page(client, applicant=str(robin.public_id)).content.decode()
    assert "Robin" in by_applicant and "Casey Lee" not in by_applicant
    by_officer = _page(client, officer="lee").content.decode()
    assert by_officer.count("Officer Lee Park") == 2  # the verification and its screening
    by_action = _page(client, action="profile_saved").content.decode()
    assert "saved the profile" in by_action and "Officer Lee Park verified" not in by_action
    none = _page(client, date_from="2027-01-01").content.decode()
    assert "Nothing recorded matches these filters." in none
    day = LATER.date().isoformat()
    one_day = _page(client, date_from=day, date_to=day).content.decode()
    assert "Officer Lee Park verified" in one_day


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"date_from": "1850-01-01"}, "must be between 1900-01-01 and 2100-12-31"),
        ({"date_from": "2026-02-01", "date_to": "2026-01-01"}, "“To” must not be before “From”"),
        ({"applicant": "nobody"}, "No applicant has this id."),
        ({"officer": "ghost"}, "No user has this name."),
        ({"action": "drop_table"}, "Select a valid choice"),
    ],
)
def test_a_bad_filter_is_named_and_nothing_is_listed(client, casey, params, words):
    client.force_login(officer_user())
    response = _page(client, **params)
    html = response.content.decode()
    assert response.status_code == 400
    assert words in html
    assert 'class="error-summary"' in html
    assert "saved the profile" not in html


def test_pages_follow_each_other_without_gaps_or_repeats(client, loaded_standards):
    before = len(trail_page(filters={}, size=1000)[0])  # the standards' loading
    for number in range(7):
        saved_profile(CASEY, applicant={"name": f"P{number}", "external_id": f"P-{number}"})
    everything, cursor = trail_page(filters={}, size=1000)
    assert cursor is None
    seen, cursor = [], None
    while True:
        lines, cursor = trail_page(filters={}, cursor=cursor, size=4)
        seen += lines
        if cursor is None:
            break
    assert [line["text"] for line in seen] == [line["text"] for line in everything]
    assert len(seen) == before + 14  # each profile: its save and its determination
    client.force_login(officer_user())
    first = _page(client).content.decode()
    assert "Older records" not in first  # all fit on one page
    assert _page(client, after="garbage~x~y").status_code == 200  # a bad cursor: first page


def test_the_csv_has_the_same_filters_and_is_spreadsheet_safe(client, casey, lee):
    _verify(casey, casey.education.get(), by=lee, reference="=HYPERLINK(1)")
    client.force_login(officer_user())
    response = client.get(reverse("casework:audit-export"), {"action": "entry_verified"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["who"] == "Officer Lee Park"
    assert rows[0]["applicant_id"] == "C-1"
    assert rows[0]["action"] == "Entry verified"
    assert rows[0]["what"].startswith("Officer Lee Park verified")
    assert "“=HYPERLINK(1)”" in rows[0]["what"]
    rows_all = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get(reverse("casework:audit-export")).streaming_content).decode()
            )
        )
    )
    assert len(rows_all) > 2


def test_a_formula_at_the_start_of_a_cell_is_quoted(client, loaded_standards):
    saved_profile(CASEY, applicant={"name": "=cmd|' /C calc'!A0", "external_id": "@X"})
    client.force_login(officer_user())
    body = b"".join(client.get(reverse("casework:audit-export")).streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    rows = [row for row in rows if row["applicant"]]  # not the standards' records
    assert {row["applicant"] for row in rows} == {"'=cmd|' /C calc'!A0"}
    assert {row["applicant_id"] for row in rows} == {"'@X"}


def test_the_applicants_page_shows_sentences_not_codes(client, casey, lee):
    _verify(casey, casey.education.get(), by=lee)
    client.force_login(lee)
    html = client.get(reverse("screening:officer-applicant", args=[casey.public_id])).text
    trail = html.split('id="audit"', 1)[1]
    assert "not_qualified" not in trail and "qualified →" not in trail
    assert "{&#x27;" not in trail and "{'" not in trail
    assert "verified “High school diploma” with document “Records letter 2231”." in trail


def test_the_page_links_to_older_records(client, loaded_standards, monkeypatch):
    monkeypatch.setattr(selectors_audit, "PAGE_SIZE", 3)
    for number in range(2):
        saved_profile(CASEY, applicant={"name": f"P{number}", "external_id": f"P-{number}"})
    client.force_login(officer_user())
    first = _page(client, action="profile_saved")
    assert first.content.decode().count("saved the profile") == 2
    assert "Older records" not in first.content.decode()
    second_half = _page(client)
    html = second_half.content.decode()
    assert "Older records" in html
    link = re.search(r'href="\?([^"]*after=[^"]+)" rel="next"', html).group(1)
    older = client.get(reverse("casework:audit-trail") + "?" + link.replace("&amp;", "&"))
    assert older.status_code == 200
    assert "Newest records" in older.content.decode()


def test_a_page_costs_the_same_few_queries_however_many_people_acted(
    loaded_standards, django_assert_max_num_queries
):
    for number in range(8):
        profile = saved_profile(
            CASEY, applicant={"name": f"P{number}", "external_id": f"P-{number}"}
        )
        _verify(profile, profile.education.get(), by=officer_user())
    with django_assert_max_num_queries(12):
        lines, _ = trail_page(filters={}, size=50)
    assert len(lines) >= 32  # per applicant: saved, screened, verified, screened again
    assert all("{" not in line["text"] for line in lines)
