"""Every page and endpoint for every role: who gets it, who must sign in, who is refused.

The matrix lists every named URL of the portal (a test checks none is missing), with the status
each role gets: anonymous visitors, the applicant who owns the profile in the URL, another
applicant, a placement officer and an HR analyst. "login" means a redirect to the sign-in page.
"""

import pytest
from django.urls import get_resolver, reverse

from screening.models import ReevaluationJob
from tests.factories import (
    CASEY,
    TODAY,
    analyst_user,
    applicant_user,
    document_on_file,
    draft_submitted,
    officer_user,
    pdf_bytes,
    saved_profile,
    standard_draft,
    standard_with_months,
)

ROLES = ("anonymous", "owner", "other_applicant", "officer", "analyst")
ALL = dict.fromkeys(ROLES)

S = "nys-call-center-representative"
L = "1"


def _same(status):
    return dict.fromkeys(ROLES, status)


def _only(allowed: dict, *, anonymous="login", default=403):
    statuses = dict.fromkeys(ROLES, default)
    statuses["anonymous"] = anonymous
    statuses.update(allowed)
    return statuses


APPLICANT_OWN = _only({"owner": 200, "other_applicant": 404})
OFFICER = _only({"officer": 200})
OFFICER_POST = _only({"officer": 302})
REPORTS = _only({"officer": 200, "analyst": 200})
# A document: its owner and officers; anyone else signed in is told it does not exist.
DOCUMENT = _only({"owner": 200, "officer": 200}, default=404)
NOTICE_READERS = _only({"owner": 200, "other_applicant": 404, "officer": 200})

# url name -> (method, args (a callable of the world), data, expected status by role)
MATRIX = {
    "home": ("get", (), None, _same(200)),
    "login": ("get", (), None, _same(200)),
    "logout": ("post", (), {}, _same(302)),
    "set-language": ("post", (), {"language": "es", "next": "/check/"}, _same(302)),
    "classification:series-list": ("get", (), None, _same(200)),
    "classification:compare": ("get", (), None, _same(200)),
    "classification:search": ("get", (), None, _same(200)),
    "classification:series-detail": ("get", (S,), None, _same(200)),
    "classification:series-version": ("get", (S, 1), None, _same(200)),
    "classification:full-text": ("get", (S,), None, _same(200)),
    "classification:full-text-version": ("get", (S, 1), None, _same(200)),
    "classification:ladder": ("get", (S,), None, _same(200)),
    "classification:ladder-version": ("get", (S, 1), None, _same(200)),
    "classification:version-history": ("get", (S,), None, _same(200)),
    "classification:version-diff": ("get", (S,), None, _same(200)),
    "classification:standard-edit": (
        "get",
        (S,),
        None,
        _only({"analyst": 200}),
    ),
    "classification:version-export": ("get", (S, 1), None, _same(200)),
    "classification:version-export-yaml": ("get", (S, 1), None, _same(200)),
    # Drafts: analysts only. The world's draft is another analyst's, waiting for review.
    "classification:draft-list": ("get", (), None, _only({"analyst": 200})),
    "classification:draft-import": ("get", (), None, _only({"analyst": 200})),
    "classification:draft-start": ("get", (S,), None, _only({"analyst": 200})),
    "classification:draft-detail": ("get", ("draft",), None, _only({"analyst": 200})),
    "classification:draft-yaml": ("get", ("draft",), None, _only({"analyst": 200})),
    "classification:draft-submit": ("get", ("draft",), None, _only({"analyst": 200})),
    "classification:draft-review": ("get", ("draft",), None, _only({"analyst": 200})),
    "classification:draft-approve": ("post", ("draft",), {}, _only({"analyst": 302})),
    "classification:draft-send-back": ("post", ("draft",), {}, _only({"analyst": 400})),
    "classification:draft-withdraw": ("post", ("draft",), {}, _only({"analyst": 302})),
    "classification:level-detail": ("get", (S, L), None, _same(200)),
    "classification:level-version": ("get", (S, 1, L), None, _same(200)),
    "screening:api-screenings": ("post_json", (), {"format": "screening-profile/1"}, _same(200)),
    "screening:api-schema": ("get", (), None, _same(200)),
    "screening:api-docs": ("get", (), None, _same(200)),
    "screening:selfcheck": ("get", (), None, _same(200)),
    "screening:selfcheck-upload": ("post", (), {}, _same(400)),
    "screening:selfcheck-results": ("get", (), None, _same(302)),
    "screening:selfcheck-download": ("get", (), None, _same(302)),
    "screening:selfcheck-save": ("get", (), None, _same(302)),
    "screening:my-profiles": ("get", (), None, _only({"owner": 200, "other_applicant": 200})),
    "screening:my-profile": ("get", ("profile",), None, APPLICANT_OWN),
    "screening:my-profile-download": ("get", ("profile",), None, APPLICANT_OWN),
    "casework:queue": ("get", (), None, OFFICER),
    "screening:my-profile-edit": ("get", ("profile",), None, APPLICANT_OWN),
    "screening:officer-applicant": ("get", ("profile",), None, OFFICER),
    # Casework: the queue of cases, bulk actions on it (an empty choice: 400), a case's controls.
    "casework:bulk": ("post", (), {}, _only({"officer": 400})),
    "casework:case-update": ("post", ("profile",), {}, _only({"officer": 400})),
    "screening:officer-decide": ("post", ("profile",), {}, _only({"officer": 400})),
    "screening:officer-rescreen": ("post", ("profile",), {}, OFFICER_POST),
    "screening:officer-import": ("get", (), None, OFFICER),
    "screening:officer-import-job": ("get", ("import_job",), None, OFFICER),
    "screening:officer-export": ("get", (), None, OFFICER),
    "screening:reports": ("get", (), None, _only({"officer": 200, "analyst": 200})),
    # Re-evaluation jobs: analysts and officers (names in the report: them only); analysts act.
    "screening:job-list": ("get", (), None, REPORTS),
    "screening:job-detail": ("get", ("job",), None, REPORTS),
    "screening:job-progress": ("get", ("job",), None, REPORTS),
    "screening:job-changes-csv": ("get", ("job",), None, REPORTS),
    "screening:job-for-version": ("get", (S, 1), None, _only({"officer": 302, "analyst": 302})),
    "screening:job-cancel": ("post", ("job",), {}, _only({"analyst": 302})),
    "screening:job-resume": ("post", ("job",), {}, _only({"analyst": 302})),
    "screening:job-preview": ("post", (S,), {}, _only({"analyst": 400})),
    "screening:job-preview-draft": ("post", ("draft",), {}, _only({"analyst": 302})),
    # The standard editor: analysts only.
    "classification:editor-new": ("get", (), None, _only({"analyst": 200})),
    "classification:editor-series": ("get", ("editable_draft",), None, _only({"analyst": 200})),
    "classification:editor-levels": ("get", ("editable_draft",), None, _only({"analyst": 200})),
    "classification:editor-level": ("get", ("editable_draft", 1), None, _only({"analyst": 200})),
    "classification:editor-rule": ("get", ("editable_draft", 1, 1), None, _only({"analyst": 200})),
    "classification:editor-read-back": (
        "post",
        ("editable_draft", 1, 1),
        {},
        _only({"analyst": 200}),
    ),
    # Documents on file: officers for anyone, applicants their own (another's: 404).
    "casework:officer-entry-documents": ("get", ("profile", "education", "entry"), None, OFFICER),
    "casework:my-entry-documents": ("get", ("profile", "education", "entry"), None, APPLICANT_OWN),
    "casework:officer-document": ("get", ("document",), None, OFFICER),
    "casework:officer-document-decide": ("post", ("document",), {}, _only({"officer": 400})),
    "casework:document-file": ("get", ("document",), None, DOCUMENT),
    # Removal: GET is the confirmation page (only a POST removes). Officers any document; an
    # applicant what they put on their own profile, anything else not even found.
    "casework:officer-document-remove": ("get", ("document",), None, OFFICER),
    "casework:my-document-remove": ("get", ("own_document",), None, APPLICANT_OWN),
    "casework:document-download": ("get", ("document",), None, DOCUMENT),
    # The whole audit trail: officers (casework.view_audit).
    "casework:audit-trail": ("get", (), None, OFFICER),
    "casework:audit-export": ("get", (), None, OFFICER),
    # Casework: notices of results (their applicant reads them too) and eligible lists.
    "casework:notice-issue": ("post", ("determination",), {}, OFFICER_POST),
    "casework:notice-detail": ("get", ("notice",), None, NOTICE_READERS),
    "casework:notice-pdf": ("get", ("notice",), None, NOTICE_READERS),
    "casework:list-index": ("get", (), None, OFFICER),
    "casework:list-establish": ("get", (), None, OFFICER),
    "casework:list-detail": ("get", ("eligible_list",), None, OFFICER),
    "casework:list-csv": ("get", ("eligible_list",), None, OFFICER),
    "casework:list-certify": ("post", ("eligible_list",), {}, OFFICER_POST),
    # The admin: analysts only (staff); everyone else is sent to the admin's sign-in.
    "admin:index": ("get", (), None, _only({"analyst": 200}, default="admin-login")),
}
MATRIX["admin:index"][3]["anonymous"] = "admin-login"


def _named_urls(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            names |= _named_urls(pattern, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_the_matrix_covers_every_named_url():
    missing = _named_urls() - set(MATRIX)
    assert not missing, f"add these URLs to the access matrix: {sorted(missing)}"


@pytest.fixture
def world(loaded_standards, documents_dir):
    from casework.services.lists import eligible_list_establish
    from casework.services.notices import notice_issue
    from screening.services.imports import import_job_create

    owner = applicant_user()
    profile = saved_profile(CASEY, user=owner)
    officer = officer_user()
    world = {
        "users": {
            "anonymous": None,
            "owner": owner,
            "other_applicant": applicant_user(),
            "officer": officer,
            "analyst": analyst_user(),
        },
        "profile": profile,
        "determination": profile.current_determination,
        "notice": notice_issue(determination=profile.current_determination, by=officer),
        "eligible_list": eligible_list_establish(
            level=f"{S}/{L}",
            level_title="Call Center Representative 1",
            established_on=TODAY,
            expires_on=TODAY.replace(year=TODAY.year + 1),
            order="application_date",
            by=officer_user(),
        ),
        "import_job": import_job_create(text="applicant_id\n", kind="csv", by=officer_user()),
        "draft": draft_submitted(
            loaded_standards[S],
            standard_with_months(loaded_standards[S], level="1", old=24, new=36),
        ),
        # Loading the standards requested a re-evaluation job per series.
        "job": ReevaluationJob.objects.order_by("pk").first(),
        "editable_draft": standard_draft(loaded_standards[S]),
    }
    world["entry"] = world["profile"].education.first().pk
    world["document"] = document_on_file(world["profile"], data=pdf_bytes())
    # What the applicant put on file themselves (the only documents they may remove).
    world["own_document"] = document_on_file(world["profile"], by=world["users"]["owner"])
    return world


def _status(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "admin-login"
        if location.startswith(reverse("login")):
            return "login"
    return response.status_code


def _arg(world, arg):
    value = world.get(arg, arg)
    return str(value.public_id) if hasattr(value, "public_id") else value


def matrix_url(world, name: str) -> str:
    """The URL of a named page, its arguments the world's objects (their public ids)."""
    args = [_arg(world, arg) for arg in MATRIX[name][1]]
    return reverse(name, args=args)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(client, world, name):
    method, _, data, expected = MATRIX[name]
    url = matrix_url(world, name)
    got = {}
    for role in ROLES:
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        if method == "post_json":
            response = client.post(url, data, content_type="application/json")
        else:
            response = getattr(client, method)(url, data or {})
        got[role] = _status(response)
    assert got == expected


@pytest.mark.parametrize(
    "name",
    [
        "screening:my-profile",
        "screening:officer-applicant",
        "casework:queue",
        "screening:job-detail",
        "screening:job-changes-csv",
        "casework:officer-document",
        "casework:officer-document-remove",
        "casework:document-file",
        "casework:audit-trail",
        "casework:notice-detail",
        "casework:list-detail",
    ],
)
def test_personal_pages_are_never_cached(client, world, name):
    users = world["users"]
    client.force_login(users["owner"] if name.startswith("screening:my") else users["officer"])
    response = client.get(matrix_url(world, name))
    assert "no-store" in response["Cache-Control"]


def test_the_audit_trail_is_read_only_in_the_admin(client, world):
    from auditlog.models import LogEntry
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="x" * 20)
    client.force_login(admin)
    record = LogEntry.objects.first()
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200
    assert client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    change = reverse("admin:auditlog_logentry_change", args=[record.pk])
    client.post(change, {"changes_text": "tampered"})
    record.refresh_from_db()
    assert record.changes_text != "tampered"
    delete = reverse("admin:auditlog_logentry_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=record.pk).exists()
