"""The one way tests build people and profiles: factories and a few named applicants."""

import copy
import datetime
import functools
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from portal.roles import APPLICANT, HR_ANALYST, PLACEMENT_OFFICER

NOW = datetime.datetime(2026, 11, 16, 14, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 16)
PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Hashed once per run: hashing is slow on purpose, and every user shares the password.
    password = factory.LazyFunction(lambda: _password_hash())

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=role)[0] for role in extracted])
        if create:
            self.save()


@functools.cache
def _password_hash() -> str:
    return make_password(PASSWORD)


def applicant_user(**kwargs):
    return UserFactory(roles=[APPLICANT], **kwargs)


def officer_user(**kwargs):
    return UserFactory(roles=[PLACEMENT_OFFICER], **kwargs)


def analyst_user(**kwargs):
    return UserFactory(roles=[HR_ANALYST], is_staff=True, **kwargs)


# Casey: a high school diploma and two years of customer service in a state call center.
# On their own word Casey qualifies for CCR 1 (open competitive, the diploma branch); with the
# diploma and the job verified, "verified qualified".
CASEY = {
    "format": "screening-profile/1",
    "as_of": "2026-10-01",
    "applicant": {"name": "Casey Lee", "email": "casey@example.org", "external_id": "C-1"},
    "education": [{"credential": "high_school_diploma", "completed": "2015-06"}],
    "experience": [
        {
            "title": "Customer Service Representative",
            "employer": "NYS Department of Motor Vehicles",
            "employer_type": "government",
            "government_level": "state",
            "occupation": "customer_service_representative",
            "start": "2023-01",
            "end": "2025-06",
            "hours_per_week": 37.5,
            "settings": ["call_center"],
            "duties": ["customer_service", "telephone_answering"],
        }
    ],
    "assessments": {"keyboarding_wpm": 30},
}

# Casey as an officer's CSV import has her: one row per entry (screening.importers.CSV_COLUMNS).
CASEY_CSV_ROWS = [
    {"applicant_id": "C-1", "name": "Casey Lee", "email": "casey@example.org",
     "as_of": "2026-10-01", "keyboarding_wpm": "30", "entry": "education",
     "credential": "high_school_diploma", "completed": "2015-06"},
    {"applicant_id": "C-1", "entry": "experience", "title": "Customer Service Representative",
     "employer": "NYS Department of Motor Vehicles", "employer_type": "government",
     "government_level": "state", "occupation": "customer_service_representative",
     "start": "2023-01", "end": "2025-06", "hours_per_week": "37.5",
     "settings": "call_center", "duties": "customer_service; telephone_answering"},
]  # fmt: skip

# Robin: a diploma and 20 months of retail customer service: CCR 1 not yet (20 of 24 months).
ROBIN = {
    "format": "screening-profile/1",
    "as_of": "2026-10-01",
    "applicant": {"name": "Robin Park", "external_id": "R-1"},
    "education": [{"credential": "high_school_diploma"}],
    "experience": [
        {
            "title": "Customer Service Clerk",
            "employer_type": "private",
            "start": "2025-01",
            "end": "2026-08",
            "duties": ["customer_service"],
        }
    ],
}


def document(base: dict, **changes) -> dict:
    """A deep copy of a named profile with top-level keys replaced."""
    copied = copy.deepcopy(base)
    copied.update(changes)
    return copied


def saved_profile(base: dict | None = None, *, user=None, now=NOW, **changes):
    from screening.services import profile_create

    return profile_create(
        document=document(base or CASEY, **changes), user=user, now=now, today=TODAY
    )


def saved_profiles(count: int, base: dict | None = None, *, prefix: str = "P", now=NOW):
    """`count` applicants saved at once (one bulk write), named "<prefix> 000"…, external ids
    "<prefix>-0"…; all received at `now`."""
    from screening.services import profiles_create

    documents = [
        document(
            base or CASEY,
            applicant={"name": f"{prefix} {number:03d}", "external_id": f"{prefix}-{number}"},
        )
        for number in range(count)
    ]
    return profiles_create(documents=documents, now=now, today=TODAY)


def verified_profile(base: dict | None = None, *, officer, user=None, now=NOW, **changes):
    """A saved profile whose every entry an officer verified (screening's own service)."""
    profile = saved_profile(base, user=user, now=now, **changes)
    return entries_verified(profile, officer=officer, now=now)


def entries_verified(profile, *, officer, now=NOW):
    """The profile with every entry verified by the officer (and so screened again)."""
    from screening.models import ENTRY_MODELS
    from screening.services import entry_decide

    for kind, model in ENTRY_MODELS.items():
        for entry in model.objects.filter(profile=profile):
            entry_decide(
                profile=profile,
                kind=kind,
                entry_id=entry.pk,
                lock_version=entry.lock_version,
                decision="verified",
                document_reference="DOC-1",
                note="",
                by=officer,
                now=now,
                today=TODAY,
            )
    profile.refresh_from_db()
    return profile


def applicant_named(name: str, external_id: str) -> dict:
    """The `applicant` part of a profile document, for several applicants of one shape."""
    return {"name": name, "external_id": external_id}


# --- Standards changed as an analyst's edit would change them ----------------------------


def _months_replaced(rule, old: int, new: int):
    if isinstance(rule, dict):
        return {
            key: (new if key == "months" and value == old else _months_replaced(value, old, new))
            for key, value in rule.items()
        }
    if isinstance(rule, list):
        return [_months_replaced(item, old, new) for item in rule]
    return rule


_YEAR_WORDS = {12: "one year", 24: "two years", 36: "three years", 48: "four years"}


def _years_replaced(text: str, old: int, new: int) -> str:
    """The printed text said in step with the rule ("two years" -> "three years")."""
    if old in _YEAR_WORDS and new in _YEAR_WORDS:
        return text.replace(f"AND {_YEAR_WORDS[old]}", f"AND {_YEAR_WORDS[new]}")
    return text


def standard_with_months(version, *, level: str, old: int, new: int) -> dict:
    """The version's document with one level's `months: old` made `months: new` in its rules
    (e.g. CCR 1's 24 months of customer service with a diploma made 36), and its printed
    qualification text changed to match, as an analyst would (text and rule in step)."""
    changed = copy.deepcopy(version.document)
    for item in changed["levels"]:
        if item["id"] == level:
            qualifications = item["qualifications"]
            qualifications["text"] = [
                _years_replaced(t, old, new) for t in qualifications.get("text") or []
            ]
            for route in qualifications["routes"]:
                route["rule"] = _months_replaced(route["rule"], old, new)
                route["text"] = _years_replaced(route.get("text") or "", old, new)
    return changed


def standard_store(version, document: dict, *, effective_date=None, at=None, by=None):
    """Store `document` as the series' next version through the analysts' write path."""
    from classification.services import standard_version_edit

    return standard_version_edit(
        series=version.series,
        document=document,
        effective_date=effective_date,
        change_note="test change",
        created_by=by,
        created_at=at or NOW,
    )


# --- Drafts of standards (the analysts' workflow) ----------------------------------------


def standard_draft(version=None, *, by=None, document=None, now=None):
    """An analyst's draft: a copy of `version` (or `document`, e.g. a new series)."""
    from classification.services_drafts import draft_create

    return draft_create(
        by=by or analyst_user(), from_version=version, document=document, now=now or NOW
    )


def draft_submitted(version, document: dict, *, by=None, effective_date=None, now=None):
    """A draft of `version` changed to `document`, sent for review by its author."""
    from classification.services_drafts import draft_document_save, draft_submit

    draft = standard_draft(version, by=by, now=now)
    draft = draft_document_save(
        draft=draft,
        document=document,
        lock_version=draft.lock_version,
        by=draft.author,
        now=now or NOW,
    )
    return draft_submit(
        draft=draft,
        by=draft.author,
        change_note="test change",
        effective_date=effective_date or TODAY,
        now=now or NOW,
    )


# --- Documents on file (casework) ----------------------------------------------------------


def png_bytes(size: tuple[int, int] = (40, 30), color=(30, 90, 160)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 200, 180)).save(out, format="JPEG")
    return out.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(data: bytes, name: str = "scan.pdf", content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def document_on_file(
    profile, *, entry=None, data: bytes | None = None, title="Records letter 2231", by=None, at=None
):
    """A document put on file through the one write path (first education entry by default)."""
    from casework.services.documents import document_upload

    entry = entry or profile.education.first()
    return document_upload(
        profile=profile,
        kind=entry.kind,
        entry_id=entry.pk,
        title=title,
        upload=upload(data if data is not None else png_bytes(), "scan.png", "image/png"),
        by=by or officer_user(),
        now=at or NOW,
    )


def letter_png(lines: list[str], size: tuple[int, int] = (640, 420)) -> bytes:
    """A scanned letter as a PNG: black text on white, for the viewer's pages and shots."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((40, 40 + number * 28), line, fill="black", font_size=20)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def new_series_document(
    *, series: str = "customer-service-representative", months=(6, 18, 30)
) -> dict:
    """A new series as the editor builds it from a blank form: one level per entry of `months`,
    each with one open-competitive route (a diploma and months of customer service)."""
    from classification.editor.document import blank_document, blank_level

    document = blank_document(series=series, title="Customer Service Representative")
    document["issuer"] = "Example County Department of Personnel"
    document["levels"] = []
    for order, needed in enumerate(months, start=1):
        text = (
            f"A high school diploma or equivalency and {needed} months of customer service "
            "experience."
        )
        rule = {
            "all": [
                {"education": {"credential": "high_school"}},
                {"experience": {"months": needed, "where": {"duty": "customer_service"}}},
            ]
        }
        level = blank_level(order)
        level.update(
            id=f"csr-{order}",
            title=f"Customer Service Representative {order}",
            grade=7 + 2 * order,
            duties=["Answers the public's questions by telephone and email."],
            qualifications={
                "heading": None,
                "text": [text],
                "routes": [{"route": "open_competitive", "text": text, "rule": rule}],
            },
        )
        document["levels"].append(level)
    return document
