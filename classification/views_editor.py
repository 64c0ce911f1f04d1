"""The structured standard editor: a draft's document, one section per page (issue 13).

Thin views: the draft (analysts only), the section's forms, `draft_document_save` (the one
write path of a draft's content), an explicit template. Add, remove and move buttons re-show
the page with the change made; only "Save" stores, and a stale page is refused in words.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from classification import selectors
from classification.consistency import route_messages, route_words
from classification.editor import document as doc
from classification.editor.forms import (
    AttributeForm,
    DefinitionForm,
    LevelForm,
    LevelRowForm,
    NewSeriesForm,
    ParagraphForm,
    ParentheticForm,
    RouteForm,
    SeriesFactsForm,
    or_none,
)
from classification.editor.rows import Rows
from classification.models import StandardDraft
from classification.problem_words import problems_in_words
from classification.services_drafts import (
    DraftNotEditable,
    DraftStale,
    draft_create,
    draft_document_save,
)
from portal.access import permission_required

EDIT = "classification.change_standarddraft"
EDIT_MESSAGE = "Only HR analysts may edit drafts of standards."
PAGE = ["GET", "HEAD", "POST"]


def _draft(public_id) -> StandardDraft:
    return get_object_or_404(StandardDraft, public_id=public_id)


def _lock(request, draft) -> int:
    try:
        return int(request.POST.get("lock_version", ""))
    except ValueError:
        return -1


def _save(request, draft, document) -> str:
    """Store the document; "" when saved, else why not (in words)."""
    try:
        draft_document_save(
            draft=draft, document=document, lock_version=_lock(request, draft), by=request.user
        )
    except DraftStale as exc:
        return str(exc)
    except DraftNotEditable as exc:
        return _("This draft cannot be changed now (%(status)s).") % {"status": exc}
    messages.success(request, _("Saved in the draft."))
    return ""


def _errors(forms_with_names) -> list[tuple[str, str]]:
    """(anchor, message) of every field error of the forms, for the error summary."""
    found = []
    for name, form in forms_with_names:
        if not form.is_bound:
            continue
        for field, errors in form.errors.items():
            anchor = form[field].auto_id if field in form.fields else ""
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                found.append(
                    (anchor, f"{name}{': ' if name else ''}{label}: {error}" if label else error)
                )
    return found


def _row_forms(rows: dict[str, Rows]):
    for r in rows.values():
        for form, label in r.labelled:
            yield label, form


def _page(request, draft, template, context, *, problems, errors=(), stale="", lock=None):
    document = draft.document
    levels = [lv for lv in document.get("levels") or [] if isinstance(lv, dict)]
    context.update(
        draft=draft,
        nav_levels=[(i + 1, doc.level_title(lv)) for i, lv in enumerate(levels)],
        # Named from the document itself ("Level “…”, qualification route “…”: …").
        problems=[p.text for p in problems_in_words(problems, document)],
        errors=list(errors),
        stale=stale,
        lock_version=draft.lock_version if lock is None else lock,
    )
    return render(request, template, context)


# ---------------------------------------------------------------------------
# A new series.


@require_http_methods(PAGE)
@permission_required(EDIT, message=EDIT_MESSAGE)
def editor_new(request):
    newest = {v.series.slug: v for v in selectors.version_list_in_effect()}
    choices = [(slug, v.series.title) for slug, v in sorted(newest.items())]
    form = NewSeriesForm(
        request.POST or None,
        copy_choices=choices,
        slug_taken=lambda slug: selectors.series_slug_taken(series_slug=slug),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["start"] == "blank":
            draft = draft_create(
                by=request.user,
                document=doc.blank_document(series=data["series"], title=data["title"]),
            )
        else:
            source = newest[data["start"]].document
            document = doc.copied_document(source, series=data["series"], title=data["title"])
            draft = draft_create(by=request.user, document=document)
        messages.success(request, _("The draft of the new series is ready to edit."))
        return redirect("classification:editor-series", public_id=draft.public_id)
    errors = _errors([("", form)])
    return render(request, "classification/editor/new.html", {"form": form, "errors": errors})


# ---------------------------------------------------------------------------
# Series facts.


def _series_rows(document: dict, data) -> dict[str, Rows]:
    def paragraphs(name):
        return [{"text": t} for t in document.get(name) or []]

    parenthetics = [
        {**p, "narrative": "\n\n".join(p.get("narrative") or [])}
        for p in document.get("parenthetics") or []
    ]
    return {
        "narrative": Rows(
            "narrative",
            ParagraphForm,
            data=data,
            initial=paragraphs("narrative"),
            noun=_("Narrative paragraph"),
        ),
        "notes": Rows(
            "notes", ParagraphForm, data=data, initial=paragraphs("notes"), noun=_("Note")
        ),
        "definitions": Rows(
            "definitions",
            DefinitionForm,
            data=data,
            initial=document.get("definitions") or [],
            noun=_("Definition"),
        ),
        "parenthetics": Rows(
            "parenthetics", ParentheticForm, data=data, initial=parenthetics, noun=_("Parenthetic")
        ),
    }


def _series_document(document: dict, form, rows) -> dict:
    new = copy.deepcopy(document)
    form.apply_to(new)
    new["narrative"] = [r["text"].strip() for r in rows["narrative"].cleaned]
    new["notes"] = [r["text"].strip() for r in rows["notes"].cleaned]
    new["definitions"] = [
        {
            "key": r["key"],
            "marker": or_none(r["marker"]),
            "term": r["term"].strip(),
            "text": r["text"].strip(),
        }
        for r in rows["definitions"].cleaned
    ]
    new["parenthetics"] = [
        {
            "code": r["code"].strip(),
            "title": r["title"].strip(),
            "narrative": _paragraphs(r["narrative"]),
        }
        for r in rows["parenthetics"].cleaned
    ]
    return new


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


@require_http_methods(PAGE)
@permission_required(EDIT, message=EDIT_MESSAGE)
def editor_series(request, public_id):
    draft = _draft(public_id)
    data = request.POST if request.method == "POST" else None
    form = SeriesFactsForm(
        data,
        initial=SeriesFactsForm.initial_of(draft.document),
        slug_taken=lambda slug: selectors.series_slug_taken(series_slug=slug),
    )
    if draft.series_id is not None:  # a published series keeps its address
        form.fields["series"].disabled = True
        form.fields["series"].help_text = _("A published series keeps its short name.")
        form.slug_taken = lambda slug: False
    rows = _series_rows(draft.document, data)
    stale = ""
    if data is not None:
        op = data.get("op", "")
        changed = any(r.apply(op) for r in rows.values())
        if not changed and form.is_valid() & all([r.is_valid() for r in rows.values()]):
            stale = _save(request, draft, _series_document(draft.document, form, rows))
            if not stale:
                return redirect(request.path)
    problems = doc.series_problems(doc.document_problems(draft.document))
    errors = _errors([("", form), *_row_forms(rows)])
    context = {"form": form, "rows": rows, "section": "series"}
    lock = _lock(request, draft) if data is not None else None
    return _page(
        request,
        draft,
        "classification/editor/series.html",
        context,
        problems=problems,
        errors=errors,
        stale=stale,
        lock=lock,
    )


# ---------------------------------------------------------------------------
# The level list.


def _level_rows(document: dict, data) -> Rows:
    levels = [lv for lv in document.get("levels") or [] if isinstance(lv, dict)]
    initial = [
        {
            "key": i,
            "id": lv.get("id"),
            "title": lv.get("title"),
            "parenthetic": lv.get("parenthetic") or "",
        }
        for i, lv in enumerate(levels)
    ]
    codes = [p.get("code") for p in document.get("parenthetics") or [] if p.get("code")]
    return Rows(
        "levels",
        LevelRowForm,
        data=data,
        initial=initial,
        form_kwargs={"parenthetics": codes},
        noun=_("Level"),
    )


def _levels_document(document: dict, rows: Rows) -> dict:
    new = copy.deepcopy(document)
    old = [lv for lv in new.get("levels") or [] if isinstance(lv, dict)]
    levels, renamed = [], {}
    for order, row in enumerate(rows.cleaned, start=1):
        key = row["key"]
        level = old[key] if key is not None and key < len(old) else doc.blank_level(order)
        if level.get("id") and level["id"] != row["id"]:
            renamed[level["id"]] = row["id"]
        level.update(
            id=row["id"],
            title=row["title"].strip(),
            parenthetic=row["parenthetic"] or None,
            order=order,
        )
        levels.append(level)
    for level in levels:
        level["promotes_to"] = [renamed.get(t, t) for t in level.get("promotes_to") or []]
        for route in (level.get("qualifications") or {}).get("routes") or []:
            if renamed and isinstance(route, dict) and "rule" in route:
                route["rule"] = doc.rule_levels_renamed(
                    route["rule"], renamed, series=str(new.get("series") or "")
                )
    new["levels"] = levels
    return new


@require_http_methods(PAGE)
@permission_required(EDIT, message=EDIT_MESSAGE)
def editor_levels(request, public_id):
    draft = _draft(public_id)
    data = request.POST if request.method == "POST" else None
    rows = _level_rows(draft.document, data)
    stale = ""
    if data is not None and not rows.apply(data.get("op", "")) and rows.is_valid():
        stale = _save(request, draft, _levels_document(draft.document, rows))
        if not stale:
            return redirect(request.path)
    problems = doc.levels_problems(doc.document_problems(draft.document))
    context = {"rows": rows, "section": "levels"}
    lock = _lock(request, draft) if data is not None else None
    return _page(
        request,
        draft,
        "classification/editor/levels.html",
        context,
        problems=problems,
        errors=_errors(_row_forms({"l": rows})),
        stale=stale,
        lock=lock,
    )


# ---------------------------------------------------------------------------
# One level's content.


def _level(draft, number: int) -> dict:
    levels = draft.document.get("levels") or []
    if not 1 <= number <= len(levels) or not isinstance(levels[number - 1], dict):
        raise Http404("No such level in this draft")
    return levels[number - 1]


def _level_content_rows(level: dict, data) -> dict[str, Rows]:
    qualifications = level.get("qualifications") or {}

    def paragraphs(items):
        return [{"text": t} for t in items or []]

    routes = [
        {"key": i, "route": r.get("route"), "text": r.get("text")}
        for i, r in enumerate(qualifications.get("routes") or [])
    ]
    return {
        "distinguishing_characteristics": Rows(
            "characteristics",
            ParagraphForm,
            data=data,
            initial=paragraphs(level.get("distinguishing_characteristics")),
            noun=_("Distinguishing characteristic"),
        ),
        "duties": Rows(
            "duties",
            ParagraphForm,
            data=data,
            initial=paragraphs(level.get("duties")),
            noun=_("Duty"),
        ),
        "attributes": Rows(
            "attributes",
            AttributeForm,
            data=data,
            initial=level.get("attributes") or [],
            noun=_("Personal attribute"),
        ),
        "qualifications": Rows(
            "qualifications",
            ParagraphForm,
            data=data,
            initial=paragraphs(qualifications.get("text")),
            noun=_("Qualifications paragraph"),
        ),
        "routes": Rows("routes", RouteForm, data=data, initial=routes, noun=_("Route")),
    }


def _level_document(document: dict, index: int, form, rows) -> dict:
    new = copy.deepcopy(document)
    level = new["levels"][index]
    form.apply_to(level)
    level["distinguishing_characteristics"] = [
        r["text"].strip() for r in rows["distinguishing_characteristics"].cleaned
    ]
    level["duties"] = [r["text"].strip() for r in rows["duties"].cleaned]
    level["attributes"] = [
        {
            "text": r["text"].strip(),
            **({"keyboarding_wpm": r["keyboarding_wpm"]} if r["keyboarding_wpm"] else {}),
        }
        for r in rows["attributes"].cleaned
    ]
    qualifications = level.setdefault("qualifications", {})
    old_routes = qualifications.get("routes") or []
    qualifications["text"] = [r["text"].strip() for r in rows["qualifications"].cleaned]
    qualifications["routes"] = [
        {
            "route": r["route"],
            "text": r["text"].strip(),
            "rule": old_routes[r["key"]].get("rule", {})
            if r["key"] is not None and r["key"] < len(old_routes)
            else {"all": []},
        }
        for r in rows["routes"].cleaned
    ]
    return new


@require_http_methods(PAGE)
@permission_required(EDIT, message=EDIT_MESSAGE)
def editor_level(request, public_id, number: int):
    draft = _draft(public_id)
    level = _level(draft, number)
    data = request.POST if request.method == "POST" else None
    others = [
        (lv.get("id"), doc.level_title(lv))
        for lv in draft.document["levels"]
        if isinstance(lv, dict) and lv.get("id") and lv is not level
    ]
    form = LevelForm(data, initial=LevelForm.initial_of(level), other_levels=others)
    rows = _level_content_rows(level, data)
    stale = ""
    if data is not None:
        changed = any(r.apply(data.get("op", "")) for r in rows.values())
        if not changed and form.is_valid() & all([r.is_valid() for r in rows.values()]):
            stale = _save(request, draft, _level_document(draft.document, number - 1, form, rows))
            if not stale:
                return redirect(request.path)
    problems = doc.level_problems(doc.document_problems(draft.document), number - 1)
    routes = (level.get("qualifications") or {}).get("routes") or []
    warnings = [
        m
        for r in routes
        if isinstance(r, dict)
        for m in route_messages(r.get("text"), r.get("rule"))
    ]
    context = {
        "form": form,
        "rows": rows,
        "level": level,
        "number": number,
        "level_title": doc.level_title(level),
        "saved_routes": [
            (i + 1, route_words(r.get("route") or ""))
            for i, r in enumerate(routes)
            if isinstance(r, dict)
        ],
        "warnings": warnings,
        "section": "level",
        "current_level": number,
    }
    lock = _lock(request, draft) if data is not None else None
    errors = _errors([("", form), *_row_forms(rows)])
    return _page(
        request,
        draft,
        "classification/editor/level.html",
        context,
        problems=problems,
        errors=errors,
        stale=stale,
        lock=lock,
    )
