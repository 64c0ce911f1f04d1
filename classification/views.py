"""Browsing pages for class standards: thin views over selectors, explicit templates."""

from django.shortcuts import render

from classification import selectors


def home(request):
    versions = selectors.version_list_in_effect()
    return render(request, "classification/home.html", {"versions": versions})


def series_list(request):
    versions = selectors.version_list_in_effect()
    return render(request, "classification/series_list.html", {"versions": versions})


def series_detail(request, series_slug: str, number: int | None = None):
    version = selectors.version_get(series_slug=series_slug, number=number)
    context = {
        "version": version,
        "levels": version.levels.all(),
        "version_numbers": selectors.version_numbers(series_slug=series_slug),
        "pinned": number is not None,
    }
    return render(request, "classification/series_detail.html", context)


def level_detail(request, series_slug: str, level_slug: str, number: int | None = None):
    level = selectors.level_get(series_slug=series_slug, level_slug=level_slug, number=number)
    context = {"level": level, "version": level.version, "pinned": number is not None}
    return render(request, "classification/level_detail.html", context)
