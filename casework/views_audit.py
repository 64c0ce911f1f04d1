"""The readable audit trail: every record as a sentence, filtered, paged, exportable as CSV."""

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework import selectors_audit
from casework.forms import AuditFilterForm
from casework.selectors_audit import Cursor, trail_all, trail_page
from portal.access import permission_required
from screening.exports import spreadsheet_safe

EXPORT_MAX_ROWS = 100_000
EXPORT_COLUMNS = ("when", "who", "applicant", "applicant_id", "action", "what")


@require_safe
@permission_required("casework.view_audit")
def audit_trail(request):
    form = AuditFilterForm(request.GET)
    lines, following = [], None
    if form.is_valid():
        cursor = Cursor.parse(request.GET.get("after"))
        size = selectors_audit.PAGE_SIZE
        lines, following = trail_page(filters=form.filters(), cursor=cursor, size=size)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "lines": lines,
        "next_token": following.token() if following else "",
        "query": query.urlencode(),
        "paged": "after" in request.GET,
    }
    return render(request, "casework/audit/trail.html", context, status=400 if form.errors else 200)


class _Echo:
    def write(self, value):
        return value


def _csv_rows(lines):
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    for line in lines:
        profile = line["profile"]
        cells = (
            line["at"].isoformat(),
            str(line["who"]),
            profile.display_name if profile else "",
            (profile.external_id or str(profile.public_id)) if profile else "",
            str(line["kind_words"]),
            str(line["text"]),
        )
        yield writer.writerow([spreadsheet_safe(cell) for cell in cells])


@require_safe
@permission_required("casework.view_audit")
def audit_export(request):
    """The trail as CSV, the page's filters applied, newest first, at most EXPORT_MAX_ROWS."""
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "lines": [], "next_token": "", "query": "", "paged": False}
        return render(request, "casework/audit/trail.html", context, status=400)
    lines = trail_all(filters=form.filters(), limit=EXPORT_MAX_ROWS)
    response = StreamingHttpResponse(_csv_rows(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
