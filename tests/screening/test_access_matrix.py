"""Every page and endpoint for every role: who gets it, who must sign in, who is refused.

The matrix lists every named URL of the portal (a test checks none is missing), with the status
each role gets: anonymous visitors, the applicant who owns the profile in the URL, another
applicant, a placement officer and an HR analyst. "login" means a redirect to the sign-in page.
"""

import pytest
from django.urls import get_resolver, reverse

from screening.models import ReevaluationJob
from tests.factories import CASEY, analyst_user, applicant_user, officer_user, saved_profile

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

# url name -> (method, args (a callable of the world), data, expected status by role)
MATRIX = {
    "home": ("get", (), None, _same(200)),
    "login": ("get", (), None, _same(200)),
    "logout": ("post", (), {}, _same(302)),
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
def world(loaded_standards):
    from screening.services.imports import import_job_create

    owner = applicant_user()
    return {
        "users": {
            "anonymous": None,
            "owner": owner,
            "other_applicant": applicant_user(),
            "officer": officer_user(),
            "analyst": analyst_user(),
        },
        "profile": saved_profile(CASEY, user=owner),
        "import_job": import_job_create(text="applicant_id\n", kind="csv", by=officer_user()),
        # Loading the standards requested a re-evaluation job per series.
        "job": ReevaluationJob.objects.order_by("pk").first(),
    }


def _status(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "admin-login"
        if location.startswith(reverse("login")):
            return "login"
    return response.status_code


def matrix_url(world, name: str) -> str:
    """The URL of a named page, its arguments the world's objects (their public ids)."""
    args = [str(world[arg].public_id) if arg in world else arg for arg in MATRIX[name][1]]
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
