"""The career ladder of a series: levels as boxes, promotion routes as arrows, laid out for SVG.

Links between levels come from the standard itself:
- `promotes_to` (the promotion line the source prints),
- a `service:` rule naming another level's class code and parenthetic ("one year of permanent
  competitive service as a Call Center Representative 1"): promotion from that level,
- a `level: <id>` rule ("Possession of … Level II requirements"): the level builds on that one.

Tracks: the plain titles form one column, each parenthetic (HESC) its own; within a track the
levels rise in the standard's order. Pure Python over a prefetched version: no queries.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from classification.templatetags.standards import route_words

BOX_WIDTH = 250
BOX_HEIGHT = 84
COLUMN_GAP = 90
ROW_GAP = 56
MARGIN = 24
TRACK_HEADER = 34
LINE_HEIGHT = 17
TITLE_WRAP = 31

PROMOTION = "promotion"
BUILDS_ON = "builds_on"
EDGE_LABELS = {
    PROMOTION: gettext_lazy("promotion"),
    BUILDS_ON: gettext_lazy("requires its qualifications"),
}


@dataclass
class Node:
    level: object
    track: int
    row: int
    x: int = 0
    y: int = 0
    title_lines: list[str] = field(default_factory=list)
    facts: str = ""

    @property
    def center_x(self) -> int:
        return self.x + BOX_WIDTH // 2

    @property
    def text_lines(self) -> list[tuple[int, str, bool]]:
        """(y, text, is_title) of each line inside the box."""
        lines = [(t, True) for t in self.title_lines] + [(self.facts, False)]
        top = self.y + (BOX_HEIGHT - LINE_HEIGHT * len(lines)) // 2 + LINE_HEIGHT - 4
        return [(top + i * LINE_HEIGHT, text, bold) for i, (text, bold) in enumerate(lines)]


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    kind: str
    via: str  # how the standard states it, for the text equivalent

    @property
    def label(self) -> str:
        return EDGE_LABELS[self.kind]

    @property
    def path(self) -> str:
        """From the top of the lower box to the bottom of the higher one."""
        sx, sy = self.source.center_x, self.source.y
        tx, ty = self.target.center_x, self.target.y + BOX_HEIGHT
        if sx == tx:
            return f"M{sx},{sy} L{tx},{ty + 6}"
        mid = (sy + ty) // 2
        return f"M{sx},{sy} C{sx},{mid} {tx},{mid} {tx},{ty + 6}"


@dataclass
class Ladder:
    title: str
    nodes: list[Node]
    edges: list[Edge]
    tracks: list[tuple[str, int]]  # (label, x of its center)
    width: int
    height: int
    external: list[tuple[object, str]] = field(default_factory=list)  # (level, other level id)

    @property
    def description(self) -> str:
        parts = [
            gettext("%(levels)s levels in %(tracks)s track(s).")
            % {"levels": len(self.nodes), "tracks": len(self.tracks)}
        ]
        for edge in self.edges:
            parts.append(
                gettext("%(source)s leads to %(target)s (%(label)s).")
                % {
                    "source": edge.source.level.title,
                    "target": edge.target.level.title,
                    "label": edge.label,
                }
            )
        if not self.edges:
            parts.append(gettext("The standard states no promotion routes between its levels."))
        return " ".join(parts)

    def outgoing(self, node: Node) -> list[Edge]:
        return [edge for edge in self.edges if edge.source is node]

    def incoming(self, node: Node) -> list[Edge]:
        return [edge for edge in self.edges if edge.target is node]

    @property
    def items(self) -> list[tuple[Node, list[Edge], list[Edge]]]:
        """The text equivalent: each level with its arrows out and in."""
        return [(node, self.outgoing(node), self.incoming(node)) for node in self.nodes]


def _walk(rule) -> Iterator[Mapping]:
    if isinstance(rule, Mapping):
        yield rule
        for value in rule.values():
            yield from _walk(value)
    elif isinstance(rule, list):
        for value in rule:
            yield from _walk(value)


def _facts(level) -> str:
    if level.grade is not None:
        grade = gettext("Grade %(grade)s") % {"grade": level.grade}
    else:
        grade = gettext("Grade not stated")
    months = level.probationary_period_months
    if months is None:
        probation = gettext("probation not stated")
    else:
        probation = gettext("%(months)s-month probation") % {"months": months}
    return f"{grade} · {probation}"


def ladder_build(version) -> Ladder:
    """Lay out the ladder of a version whose levels (routes, promotes_to, parenthetic) are
    prefetched."""
    levels = list(version.levels.all())
    series_slug = version.series.slug
    track_keys: list[str | None] = []
    for level in levels:
        key = level.parenthetic.code if level.parenthetic else None
        if key not in track_keys:
            track_keys.append(key)
    if None in track_keys:  # the plain titles first
        track_keys.remove(None)
        track_keys.insert(0, None)

    rows_in_track = {key: 0 for key in track_keys}
    nodes: list[Node] = []
    by_pk: dict[int, Node] = {}
    for level in levels:
        key = level.parenthetic.code if level.parenthetic else None
        node = Node(level=level, track=track_keys.index(key), row=rows_in_track[key])
        rows_in_track[key] += 1
        node.title_lines = textwrap.wrap(level.title, TITLE_WRAP)[:3] or [level.slug]
        node.facts = _facts(level)
        nodes.append(node)
        by_pk[level.pk] = node

    row_count = max(rows_in_track.values(), default=0)
    height = MARGIN * 2 + TRACK_HEADER + row_count * BOX_HEIGHT + max(row_count - 1, 0) * ROW_GAP
    width = MARGIN * 2 + len(track_keys) * BOX_WIDTH + max(len(track_keys) - 1, 0) * COLUMN_GAP
    for node in nodes:
        node.x = MARGIN + node.track * (BOX_WIDTH + COLUMN_GAP)
        # The first level at the bottom: a ladder is climbed.
        node.y = height - MARGIN - BOX_HEIGHT - node.row * (BOX_HEIGHT + ROW_GAP)
    tracks = [
        (
            gettext("Plain titles")
            if key is None
            else gettext("%(code)s parenthetic") % {"code": key},
            MARGIN + index * (BOX_WIDTH + COLUMN_GAP) + BOX_WIDTH // 2,
        )
        for index, key in enumerate(track_keys)
    ]

    by_slug = {node.level.slug: node for node in nodes}
    by_code = {
        (node.level.code, node.level.parenthetic.code if node.level.parenthetic else None): node
        for node in nodes
        if node.level.code
    }
    edges: list[Edge] = []
    seen: set[tuple[int, int]] = set()
    external: list[tuple[object, str]] = []

    def add(source: Node | None, target: Node | None, kind: str, via: str) -> None:
        if source is None or target is None or source is target or (id(source), id(target)) in seen:
            return
        seen.add((id(source), id(target)))
        edges.append(Edge(source=source, target=target, kind=kind, via=via))

    for node in nodes:
        for target in node.level.promotes_to.all():
            add(node, by_pk.get(target.pk), PROMOTION, gettext("promotion line of the standard"))
    for node in nodes:
        for route in node.level.routes.all():
            for part in _walk(route.rule):
                service = part.get("service")
                if isinstance(service, Mapping):
                    source = by_code.get((service.get("class_code"), service.get("parenthetic")))
                    via = gettext("%(route)s route: service") % {
                        "route": route_words(route).lower()
                    }
                    add(source, node, PROMOTION, via)
                reference = part.get("level")
                if isinstance(reference, str):
                    other_series, _, short = reference.rpartition("/")
                    if other_series and other_series != series_slug:
                        external.append((node.level, reference))
                    else:
                        add(by_slug.get(short), node, BUILDS_ON, gettext("qualification rule"))
    return Ladder(
        title=version.title,
        nodes=nodes,
        edges=edges,
        tracks=tracks,
        width=width,
        height=height,
        external=external,
    )
