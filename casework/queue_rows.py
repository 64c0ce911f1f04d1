"""The queue's 25 table rows written in Python: the markup of the row template they replaced
(kept in tests/casework/reference/, and checked against it by a test), in a fraction of the
time the template engine takes over ~40 variables a row. The bulk form's officer field too:
its kept markup, the officers' options written into it (also checked against the template).

Everything that comes from the database is escaped here (`_escape`); the translated texts are
the template's literals, which the template did not escape either.
"""

import functools
import html
import uuid

from django.template.loader import get_template, render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from casework.forms_cases import BulkAssigneeForm
from casework.fragments import fragment_kept
from portal.process_kept import ProcessKept

# A public id no applicant has: reversed once a page, then replaced by each row's.
_PLACEHOLDER = str(uuid.UUID(int=0))


def _escape(value) -> str:
    """Django's `escape` (the same `html.escape` of the text) without its lazy-text wrapper
    and SafeString: ~130 calls a page, the rows' markup is marked safe once, whole."""
    return html.escape(str(value))


def queue_rows_html(rows, *, select_all: bool) -> SafeString:
    """The `<tr>`s of the queue's table body, one per case (as `{% for case in page.rows %}`)."""
    texts = _Texts()
    checked = " checked" if select_all else ""
    return mark_safe("".join(_row(case, texts, checked) for case in rows))


class _Texts:
    """The page's fixed texts and link pattern, translated once for all its rows."""

    def __init__(self):
        (
            self.applicant_url,
            self.review,
            self.verified,
            self.claimed,
            self.unassigned,
            self.overdue,
            self.choose,
        ) = _FIXED.get_or_make((get_language(), get_script_prefix(), get_urlconf()), _fixed)
        self.zone = timezone.get_current_timezone()
        # A page's 25 rows share a few ages, statuses, officers and outcomes: each written
        # once a page.
        self._days: dict[int, str] = {}
        self._statuses: dict[str, str] = {}
        self._officers: dict[int, str] = {}
        self._outcomes: dict[tuple, str] = {}

    def days(self, days: int) -> str:
        text = self._days.get(days)
        if text is None:
            text = ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
            self._days[days] = text
        return text

    def officer(self, assignee) -> str:
        if assignee is None:
            return self.unassigned
        text = self._officers.get(assignee.pk)
        if text is None:
            name = assignee.get_full_name() or assignee.get_username()
            text = self._officers[assignee.pk] = _escape(name)
        return text

    def status(self, case) -> str:
        text = self._statuses.get(case.status)
        if text is None:  # the label is lazy text: translated here, once
            text = self._statuses[case.status] = _escape(case.get_status_display())
        return text

    def outcome(self, outcome) -> str:
        key = (outcome["title"], outcome["outcome"], bool(outcome["verified"]))
        text = self._outcomes.get(key)
        if text is None:
            text = f"<li>{_escape(outcome['title'])}: {_standing(outcome, self)}</li>"
            self._outcomes[key] = text
        return text


# The link pattern (its id a placeholder) and texts above, by language, script prefix and
# URLconf: the same for every page of them, and reversing and translating them took a tenth
# of the rows' time. A bound far above the languages.
_FIXED = ProcessKept(limit=64)


def _fixed() -> tuple[str, ...]:
    return (
        reverse("screening:officer-applicant", args=[_PLACEHOLDER]),
        gettext("review"),
        gettext("verified"),
        gettext("claimed"),
        gettext("Unassigned"),
        gettext("Overdue"),
        gettext("Choose %(name)s"),
    )


def _row(case, texts: _Texts, checked: str) -> str:
    profile = case.profile
    public_id = str(profile.public_id)
    name = _escape(profile.display_name)
    url = texts.applicant_url.replace(_PLACEHOLDER, public_id)
    external = ""
    if profile.external_id and profile.name:
        external = f' <span class="muted">{_escape(profile.external_id)}</span>'
    received = case.received_at.astimezone(texts.zone).date().isoformat()  # as localtime
    row_class = ' class="overdue"' if case.overdue else ""
    overdue_badge = (
        f' <strong class="badge badge-overdue">{texts.overdue}</strong>' if case.overdue else ""
    )
    return (
        f"\n    <tr{row_class}>\n"
        f'      <td><input type="checkbox" name="case" value="{public_id}" id="case-{public_id}"'
        f'{checked}><label for="case-{public_id}" class="visually-hidden">'
        f"{texts.choose % {'name': name}}</label></td>\n"
        f'      <th scope="row"><a href="{url}">{name}</a>{external}</th>\n'
        f"      <td>{case.unverified:d}</td>\n"  # a count: no markup possible
        f"      <td>{_outcomes(case.outcomes, texts)}</td>\n"
        f'      <td>{received} <span class="muted">({texts.days(case.age_days)})</span></td>\n'
        f"      <td>{texts.status(case)}</td>\n"
        f"      <td>{texts.officer(case.assignee)}</td>\n"
        f"      <td>{case.due_date.isoformat()}{overdue_badge}</td>\n"
        f"    </tr>\n  "
    )


def _outcomes(outcomes, texts: _Texts) -> str:
    if not outcomes:
        return "—"
    items = "".join(map(texts.outcome, outcomes))
    return f'<ul class="outcome-list">{items}</ul>'


def _standing(outcome, texts: _Texts) -> str:
    if outcome["outcome"] == "review":
        return texts.review
    if outcome["verified"]:
        return f"<strong>{texts.verified}</strong>"
    return texts.claimed


# --- The bulk form's officer field ------------------------------------------------------------

FIELD_TEMPLATE = "screening/partials/field.html"


def assignee_field_html(officers) -> SafeString:
    """The bulk form's officer field as FIELD_TEMPLATE writes it: the field with its two fixed
    choices kept written out (casework/fragments.py; no name is in it), each officer's option
    written afresh into it (as `screening.forms._option` writes an option)."""
    shell = fragment_kept("bulk-assignee", _field_source(), (), _assignee_shell)
    head, end, tail = shell.rpartition("\n</select>")
    options = "".join(
        f'\n  <option value="{officer.pk}">'
        f"{_escape(officer.get_full_name() or officer.get_username())}</option>\n"
        for officer in officers
    )
    return mark_safe(f"{head}{options}{end}{tail}")


def _assignee_shell() -> str:
    return render_to_string(FIELD_TEMPLATE, {"field": BulkAssigneeForm()["assignee"]})


@functools.cache
def _field_source() -> str:
    """The field template's file (its digest keys the kept shell)."""
    return get_template(FIELD_TEMPLATE).origin.name


# --- What is left to check (the counts above the table) ---------------------------------------


def left_to_check_html(counts: dict) -> SafeString:
    """The counts' section as the template it replaced wrote it (kept in
    tests/casework/reference/left_to_check.html, and checked against it by a test): the
    counts are numbers, the texts the template's literals, which it did not escape either."""
    unverified, still_open = int(counts["unverified"]), int(counts["open"])
    entries = ngettext("entry left to check", "entries left to check", unverified)
    cases = ngettext("open case", "open cases", still_open)
    return mark_safe(
        '<section class="left-to-check" aria-labelledby="left-heading">\n'
        f'  <h2 id="left-heading" class="visually-hidden">{gettext("Left to check")}</h2>\n'
        '  <ul class="counts">\n'
        f"    <li><strong>{unverified:d}</strong> {entries}</li>\n"
        f"    <li><strong>{still_open:d}</strong> {cases}</li>\n"
        f'    <li><a href="?assigned=mine&amp;status=open"><strong>{int(counts["mine"]):d}'
        f"</strong> {gettext('open and mine')}</a></li>\n"
        f'    <li><a href="?assigned=unassigned&amp;status=open"><strong>'
        f"{int(counts['unassigned']):d}</strong> {gettext('open, unassigned')}</a></li>\n"
        f"    <li><strong>{int(counts['overdue']):d}</strong> {gettext('overdue')}</li>\n"
        "  </ul>\n"
        "</section>\n"
    )
