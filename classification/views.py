"""Browsing pages and the analyst's desk: thin views over selectors and services, explicit
templates."""

import json

from django.contrib import messages
from django.contrib.messages import get_messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

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
from classification.kept import A_DAY, FOREVER, kept
from classification.ladder import ladder_build
from classification.models import StandardVersion
from classification.search import standards_search
from classification.services_drafts import DraftRefused, draft_propose
from portal.access import permission_required


@require_safe
def home(request):
    versions = selectors.version_list_in_effect()
    return render(request, "classification/home.html", {"versions": versions})


@require_safe
def series_list(request):
    as_of_form, as_of, as_of_error = _as_of(request)
    versions = selectors.versions_in_force(selectors.versions_light(), at=as_of)

    def build():
        counts = selectors.level_counts(version_ids=[version.pk for version in versions])
        for version in versions:
            version.level_count = counts.get(version.pk, 0)
        context = {
            "versions": versions,
            "as_of_form": as_of_form,
            "as_of": as_of,
            "as_of_error": as_of_error,
        }
        html = render_to_string("classification/content/series_list.html", context, request)
        return {"content": html}

    inputs = (as_of, *[(v.series.slug, v.number, v.digest) for v in versions])
    return _page(request, "series_list", inputs, build, keep=not as_of_error, typed=bool(as_of))


def _page(request, page, inputs, build, *, context=None, keep=True, typed=False):
    """The page `classification/<page>.html` around its content, `build()`'s {"content": …,
    and whatever else the page's head needs}, kept for `inputs` (which must name everything
    the content depends on; `typed`: including something a visitor typed). A visitor who is
    not signed in and has no message waiting sees a page that is the same for all such
    visitors: the whole page is kept then."""
    context = context or {}
    timeout = A_DAY if typed else FOREVER
    template = f"classification/{page}.html"

    def page_context():
        content = kept(page, inputs, build, timeout=timeout) if keep else build()
        return context | content

    if not keep or request.user.is_authenticated or len(get_messages(request)):
        return render(request, template, page_context())
    html = kept(
        f"{page}-anonymous",
        inputs,
        lambda: render_to_string(template, page_context(), request),
        timeout=timeout,
    )
    return HttpResponse(html)


def _as_of(request):
    """`as_of_from` the query string; with no date asked for, the (unbound) form is built
    only if a page is rendered."""
    if "as_of" in request.GET:
        return as_of_from(request.GET)
    return SimpleLazyObject(lambda: as_of_from(request.GET)[0]), None, ""


def _version_chosen(series_slug, number, at):
    """A series' versions (light) and the one asked for: by number, else in force on `at`."""
    versions = selectors.versions_light(series_slug=series_slug)
    if not versions:
        raise Http404("No such standard")
    if number is None:
        return versions, selectors.version_in_force(versions, at=at)
    return versions, next((v for v in versions if v.number == number), None)


@require_safe
def series_detail(request, series_slug: str, number: int | None = None):
    return _series_page(request, series_slug, number, "series_detail")


@require_safe
def series_full_text(request, series_slug: str, number: int | None = None):
    """The whole standard on one page, every level in full: what an office prints."""
    return _series_page(request, series_slug, number, "series_full_text", full_text=True)


def _series_page(request, series_slug, number, page, *, full_text=False):
    as_of_form, as_of, as_of_error = _as_of(request)
    versions, version = _version_chosen(series_slug, number, as_of)
    if version is None:
        if as_of is None:
            raise Http404("No such standard or version")
        context = {"series": versions[0].series, "as_of": as_of}
        return render(request, "classification/not_in_force.html", context, status=404)
    pinned = number is not None
    version_numbers = [(v.number, v.effective_date) for v in versions]

    def build():
        full = selectors.version_get(
            series_slug=series_slug, number=version.number, full_text=full_text
        )
        context = {
            "version": full,
            "levels": full.levels.all(),
            "version_numbers": version_numbers,
            "pinned": pinned,
            "as_of_form": as_of_form,
            "as_of": as_of,
            "as_of_error": as_of_error,
        }
        html = render_to_string(f"classification/content/{page}.html", context, request)
        return {"content": html}

    can_edit = request.user.has_perm("classification.change_standardversion")
    inputs = (as_of, version.digest, version.number, pinned, version_numbers, can_edit)
    context = {"version": version, "pinned": pinned}
    return _page(
        request, page, inputs, build, context=context, keep=not as_of_error, typed=bool(as_of)
    )


@require_safe
def level_detail(request, series_slug: str, level_slug: str, number: int | None = None):
    _form, as_of, _error = _as_of(request)
    _versions, version = _version_chosen(series_slug, number, as_of)
    if version is None:
        raise Http404("No such level")
    pinned = number is not None

    def build():
        level = selectors.level_get(
            series_slug=series_slug, level_slug=level_slug, number=version.number
        )
        context = {"level": level, "version": level.version, "pinned": pinned}
        html = render_to_string("classification/content/level_detail.html", context, request)
        return {"content": html, "level": {"title": level.title}}

    inputs = (version.digest, version.number, level_slug, pinned)
    context = {"version": version, "pinned": pinned}
    return _page(request, "level_detail", inputs, build, context=context)


def _every_version(versions) -> tuple:
    """What decides which versions are in force on any date: today and every stored version.
    A page keyed by it is rebuilt when a version is stored."""
    return (
        timezone.localdate(),
        *[(v.series.slug, v.number, v.digest, v.effective_date) for v in versions],
    )


@require_safe
def compare(request):
    requested = request.GET.getlist("level")
    _form, as_of, as_of_error = _as_of(request)

    def build():
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
        html = render_to_string("classification/content/compare.html", context, request)
        return {"content": html, "comparison": {"errors": comparison.errors}}

    inputs = (request.get_full_path(), *_every_version(selectors.versions_light()))
    context = {"asked": bool(requested), "as_of_error": as_of_error}
    return _page(request, "compare", inputs, build, context=context, typed=True)


@require_safe
def ladder(request, series_slug: str, number: int | None = None):
    _versions, version = _version_chosen(series_slug, number, None)
    if version is None:
        raise Http404("No such standard or version")
    pinned = number is not None

    def build():
        full = selectors.version_get(series_slug=series_slug, number=version.number)
        context = {"version": full, "ladder": ladder_build(full), "pinned": pinned}
        html = render_to_string("classification/content/ladder.html", context, request)
        return {"content": html}

    inputs = (version.digest, version.number, pinned)
    context = {"version": version, "pinned": pinned}
    return _page(request, "ladder", inputs, build, context=context)


@require_safe
def search(request):
    versions = selectors.versions_light()

    def build():
        in_force = selectors.versions_in_force(versions)
        form = SearchForm(
            request.GET or None,
            series_choices=[(v.series.slug, v.title) for v in in_force],
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
        context = {"form": form, "results": results}
        html = render_to_string("classification/content/search.html", context, request)
        head = {"errors": bool(form.errors)}
        return {"content": html, "form": head, "results": results and {"query": results.query}}

    inputs = (tuple(sorted(request.GET.lists())), *_every_version(versions))
    return _page(request, "search", inputs, build, typed=bool(request.GET))


@require_safe
def version_history(request, series_slug: str):
    versions = selectors.versions_light(series_slug=series_slug)
    if not versions:
        raise Http404("No such standard")
    in_force = selectors.version_in_force(versions)
    context = {
        "series": versions[0].series,
        "versions": versions,
        "in_force": in_force and in_force.number,
    }

    def build():
        html = render_to_string("classification/content/version_history.html", context, request)
        return {"content": html}

    inputs = (
        context["in_force"],
        request.user.has_perm("classification.change_standardversion"),
        *map(_listed, versions),
    )
    return _page(request, "version_history", inputs, build, context=context)


def _listed(version) -> tuple:
    """Everything the list of versions shows of a version."""
    username = version.created_by and version.created_by.username
    return (
        version.number,
        version.digest,
        version.effective_date,
        version.created_at,
        username,
        version.change_note,
    )


@require_safe
def version_diff(request, series_slug: str):
    versions = selectors.versions_light(series_slug=series_slug)
    if not versions:
        raise Http404("No such standard")
    numbers = [version.number for version in versions]
    query = request.GET if "from" in request.GET or "to" in request.GET else _last_edit(numbers)
    series = versions[0].series

    def build():
        form = VersionPairForm(query or None, numbers=numbers)
        context = {"form": form, "series_slug": series_slug, "sections": None, "series": series}
        if len(numbers) > 1 and form.is_valid():
            by_number = {version.number: version for version in versions}
            old, new = by_number[form.cleaned_data["from"]], by_number[form.cleaned_data["to"]]
            context |= {"old": old, "new": new, "sections": _sections(series_slug, old, new)}
        html = render_to_string("classification/content/version_diff.html", context, request)
        return {"content": html}

    asked = (query.get("from"), query.get("to"))  # all the form reads
    inputs = (asked, *map(_listed, versions))
    context = {"series": series}
    return _page(request, "version_diff", inputs, build, context=context, typed=True)


def _sections(series_slug, old, new):
    """The differences between two versions, kept by their digests: their documents are
    loaded only the first time."""

    def build():
        pair = [old.number, new.number]
        documents = selectors.version_documents(series_slug=series_slug, numbers=pair)
        return document_diff(documents[old.number].document, documents[new.number].document)

    return kept("diff", (old.digest, new.digest), build)


def _last_edit(numbers: list[int]) -> dict:
    """The default comparison: the newest version against the one before it."""
    return {"from": numbers[1], "to": numbers[0]} if len(numbers) > 1 else {}


@require_http_methods(["GET", "HEAD", "POST"])
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
            draft = draft_propose(
                base=StandardVersion.objects.get(pk=base.pk),
                document=form.cleaned_data["document"],
                effective_date=form.cleaned_data["effective_date"],
                change_note=form.cleaned_data["change_note"],
                by=request.user,
            )
        except DraftRefused as refused:
            form.add_error("document", [str(refused), *refused.problems, *_said(refused.warnings)])
        else:
            messages.success(request, _("Saved as a draft and sent for review: another analyst "
                                        "approves it before it is published."))  # fmt: skip
            return redirect("classification:draft-detail", public_id=draft.public_id)
    context = {"form": form, "base": base, "series": base.series}
    return render(request, "classification/standard_edit.html", context)


def _said(warnings) -> list[str]:
    return [f"Level “{w.level}”, {w.route or '—'}: {w.message}" for w in warnings]


def version_published_message(version) -> str:
    """Stored, and the re-evaluation it started (screening's job page, by URL name only)."""
    try:
        job_url = reverse("screening:job-for-version", args=[version.series.slug, version.number])
    except NoReverseMatch:  # a portal without screening: nothing is re-evaluated
        return _("Version %(number)d is stored.") % {"number": version.number}
    return format_html(
        _("Version {number} is stored. A re-evaluation of the applicants it may move has "
          'started: <a href="{url}">follow its progress</a>.'),
        number=version.number,
        url=job_url,
    )  # fmt: skip


@require_safe
def version_export(request, series_slug: str, number: int):
    version = selectors.version_documents(series_slug=series_slug, numbers=[number]).get(number)
    if version is None:
        raise Http404("No such version")
    body = json.dumps(version.document, indent=2, ensure_ascii=False, sort_keys=False)
    response = HttpResponse(body + "\n", content_type="application/json; charset=utf-8")
    filename = f"{series_slug}-v{number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
