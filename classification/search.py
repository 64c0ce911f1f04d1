"""Search across every standard in force: titles, codes, grades, characteristics, duties,
qualifications (verbatim and in plain language), attributes, definitions and narratives.

One query per kind of passage (a fixed number, whatever the size of the standards). On
PostgreSQL: full-text search (english configuration, `websearch` syntax), ranked by
`SearchRank`, highlighted by `SearchHeadline`. Elsewhere (SQLite): every word must occur in
the passage (`icontains`, after a light stemming), ranked by a simple count, highlighted in
Python. Both return the same `SearchResults`; highlights are escaped HTML with `<mark>`.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, F, IntegerField, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from classification.models import (
    Definition,
    Duty,
    Level,
    PersonalAttribute,
    QualificationRoute,
    StandardVersion,
)

MAX_PER_KIND = 200
CONFIG = "english"
# Sentinels around highlighted words in PostgreSQL's headline (private-use characters, so the
# text can be escaped before they become <mark> tags).
MARK_START, MARK_STOP = "\ue000", "\ue001"
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "was",
        "were",
        "this",
        "that",
    ]
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # lazy: in the language of the page that shows it
    model: type
    level_path: str | None  # "" for Level itself, "level__" for its parts, None: version-wide
    version_path: str
    text: str | None = None  # a text field, or None: see `passage_expression`
    is_list: bool = False  # a JSON list of paragraphs
    weight: float = 1.0


KINDS = (
    Kind("heading", _("Title, code and grade"), Level, "", "version", weight=3.0),
    Kind(
        "characteristics",
        _("Distinguishing characteristics"),
        Level,
        "",
        "version",
        "distinguishing_characteristics",
        is_list=True,
    ),
    Kind("duty", _("Duty"), Duty, "level__", "level__version", "text"),
    Kind(
        "qualification",
        _("Minimum qualifications"),
        QualificationRoute,
        "level__",
        "level__version",
        "text",
        weight=1.5,
    ),
    Kind(
        "rule",
        _("Minimum qualifications (plain language)"),
        QualificationRoute,
        "level__",
        "level__version",
        "rule_plain",
    ),
    Kind(
        "attribute", _("Personal attribute"), PersonalAttribute, "level__", "level__version", "text"
    ),
    Kind("definition", _("Definition"), Definition, None, "version"),
    Kind("narrative", _("Series narrative"), StandardVersion, None, "", "narrative", is_list=True),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class Passage:
    kind: Kind
    highlighted: SafeString
    rank: float


@dataclass
class Hit:
    """The passages of one level (or of a standard, for definitions and narrative)."""

    series_slug: str
    series_title: str
    version_number: int
    level_slug: str | None
    level_title: str | None
    level_grade: int | None
    level_order: int
    passages: list[Passage] = field(default_factory=list)

    @property
    def rank(self) -> float:
        return sum(passage.rank for passage in self.passages)


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    engine: str  # "postgresql" or "simple"

    @property
    def level_count(self) -> int:
        return sum(1 for hit in self.hits if hit.level_slug)


def terms_of(query: str) -> list[str]:
    """The words of a query, lower-cased, stop words dropped, lightly stemmed."""
    words = [w.lower().removesuffix("'s") for w in re.findall(r"[\w']+", query)]
    return list(dict.fromkeys(stem(w) for w in words if w and w not in STOPWORDS))


def stem(word: str) -> str:
    for suffix, shortest in (("ing", 4), ("ed", 4), ("es", 4), ("s", 4), ("e", 5)):
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[: -len(suffix)]
    return word


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every word containing a term wrapped in <mark>."""
    if not terms:
        return escape(text)
    pattern = re.compile(
        r"\w*(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece is escaped above


def _headline_html(headline: str) -> SafeString:
    html = escape(headline).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # escaped before the marks are added


def _score(text: str, terms: list[str]) -> float:
    lowered = text.lower()
    return float(sum(lowered.count(term) for term in terms))


def passage_expression(kind: Kind):
    """The searched text of a kind, as an expression both databases understand."""
    if kind.key == "heading":
        return Concat(
            F("title"),
            Value(" · code "),
            Coalesce(F("code"), Value("not stated")),
            Value(" · grade "),
            Coalesce(Cast("grade", CharField()), Value("not stated")),
            output_field=TextField(),
        )
    if kind.key == "definition":
        return Concat(F("term"), Value(": "), F("text"), output_field=TextField())
    if kind.is_list:
        return Cast(kind.text, TextField())
    return F(kind.text)


def _rows(kind: Kind, *, at, series: str | None, grade: int | None):
    """A kind's passages in force (filtered by series and grade), and the columns every kind
    selects alike: the same names and order, so that one query can unite them."""
    vp = f"{kind.version_path}__" if kind.version_path else ""
    queryset = kind.model.objects.filter(
        **{f"{vp}pk__in": StandardVersion.objects.in_effect(at=at).values("pk")}
    )
    if series:
        queryset = queryset.filter(**{f"{vp}series__slug": series})
    if grade is not None:
        if kind.level_path is None:
            return None
        queryset = queryset.filter(**{f"{kind.level_path}grade": grade})
    lp = kind.level_path
    values = {
        "kind_key": Value(kind.key, output_field=CharField()),
        "series_slug": F(f"{vp}series__slug"),
        "series_title": F(f"{vp}title"),
        "version_number": F(f"{vp}number"),
        "level_slug": _or_null(lp, "slug", CharField()),
        "level_title": _or_null(lp, "title", CharField()),
        "level_grade": _or_null(lp, "grade", IntegerField()),
        "level_order": _or_null(lp, "order", IntegerField()),
    }
    return queryset.annotate(passage=passage_expression(kind)).order_by(), values


def _or_null(level_path: str | None, name: str, output_field):
    """A column of the level, or NULL for the passages of a whole standard."""
    if level_path is None:
        return Value(None, output_field=output_field)
    return F(f"{level_path}{name}")


def _postgresql_rows(kind: Kind, query: str, *, at, series, grade):
    prepared = _rows(kind, at=at, series=series, grade=grade)
    if prepared is None:
        return None
    queryset, values = prepared
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    queryset = queryset.annotate(
        search_vector=SearchVector("passage", config=CONFIG),
    ).filter(search_vector=search_query)
    values["rank"] = SearchRank(F("search_vector"), search_query)
    # Lists are highlighted paragraph by paragraph in Python, from their JSON text.
    values["passage_text"] = F("passage") if kind.is_list else Value("", TextField())
    values["headline"] = (
        Value("", output_field=TextField())
        if kind.is_list
        else SearchHeadline(
            "passage",
            search_query,
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            highlight_all=True,
        )
    )
    return queryset.values(**values)


def _postgresql_passage(kind: Kind, row: dict, terms) -> list[Passage]:
    rank = float(row["rank"] or 0) * kind.weight
    if kind.is_list:
        paragraphs = _matching_paragraphs(json.loads(row["passage_text"]), terms)
        return [Passage(kind, highlight(paragraph, terms), rank) for paragraph in paragraphs]
    return [Passage(kind, _headline_html(row["headline"]), rank)]


def _matching_paragraphs(paragraphs, terms: list[str]) -> list[str]:
    """The paragraphs of a list that contain a term (the first one when stemming differs)."""
    paragraphs = [p for p in paragraphs or [] if isinstance(p, str)]
    matching = [p for p in paragraphs if any(t in p.lower() for t in terms)]
    return matching or paragraphs[:1]


def _simple_rows(kind: Kind, *, at, series, grade, terms):
    prepared = _rows(kind, at=at, series=series, grade=grade)
    if prepared is None:
        return None
    queryset, values = prepared
    for term in terms:
        queryset = queryset.filter(passage__icontains=term)
    values["passage_text"] = F("passage")
    return queryset.values(**values)


def _simple_passages(kind: Kind, row: dict, terms) -> list[Passage]:
    if kind.is_list:
        texts = [
            p
            for p in _matching_paragraphs(json.loads(row["passage_text"]), terms)
            if all(t in p.lower() for t in terms)
        ]
    else:
        texts = [row["passage_text"]]
    return [
        Passage(kind, highlight(text, terms), _score(text, terms) * kind.weight) for text in texts
    ]


def _matches(query: str, *, at, series, grade, terms, engine) -> list[tuple[dict, Passage]]:
    """Every kind's matching passages, in one query (a UNION ALL of one SELECT per kind),
    at most MAX_PER_KIND of a kind, its best first."""
    if engine == "postgresql":
        selects = [
            _postgresql_rows(kind, query, at=at, series=series, grade=grade) for kind in KINDS
        ]
        to_passages = _postgresql_passage
    else:
        selects = [
            _simple_rows(kind, at=at, series=series, grade=grade, terms=terms) for kind in KINDS
        ]
        to_passages = _simple_passages
    selects = [select for select in selects if select is not None]
    rows = list(selects[0].union(*selects[1:], all=True)) if selects else []
    by_kind: dict[str, list[tuple[dict, Passage]]] = {}
    for row in rows:
        kind = KINDS_BY_KEY[row["kind_key"]]
        by_kind.setdefault(kind.key, []).extend(
            (row, passage) for passage in to_passages(kind, row, terms)
        )
    found = []
    for kind in KINDS:
        ranked = sorted(by_kind.get(kind.key, []), key=lambda pair: -pair[1].rank)
        found.extend(ranked[:MAX_PER_KIND])
    return found


def uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def standards_search(
    *,
    query: str,
    at: datetime.date | None = None,
    series: str | None = None,
    grade: int | None = None,
) -> SearchResults:
    """Passages of the standards in force on `at` that match `query`, grouped by level and
    ranked; optionally only one series and/or one grade."""
    query = (query or "").strip()
    terms = terms_of(query)
    engine = "postgresql" if uses_postgresql() else "simple"
    if not terms:
        return SearchResults(query=query, hits=[], engine=engine)
    hits: dict[tuple, Hit] = {}
    found = _matches(query, at=at, series=series, grade=grade, terms=terms, engine=engine)
    for row, passage in found:
        key = (row["series_slug"], row.get("level_slug"))
        hit = hits.get(key)
        if hit is None:
            hit = hits[key] = Hit(
                series_slug=row["series_slug"],
                series_title=row["series_title"],
                version_number=row["version_number"],
                level_slug=row.get("level_slug"),
                level_title=row.get("level_title"),
                level_grade=row.get("level_grade"),
                level_order=row.get("level_order") or 0,
            )
        hit.passages.append(passage)
    ordered = sorted(
        hits.values(), key=lambda h: (-h.rank, h.series_title, h.level_slug is None, h.level_order)
    )
    for hit in ordered:
        hit.passages.sort(key=lambda p: -p.rank)
    return SearchResults(query=query, hits=ordered, engine=engine)
