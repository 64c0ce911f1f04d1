"""The self-check form and the screening-profile/1 document: both ways, and errors mapped back.

The engine is the one judge of a profile: the forms only parse what was typed (months, numbers),
build the document, and put each of the engine's problems (`experience[2].end: …`) next to the
field it names.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from screening.engine.dates import DATE_MAX, DATE_MIN
from screening.engine.validation import LIST_LIMITS
from screening.forms_selfcheck import (
    CHANGING_DUTIES,
    ENTRY_FORMS,
    MonthField,
    SelfCheckForm,
    entry_formset,
)
from screening.models import number_for_document
from screening.services.screening import ScreeningRefused, profile_validate

INITIAL_EXTRA = {"education": 1, "experience": 1, "civil_service": 0}
SESSION_KEY = "selfcheck_profile"


def _row_count(posted) -> int:
    """The posted number of rows; anything but a small whole number counts as none."""
    try:
        return max(int(posted or 0), 0)
    except ValueError:
        return 0


def forms_bind(
    data=None, *, document: dict | None = None, add: str = "", entry_ids: dict | None = None
):
    """The profile form and a formset per entry kind, bound to `data` or filled from a document
    (`entry_ids`: {kind: [saved entry id of each item]}, for a saved profile's edit page)."""
    if data is not None:
        data = data.copy()
        if add in ENTRY_FORMS:  # the no-script "Add another" button: one more empty row
            total = f"{add}-TOTAL_FORMS"
            data[total] = str(min(_row_count(data.get(total)) + 1, LIST_LIMITS[add]))
        profile_form = SelfCheckForm(data)
        formsets = {key: entry_formset(key)(data, prefix=key) for key in ENTRY_FORMS}
        return profile_form, formsets
    document = document or {}
    profile_form = SelfCheckForm(
        initial={
            "as_of": document.get("as_of"),
            "keyboarding_wpm": (document.get("assessments") or {}).get("keyboarding_wpm"),
        }
    )
    formsets = {}
    for key in ENTRY_FORMS:
        ids = (entry_ids or {}).get(key) or []
        initial = [
            {**_initial(key, item), **({"entry": ids[i]} if i < len(ids) else {})}
            for i, item in enumerate(document.get(key) or [])
        ]
        extra = 0 if initial else INITIAL_EXTRA[key]
        formsets[key] = entry_formset(key, extra=extra)(initial=initial or None, prefix=key)
    return profile_form, formsets


def _initial(key: str, item: dict) -> dict:
    initial = {name: value for name, value in item.items() if name != "verified"}
    if key == "experience":
        initial["unpaid"] = item.get("paid") is False
        initial.pop("paid", None)
    if key == "education":
        initial.setdefault("country", "US")
    return initial


def document_from_forms(profile_form, formsets) -> tuple[dict, dict]:
    """The document from what was typed well (forms may have errors: their bad fields are left
    out, for the engine to find every other problem), and {(key, document index): form index}.
    """
    document: dict = {"format": "screening-profile/1"}
    data = getattr(profile_form, "cleaned_data", {})
    if data.get("as_of"):
        document["as_of"] = data["as_of"].isoformat()
    places = {}
    for key, formset in formsets.items():
        items = []
        for index, form in enumerate(formset.forms):
            cleaned = getattr(form, "cleaned_data", None) or {}
            if not cleaned or cleaned.get("DELETE") or not form.has_changed():
                continue
            for item in _items(key, cleaned):
                places[(key, len(items))] = index
                items.append(item)
        if items:
            document[key] = items
    if data.get("keyboarding_wpm") is not None:
        document["assessments"] = {"keyboarding_wpm": data["keyboarding_wpm"]}
    return document, places


def _items(key: str, cleaned: dict) -> list[dict]:
    """The entries of one row: a job whose duties changed part-way is two entries (periods)."""
    item = _item(key, cleaned)
    since = cleaned.get("duties_from")
    if key != "experience" or not since or since <= item.get("start", since):
        return [item]
    before = {**item, "end": month_before(since)}
    before["duties"] = [d for d in item.get("duties", []) if d not in CHANGING_DUTIES]
    if not before["duties"]:
        del before["duties"]
    return [before, {**item, "start": since}]


def month_before(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def _item(key: str, cleaned: dict) -> dict:
    item = {
        name: value
        for name, value in cleaned.items()
        if name not in ("DELETE", "unpaid", "duties_from", "entry") and value not in (None, "", [])
    }
    for name in ("semester_hours", "quarter_hours", "hours_per_week"):
        if name in item:
            item[name] = number_for_document(item[name])
    if key == "experience":
        if cleaned.get("unpaid"):
            item["paid"] = False
        if not item.get("disciplines_scheduled"):
            item.pop("disciplines_scheduled", None)
    if key == "education" and item.get("country") == "US":
        item.pop("country")
    if key == "civil_service" and item.get("jurisdiction") == "competitive":
        item.pop("jurisdiction")
    return item


def selfcheck_check(
    profile_form, formsets, *, require_entries: bool = True
) -> tuple[dict | None, list[dict]]:
    """Check everything at once: the forms' own checks and the engine's on what was typed
    well. The document when all is right, else None and every problem for the summary.
    `require_entries`: a profile with no entry at all is refused (nothing to screen)."""
    valid = [profile_form.is_valid(), *(formset.is_valid() for formset in formsets.values())]
    document, places = document_from_forms(profile_form, formsets)
    leftover = []
    try:
        profile_validate(document=document)
    except ScreeningRefused as refused:
        leftover = errors_to_forms(refused.errors, profile_form, formsets, places)
    summary = error_summary(profile_form, formsets)
    summary += [{"id": "selfcheck-form", "message": message} for message in leftover]
    # No entry made it into the document, and no row says why: nothing was entered.
    rows_wrong = any(fs.non_form_errors() or _rows_with_errors(fs) for fs in formsets.values())
    if require_entries and not places and not rows_wrong:
        summary.insert(0, _nothing_entered(formsets))
    if summary or not all(valid):
        return None, summary
    return document, []


def _rows_with_errors(formset) -> list:
    return [f for f in formset.forms if f.errors and not _removed(formset, f)]


def _removed(formset, form) -> bool:
    """A row the person ticked "Remove" on (an unbound row never is)."""
    return formset.can_delete and bool(getattr(form, "cleaned_data", {}).get("DELETE"))


def _nothing_entered(formsets) -> dict:
    rows = formsets["education"].forms
    anchor = rows[0]["credential"].auto_id if rows else "education-section"
    message = gettext(
        "Add at least one school, job or civil service title: choose your highest "
        "credential under Education, or describe a job under Work experience."
    )
    return {"id": anchor, "message": message}


def errors_to_forms(errors: list[dict], profile_form, formsets, places: dict) -> list[str]:
    """Attach each engine problem to its field, in the person's words (a field that already
    has the form's own error is not told twice); the problems with no field are returned."""
    leftover = []
    for error in errors:
        path, message = error["path"], error["message"]
        head, _, rest = path.partition(".")
        if "[" in head:
            key, _, index = head.partition("[")
            form_index = places.get((key, int(index.rstrip("]") or 0)))
            if key in formsets and form_index is not None:
                form = formsets[key].forms[form_index]
                name = rest.split("[", 1)[0].split(".", 1)[0]
                _add_once(form, *people_words(form, name, message))
                continue
        name = {"as_of": "as_of", "assessments.keyboarding_wpm": "keyboarding_wpm"}.get(path)
        if name:
            _add_once(profile_form, *people_words(profile_form, name, message))
            continue
        leftover.append(gettext("Your answers: %(problem)s") % {"problem": f"{path} {message}"})
    return leftover


def _add_once(form, name, message) -> None:
    if name is not None and form.errors.get(name):
        return
    if message not in form.errors.get(name or NON_FIELD_ERRORS, []):
        form.add_error(name, message)


def people_words(form, name: str, message: str) -> tuple[str | None, str]:
    """The field an engine problem belongs to and the problem as the person reads it."""
    if name == "" and message.startswith("college_credit needs"):
        return "semester_hours", gettext(
            "enter the semester hours or the quarter hours of your college credit"
        )
    field = form.fields.get(name)
    if field is None:
        return None, gettext("check this entry: %(problem)s") % {"problem": message}
    label = {"field": field.label}
    for start, words in _ENGINE_WORDS:
        if message.startswith(start):
            return name, words(field, label)
    return name, gettext("check “%(field)s”: %(problem)s") % {**label, "problem": message}


def _window(field, words) -> str:
    first, last = DATE_MIN.isoformat(), DATE_MAX.isoformat()
    if isinstance(field, MonthField):
        first, last = first[:7], last[:7]
    return gettext("enter “%(field)s” between %(first)s and %(last)s") % {
        **words,
        "first": first,
        "last": last,
    }


_ENGINE_WORDS = (
    ("before start", lambda f, w: gettext("the end month is before the start month")),
    ("is required", lambda f, w: f.error_messages["required"]),
    ("must be between", _window),
    (
        "must be at most",
        lambda f, w: f.error_messages.get("max_value") or f.error_messages.get("max_length", ""),
    ),
    ("must be at least", lambda f, w: f.error_messages.get("min_value", "")),
    (
        "only college_credit carries hours",
        lambda f, w: (
            gettext(
                "credit hours go with college credit only: choose “College credit (no degree)” or "
                "clear “%(field)s”"
            )
            % w
        ),
    ),
    (
        "must be an assigned ISO 3166-1",
        lambda f, w: gettext("enter a country's two-letter code, e.g. US, CA or GB (not UK)"),
    ),
    (
        "must be a CIP code",
        lambda f, w: gettext("enter the CIP code as 2, 4 or 6 digits, e.g. 52, 52.02 or 52.0201"),
    ),
    (
        "must be a string of 4 to 7 digits",
        lambda f, w: gettext("enter the class code: 4 to 7 digits"),
    ),
)

ROW_NAMES = {
    "education": _("Education"),
    "experience": _("Job"),
    "civil_service": _("Civil service title"),
}
SECTION_NAMES = {
    "education": _("Education"),
    "experience": _("Work experience"),
    "civil_service": _("Civil service"),
}


def _where(where, problem) -> str:
    return gettext("%(where)s: %(problem)s") % {"where": where, "problem": problem}


def error_summary(profile_form, formsets) -> list[dict]:
    """Every problem with a link to its field, in page order, each naming its row
    ("Job 2: the end month is before the start month"), for the summary at the top."""
    summary = []
    for key, formset in formsets.items():
        for error in formset.non_form_errors():
            summary.append({"id": f"{key}-section", "message": _where(SECTION_NAMES[key], error)})
        for index, form in enumerate(formset.forms):
            if _removed(formset, form):
                continue  # a removed row's problems are no longer the person's
            row = f"{ROW_NAMES[key]} {index + 1}"
            for name, messages in form.errors.items():
                known = name in form.fields
                anchor = form[name].auto_id if known else f"{key}-{index}-row"
                summary.extend({"id": anchor, "message": _where(row, m)} for m in messages)
    short_names = getattr(profile_form, "short_names", {})
    for name, messages in profile_form.errors.items():
        field = profile_form[name] if name in profile_form.fields else None
        where = short_names.get(name, field.label) if field else None
        for message in messages:
            text = _where(where, message) if where else message
            summary.append({"id": field.auto_id if field else "selfcheck-form", "message": text})
    return summary


def file_problem_words(error: dict) -> str:
    """A problem of an uploaded profile, in the words the form's would be ("Job 2: the end
    month is before the start month"); what no field of the form shows keeps its path."""
    path, message = error["path"], error["message"]
    head, _, rest = path.partition(".")
    key, _, index = head.partition("[")
    if key in ENTRY_FORMS and index.rstrip("]").isdigit():
        form = ENTRY_FORMS[key]()
        name = rest.split("[", 1)[0].split(".", 1)[0]
        field, words = people_words(form, name, message)
        if field is not None or name == "":
            return _where(f"{ROW_NAMES[key]} {int(index.rstrip(']')) + 1}", words)
    name = {"as_of": "as_of", "assessments.keyboarding_wpm": "keyboarding_wpm"}.get(path)
    if name:
        form = SelfCheckForm()
        return _where(form.short_names[name], people_words(form, name, message)[1])
    return _where(path, message)


def entry_ids_of(formsets, places: dict) -> dict[str, list]:
    """{kind: [the saved entry each document item comes from, or None]}: a row split into
    periods keeps its entry for the first period only."""
    ids: dict[str, list] = {}
    seen = set()
    for (key, _index), form_index in sorted(places.items()):
        form = formsets[key].forms[form_index]
        entry = (getattr(form, "cleaned_data", None) or {}).get("entry")
        ids.setdefault(key, []).append(None if (key, entry) in seen else entry)
        seen.add((key, entry))
    return ids


def revision_posted(data) -> int:
    """The profile revision an edit page was rendered with (-1, never current, if unreadable)."""
    try:
        return int(data.get("revision", ""))
    except ValueError:
        return -1


def unsaved_forget_on_login(sender, request, user, **kwargs):
    """On a shared computer the next person to sign in must not inherit (and save) someone's
    unsaved self-check: it is kept only by a sign-in made to save it."""
    if request is None or SESSION_KEY not in request.session:
        return
    target = request.POST.get("next") or request.GET.get("next")
    if target != reverse("screening:selfcheck-save"):
        del request.session[SESSION_KEY]
