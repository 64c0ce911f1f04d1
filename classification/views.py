"""Browsing pages and the analyst's desk: thin views over selectors and services, explicit
templates."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classification import selectors
from classification.compare import comparison_build
from classification.diff import document_diff
from classification.forms import (
    SearchForm,
    StandardEditForm,
    VersionPairForm,
    as_of_from,
    document_to_yaml,
)
from classification.ladder import ladder_build
from classification.search import standards_search
from classification.services import StandardUnchanged, standard_version_edit
from classification.standard_file import StandardFileError
from portal.access import permission_required


def home(request):
    versions = selectors.version_list_in_effect()
    return render(request, "classification/home.html", {"versions": versions})


def series_list(request):
    as_of_form, as_of, as_of_error = as_of_from(request.GET)
    versions = selectors.version_list_in_effect(at=as_of)
    context = {
        "versions": versions,
        "as_of_form": as_of_form,
        "as_of": as_of,
        "as_of_error": as_of_error,
    }
    return render(request, "classification/series_list.html", context)


def series_detail(request, series_slug: str, number: int | None = None):
    return _series_page(request, series_slug, number, "classification/series_detail.html")


def series_full_text(request, series_slug: str, number: int | None = None):
    """The whole standard on one page, every level in full: what an office prints."""
    return _series_page(
        request, series_slug, number, "classification/series_full_text.html", full_text=True
    )


def _series_page(request, series_slug, number, template, *, full_text=False):
    as_of_form, as_of, as_of_error = as_of_from(request.GET)
    try:
        version = selectors.version_get(
            series_slug=series_slug, number=number, at=as_of, full_text=full_text
        )
    except Http404:
        if as_of is None:
            raise
        context = {"series": selectors.series_get(series_slug=series_slug), "as_of": as_of}
        return render(request, "classification/not_in_force.html", context, status=404)
    context = {
        "version": version,
        "levels": version.levels.all(),
        "version_numbers": selectors.version_numbers(series_slug=series_slug),
        "pinned": number is not None,
        "as_of_form": as_of_form,
        "as_of": as_of,
        "as_of_error": as_of_error,
    }
    return render(request, template, context)


def level_detail(request, series_slug: str, level_slug: str, number: int | None = None):
    _form, as_of, _error = as_of_from(request.GET)
    level = selectors.level_get(
        series_slug=series_slug, level_slug=level_slug, number=number, at=as_of
    )
    context = {"level": level, "version": level.version, "pinned": number is not None}
    return render(request, "classification/level_detail.html", context)


def compare(request):
    requested = request.GET.getlist("level")
    _form, as_of, as_of_error = as_of_from(request.GET)
    comparison = comparison_build(
        requested=requested,
        fetch=lambda pairs: selectors.level_list_for_comparison(level_ids=pairs, at=as_of),
    )
    context = {
        "comparison": comparison,
        "chosen": {value.strip() for value in requested},
        "choices": selectors.level_choices_in_effect(at=as_of),
        "asked": bool(requested),
        "as_of": as_of,
        "as_of_error": as_of_error,
    }
    return render(request, "classification/compare.html", context)


def ladder(request, series_slug: str, number: int | None = None):
    version = selectors.version_get(series_slug=series_slug, number=number)
    context = {"version": version, "ladder": ladder_build(version), "pinned": number is not None}
    return render(request, "classification/ladder.html", context)


def search(request):
    versions = selectors.version_list_in_effect()
    form = SearchForm(
        request.GET or None,
        series_choices=[(v.series.slug, v.title) for v in versions],
        grade_choices=selectors.grades_in_effect(),
    )
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        results = standards_search(
            query=form.cleaned_data["q"],
            series=form.cleaned_data["series"] or None,
            grade=form.cleaned_data["grade"],
            at=form.cleaned_data["as_of"],
        )
    return render(request, "classification/search.html", {"form": form, "results": results})


def version_history(request, series_slug: str):
    versions = selectors.version_history(series_slug=series_slug)
    if not versions:
        raise Http404("No such standard")
    context = {
        "series": versions[0].series,
        "versions": versions,
        "in_force": selectors.version_number_in_effect(series_slug=series_slug),
    }
    return render(request, "classification/version_history.html", context)


def version_diff(request, series_slug: str):
    numbers = [number for number, _ in selectors.version_numbers(series_slug=series_slug)]
    if not numbers:
        raise Http404("No such standard")
    query = request.GET if "from" in request.GET or "to" in request.GET else _last_edit(numbers)
    form = VersionPairForm(query or None, numbers=numbers)
    context = {"form": form, "series_slug": series_slug, "sections": None}
    if len(numbers) > 1 and form.is_valid():
        pair = [form.cleaned_data["from"], form.cleaned_data["to"]]
        versions = selectors.version_documents(series_slug=series_slug, numbers=pair)
        old, new = versions[pair[0]], versions[pair[1]]
        context |= {"old": old, "new": new, "sections": document_diff(old.document, new.document)}
    context["series"] = selectors.series_get(series_slug=series_slug)
    return render(request, "classification/version_diff.html", context)


def _last_edit(numbers: list[int]) -> dict:
    """The default comparison: the newest version against the one before it."""
    return {"from": numbers[1], "to": numbers[0]} if len(numbers) > 1 else {}


@permission_required(
    "classification.change_standardversion", message=_("Only HR analysts may edit standards.")
)
def standard_edit(request, series_slug: str):
    base = selectors.version_newest(series_slug=series_slug)
    form = StandardEditForm(
        request.POST or None,
        series_slug=series_slug,
        initial={"document": document_to_yaml(base.document)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            standard_version_edit(
                series=base.series,
                document=form.cleaned_data["document"],
                effective_date=form.cleaned_data["effective_date"],
                change_note=form.cleaned_data["change_note"],
                created_by=request.user,
                created_at=timezone.now(),
            )
        except StandardFileError as exc:
            form.add_error("document", exc.problems)
        except StandardUnchanged as exc:
            form.add_error("document", str(exc))
        else:
            return redirect("classification:version-history", series_slug=series_slug)
    context = {"form": form, "base": base, "series": base.series}
    return render(request, "classification/standard_edit.html", context)


def version_export(request, series_slug: str, number: int):
    version = selectors.version_documents(series_slug=series_slug, numbers=[number]).get(number)
    if version is None:
        raise Http404("No such version")
    body = json.dumps(version.document, indent=2, ensure_ascii=False, sort_keys=False)
    response = HttpResponse(body + "\n", content_type="application/json; charset=utf-8")
    filename = f"{series_slug}-v{number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
