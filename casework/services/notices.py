"""Issuing notices of results (the one write path of a `Notice`), and the audit of every time
one is opened."""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Notice
from casework.pdf import html_pdf
from screening.audit import ACCESS, CREATE, audit_record
from screening.models import Determination
from screening.presentation import results_by_series

VIEWED = "notice_viewed"


class NoticeRefused(ValueError):
    """The notice cannot be issued (the message says why, for the officer)."""


def notice_content(*, determination: Determination, review_by: datetime.date) -> dict:
    """What the notice says, as data: each level screened, qualified or not, and why."""
    profile = determination.profile
    return {
        "applicant": {"name": profile.display_name, "external_id": profile.external_id},
        "as_of": determination.as_of.isoformat(),
        "screened_at": determination.created_at.isoformat(),
        "levels": [
            {
                "level": level.level,
                "title": level.title,
                "series": group.title,
                "outcome": level.outcome,
                "verified": level.verified,
                "label": level.label(),
            }
            for group in results_by_series(determination.result)
            for level in group.levels
        ],
        "review": {
            "days": settings.NOTICE_REVIEW_DAYS,
            "by": review_by.isoformat(),
            "contact": settings.NOTICE_OFFICE_CONTACT,
        },
    }


def _reference(notice: Notice) -> str:
    return f"N-{notice.issued_at:%Y}-{notice.pk:06d}"


def notice_issue(
    *, determination: Determination, by, now: datetime.datetime | None = None
) -> Notice:
    """Issue a notice of the determination's results to its applicant: rendered once (page
    and PDF), stored as issued, audited. Only the applicant's current determination."""
    now = now or timezone.now()
    review_by = timezone.localdate(now) + datetime.timedelta(days=settings.NOTICE_REVIEW_DAYS)
    with transaction.atomic():
        profile = determination.profile
        if profile.current_determination_id != determination.pk:
            raise NoticeRefused(_("The applicant was screened again since: reload the page."))
        notice = Notice.objects.create(
            reference=str(determination.public_id),  # replaced below, once the number exists
            determination=determination,
            profile=profile,
            issued_by=by,
            issued_at=now,
            review_by=review_by,
            content=notice_content(determination=determination, review_by=review_by),
            body_html="",
            pdf=b"",
        )
        notice.reference = _reference(notice)
        notice.body_html = notice_body(notice=notice, determination=determination)
        notice.pdf = html_pdf(html=notice.body_html, title=notice.reference)
        notice.pdf_sha256 = hashlib.sha256(notice.pdf).hexdigest()
        notice.save(update_fields=["reference", "body_html", "pdf", "pdf_sha256"])
        audit_record(
            instance=notice,
            action=CREATE,
            actor=by,
            changes={"reference": [None, notice.reference]},
            at=now,
            profile_id=str(profile.public_id),
            what="notice_issued",
        )
    return notice


def notice_body(*, notice: Notice, determination: Determination) -> str:
    """The notice's text, through the results page's own presentation and partial."""
    context = {
        "notice": notice,
        "content": notice.content,
        "determination": determination,
        "series": results_by_series(determination.result),
    }
    return render_to_string("casework/notices/body.html", context)


def notice_opened(*, notice: Notice, by, download: bool = False, now=None) -> None:
    """Record that `by` opened the notice (its page, or its PDF): every time, before it is sent."""
    audit_record(
        instance=notice,
        action=ACCESS,
        actor=by,
        changes={},
        at=now or timezone.now(),
        profile_id=str(notice.profile.public_id),
        what=VIEWED,
        data={"reference": notice.reference, "download": download},
    )
