"""Writes to class standards: each write makes a new, complete version; nothing changes in place."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from classification.models import (
    Definition,
    Duty,
    Level,
    Parenthetic,
    PersonalAttribute,
    QualificationRoute,
    Series,
    StandardVersion,
)
from classification.signals import version_stored
from classification.standard_file import StandardFile, StandardFileError, parse_standard
from screening.engine import describe, parse_predicate, parse_requirement


@dataclass(frozen=True)
class LoadOutcome:
    version: StandardVersion
    created: bool


def series_load(
    *,
    standard: StandardFile,
    created_at: datetime.datetime,
    created_by=None,
    change_note: str = "",
) -> LoadOutcome:
    """Store `standard` as a new version unless the newest stored version has the same content."""
    with transaction.atomic():
        series, _ = Series.objects.select_for_update().get_or_create(
            slug=standard.series, defaults={"title": standard.title}
        )
        return _version_store_if_changed(
            series=series,
            standard=standard,
            created_at=created_at,
            created_by=created_by,
            change_note=change_note,
        )


def _version_store_if_changed(
    *,
    series: Series,
    standard: StandardFile,
    created_at: datetime.datetime,
    created_by,
    change_note: str,
) -> LoadOutcome:
    """The newest version if its content equals `standard`, else a new one (series row locked)."""
    newest = series.versions.order_by("-number").first()
    if newest is not None and newest.digest == standard.digest:
        return LoadOutcome(version=newest, created=False)
    version = standard_version_create(
        series=series,
        document=standard.to_document(),
        digest=standard.digest,
        created_at=created_at,
        created_by=created_by,
        change_note=change_note,
    )
    return LoadOutcome(version=version, created=True)


def standard_version_create(
    *,
    series: Series,
    document: dict,
    digest: str,
    created_at: datetime.datetime,
    created_by=None,
    change_note: str = "",
) -> StandardVersion:
    """Store one complete version of a series from its canonical document (a validated one)."""
    newest = series.versions.order_by("-number").values_list("number", flat=True).first()
    if series.title != document["title"]:
        series.title = document["title"]
        series.save(update_fields=["title"])
    version = StandardVersion.objects.create(
        series=series,
        number=(newest or 0) + 1,
        digest=digest,
        document=document,
        title=document["title"],
        issuer=document.get("issuer") or "",
        document_type=document.get("document_type") or "",
        occupational_code=document.get("occupational_code") or "",
        effective_date=_date_or_none(document.get("effective_date")),
        effective_date_as_printed=document.get("effective_date_as_printed") or "",
        promotional_line=document.get("promotional_line"),
        narrative=document.get("narrative") or [],
        notes=document.get("notes") or [],
        source_file=(document.get("source") or {}).get("file") or "",
        change_note=change_note,
        created_at=created_at,
        created_by=created_by,
    )
    Definition.objects.bulk_create(
        Definition(
            version=version,
            order=order,
            key=item["key"],
            marker=item.get("marker") or "",
            term=item["term"],
            text=item["text"],
        )
        for order, item in enumerate(document.get("definitions") or [], start=1)
    )
    parenthetics = {
        item["code"]: Parenthetic.objects.create(
            version=version,
            code=item["code"],
            title=item.get("title") or "",
            narrative=item.get("narrative") or [],
        )
        for item in document.get("parenthetics") or []
    }
    plain_rules = _plain_rules(document)
    levels = {
        item["id"]: _level_create(version, item, parenthetics, plain_rules)
        for item in document["levels"]
    }
    for item in document["levels"]:
        targets = [levels[slug] for slug in item.get("promotes_to") or []]
        if targets:
            levels[item["id"]].promotes_to.set(targets)
    # Announced inside the transaction: whoever acts on a new version (screening's bulk
    # re-evaluation) records its work with it, or neither is stored.
    version_stored.send(sender=StandardVersion, version=version)
    return version


def _level_create(version, item: dict, parenthetics: dict, plain_rules: dict) -> Level:
    qualifications = item.get("qualifications") or {}
    level = Level.objects.create(
        version=version,
        slug=item["id"],
        order=item["order"],
        label=item.get("label") or "",
        title=item["title"],
        parenthetic=parenthetics.get(item.get("parenthetic")),
        code=item.get("code"),
        code_as_printed=item.get("code_as_printed") or "",
        grade=item.get("grade"),
        probationary_period_months=item.get("probationary_period_months"),
        effective_date=_date_or_none(item.get("effective_date")),
        effective_date_as_printed=item.get("effective_date_as_printed") or "",
        occupational_area=item.get("occupational_area") or "",
        work_area=item.get("work_area") or "",
        supervision_received=item.get("supervision_received") or "",
        distinguishing_characteristics=item.get("distinguishing_characteristics") or [],
        duties_heading=item.get("duties_heading") or "",
        qualifications_heading=qualifications.get("heading") or "",
        qualifications_text=qualifications.get("text") or [],
        attributes_heading=item.get("attributes_heading") or "",
    )
    Duty.objects.bulk_create(
        Duty(level=level, order=order, text=text)
        for order, text in enumerate(item.get("duties") or [], start=1)
    )
    QualificationRoute.objects.bulk_create(
        QualificationRoute(
            level=level,
            order=order,
            route=route["route"],
            text=route["text"],
            rule=route["rule"],
            rule_plain=plain_rules.get((item["id"], route["route"]), ""),
        )
        for order, route in enumerate(qualifications.get("routes") or [], start=1)
    )
    PersonalAttribute.objects.bulk_create(
        PersonalAttribute(
            level=level,
            order=order,
            text=attribute["text"],
            keyboarding_wpm=attribute.get("keyboarding_wpm"),
        )
        for order, attribute in enumerate(item.get("attributes") or [], start=1)
    )
    return level


def _plain_rules(document: dict) -> dict[tuple[str, str], str]:
    """Each route's rule read back in plain language, for analysts, keyed by (level, route)."""
    predicates = {
        name: parse_predicate(body, path=f"predicates.{name}")
        for name, body in (document.get("predicates") or {}).items()
    }
    return {
        (level["id"], route["route"]): describe(
            parse_requirement(route["rule"], path="rule"), predicates=predicates
        )
        for level in document["levels"]
        for route in (level.get("qualifications") or {}).get("routes") or []
    }


def _date_or_none(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


class StandardUnchanged(ValueError):
    """An edit whose content equals the newest stored version: nothing to store."""


def standard_version_edit(
    *,
    series: Series,
    document: dict,
    effective_date: datetime.date | None,
    change_note: str,
    created_by,
    created_at: datetime.datetime,
) -> StandardVersion:
    """An analyst's edit of a standard: validate `document`, store it as the series' next version.

    `effective_date`, when given, is the date the new version comes into force (it replaces the
    document's `effective_date`). Raises StandardFileError (every problem, by path) for an
    invalid document or one of another series, StandardUnchanged when nothing changed.
    """
    document = dict(document)
    if effective_date is not None:
        document["effective_date"] = effective_date.isoformat()
    if document.get("series") != series.slug:
        raise StandardFileError(
            [f"series: must stay {series.slug!r} (the series being edited)"], source=""
        )
    standard = parse_standard(document, source="")
    with transaction.atomic():
        outcome = _version_store_if_changed(
            series=Series.objects.select_for_update().get(pk=series.pk),
            standard=standard,
            created_at=created_at,
            created_by=created_by,
            change_note=change_note,
        )
    if not outcome.created:
        raise StandardUnchanged("The edited standard is the same as the newest version.")
    return outcome.version
