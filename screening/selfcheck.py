"""The self-check form and the screening-profile/1 document: both ways, and errors mapped back.

The engine is the one judge of a profile: the forms only parse what was typed (months, numbers),
build the document, and put each of the engine's problems (`experience[2].end: …`) next to the
field it names.
"""

from django.urls import reverse

from screening.engine.validation import LIST_LIMITS
from screening.forms import ENTRY_FORMS, SelfCheckForm, entry_formset
from screening.models import number_for_document

INITIAL_EXTRA = {"education": 1, "experience": 1, "civil_service": 0}
SESSION_KEY = "selfcheck_profile"


def _row_count(posted) -> int:
    """The posted number of rows; anything but a small whole number counts as none."""
    try:
        return max(int(posted or 0), 0)
    except ValueError:
        return 0


def forms_bind(data=None, *, document: dict | None = None, add: str = ""):
    """The profile form and a formset per entry kind, bound to `data` or filled from a document."""
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
        initial = [_initial(key, item) for item in document.get(key) or []]
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
    """The document from valid forms, and {(key, document index): form index}."""
    document: dict = {"format": "screening-profile/1"}
    data = profile_form.cleaned_data
    if data.get("as_of"):
        document["as_of"] = data["as_of"].isoformat()
    places = {}
    for key, formset in formsets.items():
        items = []
        for index, form in enumerate(formset.forms):
            cleaned = getattr(form, "cleaned_data", None) or {}
            if not cleaned or cleaned.get("DELETE") or not form.has_changed():
                continue
            places[(key, len(items))] = index
            items.append(_item(key, cleaned))
        if items:
            document[key] = items
    if data.get("keyboarding_wpm") is not None:
        document["assessments"] = {"keyboarding_wpm": data["keyboarding_wpm"]}
    return document, places


def _item(key: str, cleaned: dict) -> dict:
    item = {
        name: value
        for name, value in cleaned.items()
        if name not in ("DELETE", "unpaid") and value not in (None, "", [])
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


def errors_to_forms(errors: list[dict], profile_form, formsets, places: dict) -> list[str]:
    """Attach each engine problem to its field; the problems with no field are returned."""
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
                form.add_error(name if name in form.fields else None, message)
                continue
        name = {"as_of": "as_of", "assessments.keyboarding_wpm": "keyboarding_wpm"}.get(path)
        if name:
            profile_form.add_error(name, message)
            continue
        leftover.append(f"{path}: {message}")
    return leftover


ROW_NAMES = {"education": "Education", "experience": "Job", "civil_service": "Civil service title"}


def error_summary(profile_form, formsets) -> list[dict]:
    """Every problem with a link to its field, in page order, each naming its row and field
    ("Job 2, Started (month): Enter a month as YYYY-MM"), for the summary at the top."""
    summary = []
    for key, formset in formsets.items():
        for error in formset.non_form_errors():
            summary.append({"id": f"{key}-section", "message": error})
        for index, form in enumerate(formset.forms):
            row = f"{ROW_NAMES[key]} {index + 1}"
            for name, messages in form.errors.items():
                if name in form.fields:
                    anchor, where = form[name].auto_id, f"{row}, {form[name].label}"
                else:
                    anchor, where = f"{key}-{index}-row", row
                for message in messages:
                    summary.append({"id": anchor, "message": f"{where}: {message}"})
    for name, messages in profile_form.errors.items():
        field = profile_form[name] if name in profile_form.fields else None
        for message in messages:
            text = f"{field.label}: {message}" if field else message
            summary.append({"id": field.auto_id if field else "selfcheck-form", "message": text})
    return summary


def unsaved_forget_on_login(sender, request, user, **kwargs):
    """On a shared computer the next person to sign in must not inherit (and save) someone's
    unsaved self-check: it is kept only by a sign-in made to save it."""
    if request is None or SESSION_KEY not in request.session:
        return
    target = request.POST.get("next") or request.GET.get("next")
    if target != reverse("screening:selfcheck-save"):
        del request.session[SESSION_KEY]
