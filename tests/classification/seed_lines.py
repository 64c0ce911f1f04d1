"""Read the two seed standards (tests/fixtures/seeds/) into ordered lists of expected text.

Written from the seed texts alone, independently of `series_data/*.yaml`, so that a test
comparing the two can fail. Every line goes through `normalize`, the whitespace convention
of the data files: a no-break space is a space, runs of whitespace inside a line become one
space, and surrounding whitespace is stripped. Numbering ("1. "), bullets ("·", "- ") are
stripped; wording, spelling and punctuation are kept exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
UNIVERSITY_SEED = SEEDS / "000_5dab0642c7ea28c4.txt"
NYS_SEED = SEEDS / "001_f5dd349dda29180c.txt"


def normalize(text: str) -> str:
    """No-break spaces are spaces; whitespace runs collapse to one space; strip."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@dataclass
class SeedLevel:
    title: str  # as the data files spell it ("Call Center Operator", "… 1 (HESC)")
    distinguishing: list[str] = field(default_factory=list)
    duties_heading: str | None = None
    duties: list[str] = field(default_factory=list)
    qualifications_heading: str | None = None
    qualifications: list[str] = field(default_factory=list)
    attributes_heading: str | None = None
    attributes: list[str] = field(default_factory=list)


@dataclass
class SeedStandard:
    narrative: list[str] = field(default_factory=list)
    levels: list[SeedLevel] = field(default_factory=list)
    # (marker or None, text without the marker), in order
    definitions: list[tuple[str | None, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    parenthetic_narrative: list[str] = field(default_factory=list)

    def level(self, title: str) -> SeedLevel:
        for level in self.levels:
            if level.title == title:
                return level
        raise KeyError(title)


def _lines(path: Path) -> list[str]:
    """The non-empty normalised lines of a seed, in order."""
    lines = (normalize(raw) for raw in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


_NUMBERED = re.compile(r"^\d+\.\s+")
_BULLET = re.compile(r"^[-·]\s*")


def _strip_item(line: str) -> str:
    return _BULLET.sub("", _NUMBERED.sub("", line), count=1).strip()


# ---------------------------------------------------------------------------
# The university's series.

_UNI_LEVEL = re.compile(r"^Level [IVX]+: (?P<title>.+?)(?: 0000)?$")
_CREDENTIALS = "CREDENTIALS TO BE VERIFIED BY PLACEMENT OFFICER"
_ATTRIBUTES = re.compile(r"^PERSONAL ATTRIBUTES? NEEDED TO UNDERTAKE JOB$")


def university() -> SeedStandard:
    lines = _lines(UNIVERSITY_SEED)
    std = SeedStandard()
    narrative_at = lines.index("Series Narrative")
    levels_at = lines.index("DESCRIPTIONS OF LEVELS OF WORK")
    quals_at = lines.index("MINIMUM ACCEPTABLE QUALIFICATIONS REQUIRED FOR ENTRY INTO:")
    std.narrative = lines[narrative_at + 1 : levels_at]

    # Descriptions of the levels: heading, (code line), paragraph(s), "… typically---", duties.
    current: SeedLevel | None = None
    in_duties = False
    for line in lines[levels_at + 1 : quals_at]:
        heading = _UNI_LEVEL.match(line)
        if heading:
            current = SeedLevel(title=heading["title"])
            std.levels.append(current)
            in_duties = False
        elif current is None or line == "0000":
            continue
        elif line.endswith("typically---"):
            current.duties_heading = line
            in_duties = True
        elif in_duties:
            current.duties.append(_strip_item(line))
        else:
            current.distinguishing.append(line)

    # Qualifications: one CREDENTIALS block per level, in the levels' order (the last one,
    # the Manager's, has no "Level V" heading in the source).
    blocks: list[SeedLevel] = []
    part = None
    for line in lines[quals_at + 1 :]:
        if line == _CREDENTIALS:
            blocks.append(SeedLevel(title="", qualifications_heading=line))
            part = "qualifications"
        elif _ATTRIBUTES.match(line):
            blocks[-1].attributes_heading = line
            part = "attributes"
        elif _UNI_LEVEL.match(line) or line == "0000":
            part = None
        elif part == "qualifications":
            blocks[-1].qualifications.append(_strip_item(line))
        elif part == "attributes":
            blocks[-1].attributes.append(_strip_item(line))
    assert len(blocks) == len(std.levels), "one qualifications block per level"
    for level, block in zip(std.levels, blocks, strict=True):
        level.qualifications_heading = block.qualifications_heading
        level.qualifications = block.qualifications
        level.attributes_heading = block.attributes_heading
        level.attributes = block.attributes
    return std


# ---------------------------------------------------------------------------
# New York State's series.

_NYS_TITLE = re.compile(r"^CALL CENTER REPRESENTATIVE (?P<n>[123])(?P<hesc> \(HESC\))?")


def _nys_title(match: re.Match[str]) -> str:
    return f"Call Center Representative {match['n']}{' (HESC)' if match['hesc'] else ''}"


def nys() -> SeedStandard:
    lines = _lines(NYS_SEED)
    std = SeedStandard()
    by_title: dict[str, SeedLevel] = {}

    def level(title: str) -> SeedLevel:
        if title not in by_title:
            by_title[title] = SeedLevel(title=title)
            std.levels.append(by_title[title])
        return by_title[title]

    section = None
    current: SeedLevel | None = None
    in_definitions = False
    for line in lines:
        if line in (
            "BRIEF DESCRIPTION OF CLASS SERIES",
            "DISTINGUISHING CHARACTERISTICS",
            "ILLUSTRATIVE DUTIES",
            "MINIMUM QUALIFICATIONS",
            "PARENTHETIC ATTACHMENT",
        ):
            section, current, in_definitions = line, None, False
            continue
        if line == "Attachment" or line.startswith("Date:"):
            section, in_definitions = None, False
            continue
        if line.startswith("NOTE:"):
            std.notes.append(line)
            section = None
            continue
        title = _NYS_TITLE.match(line)
        if section == "BRIEF DESCRIPTION OF CLASS SERIES":
            std.narrative.append(line)
        elif section == "PARENTHETIC ATTACHMENT":
            std.parenthetic_narrative.append(line)
        elif section == "DISTINGUISHING CHARACTERISTICS":
            if title:
                level(_nys_title(title)).distinguishing.append(line)
            else:  # "Positions exist in a HESC parenthetic …": a general note
                std.notes.append(line)
        elif section == "ILLUSTRATIVE DUTIES":
            if title and line == title.group(0):
                current = level(_nys_title(title))
            elif current is not None and line.startswith("·"):
                current.duties.append(_strip_item(line))
        elif section == "MINIMUM QUALIFICATIONS":
            if title and line == title.group(0):
                current = level(_nys_title(title))
            elif line.startswith("*"):
                marker = re.match(r"^\*+", line).group(0)
                std.definitions.append((marker, line[len(marker) :]))
                current, in_definitions = None, True
            elif in_definitions:  # an unmarked paragraph among the definitions
                std.definitions.append((None, line))
            elif current is not None:
                current.qualifications.append(line)
    return std


def route_texts(qualification_lines: list[str]) -> list[tuple[str, str]]:
    """NYS: ("open_competitive" | "promotion", text after the "…: " prefix) per line."""
    names = {"Open Competitive": "open_competitive", "Promotion": "promotion"}
    result = []
    for line in qualification_lines:
        prefix, _, text = line.partition(": ")
        result.append((names[prefix], text))
    return result
