"""The rule builder of one route: the rule composed from its parts, read back in plain
language beside the printed text, with the text/rule disagreements (issue 13)."""

from __future__ import annotations

import copy

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from classification.consistency import route_messages, route_words
from classification.editor import document as doc
from classification.editor.route_text import RouteTextForm
from classification.editor.rule_builder import (
    Vocabulary,
    bound_tree,
    read_back,
    rule_of,
    spec_of,
    tree_apply,
    tree_errors,
    tree_of,
    tree_valid,
)
from classification.views_editor import (
    EDIT,
    EDIT_MESSAGE,
    PAGE,
    _draft,
    _errors,
    _level,
    _lock,
    _page,
    _save,
)
from portal.access import permission_required


def _route(level: dict, number: int) -> dict:
    routes = (level.get("qualifications") or {}).get("routes") or []
    if not 1 <= number <= len(routes) or not isinstance(routes[number - 1], dict):
        raise Http404("No such route in this level")
    return routes[number - 1]


def _rule_state(request, draft, level, route):
    """The text form, the rule tree, and whether the tree changed shape (add, remove, move)."""
    vocabulary = Vocabulary.of(draft.document, except_level=str(level.get("id") or ""))
    if request.method != "POST":
        return (
            RouteTextForm(initial={"text": route.get("text")}),
            tree_of(spec_of(route.get("rule")), vocabulary),
            False,
        )
    text_form = RouteTextForm(request.POST)
    tree = bound_tree(request.POST, vocabulary)
    changed = tree_apply(tree, request.POST.get("op", ""), vocabulary)
    return text_form, changed or tree, changed is not None


def _reading(draft, text: str, tree, *, stored_rule=None) -> dict:
    """The rule read back and its disagreements with the printed text.

    The page as stored reads `stored_rule`; a page sent back reads the tree when it is valid.
    """
    if stored_rule is None and not tree_valid(tree):
        return {"read_back": "", "rule_problems": [], "incomplete": True, "warnings": []}
    rule = stored_rule if stored_rule is not None else rule_of(tree)
    words, problems = read_back(rule, draft.document)
    warnings = route_messages(text, rule)
    return {
        "read_back": words,
        "rule_problems": problems,
        "incomplete": False,
        "warnings": warnings,
        "rule": rule,
    }


def _text_of(text_form, route) -> str:
    if not text_form.is_bound:
        return str(route.get("text") or "")
    return text_form.cleaned_data["text"] if text_form.is_valid() else ""


@require_http_methods(PAGE)
@permission_required(EDIT, message=EDIT_MESSAGE)
def editor_rule(request, public_id, number: int, route_number: int):
    draft = _draft(public_id)
    level = _level(draft, number)
    route = _route(level, route_number)
    text_form, tree, changed = _rule_state(request, draft, level, route)
    stale, reading = "", {}
    if not changed:
        stored = route.get("rule") if request.method != "POST" else None
        reading = _reading(draft, _text_of(text_form, route), tree, stored_rule=stored or None)
    wants_save = request.method == "POST" and request.POST.get("op") == "save" and not changed
    if wants_save and text_form.is_valid() and not reading["incomplete"]:
        document = copy.deepcopy(draft.document)
        saved = _route(_level_in(document, number), route_number)
        saved.update(text=text_form.cleaned_data["text"].strip(), rule=reading["rule"])
        stale = _save(request, draft, document)
        if not stale:
            return redirect(request.path)
    errors = (
        []
        if changed
        else [
            *_errors([("", text_form)]),
            *[(a, f"{label}: {m}") for a, label, m in tree_errors(tree)],
        ]
    )
    problems = [
        p
        for p in doc.level_problems(doc.document_problems(draft.document), number - 1)
        if f"routes[{route_number - 1}]" in p
    ]
    context = {
        "text_form": text_form,
        "tree": tree,
        "level": level,
        "number": number,
        "route_number": route_number,
        "route_name": route_words(route.get("route") or ""),
        "level_title": doc.level_title(level),
        "section": "level",
        "current_level": number,
        **reading,
    }
    lock = _lock(request, draft) if request.method == "POST" else None
    return _page(
        request,
        draft,
        "classification/editor/rule.html",
        context,
        problems=problems,
        errors=errors,
        stale=stale,
        lock=lock,
    )


def _level_in(document: dict, number: int) -> dict:
    return document["levels"][number - 1]


@require_POST
@permission_required(EDIT, message=EDIT_MESSAGE)
def editor_read_back(request, public_id, number: int, route_number: int):
    """The read-back fragment for the rule as it stands on the page (nothing is saved)."""
    draft = _draft(public_id)
    level = _level(draft, number)
    _route(level, route_number)
    vocabulary = Vocabulary.of(draft.document, except_level=str(level.get("id") or ""))
    tree = bound_tree(request.POST, vocabulary)
    text_form = RouteTextForm(request.POST)
    reading = _reading(draft, text_form.cleaned_data["text"] if text_form.is_valid() else "", tree)
    return render(request, "classification/editor/partials/read_back.html", reading)
