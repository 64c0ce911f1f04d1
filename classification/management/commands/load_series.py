"""Validate every standard file in series_data/ and load it; running it twice changes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from classification.services import series_load
from classification.standard_file import (
    StandardFileError,
    discover_standard_files,
    load_standard_file,
)
from screening.engine import RuleError, build_screener, standard_rules_from_document


class Command(BaseCommand):
    help = "Validate and load the class standards in series_data/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Standard files (default: all in --dir)")
        parser.add_argument(
            "--dir",
            default=None,
            help=f"Folder of standard files (default: {settings.SERIES_DATA_DIR})",
        )

    def handle(self, *args, files, dir, **options):
        paths = [Path(name) for name in files] or discover_standard_files(
            Path(dir or settings.SERIES_DATA_DIR)
        )
        if not paths:
            raise CommandError("no standard files found")
        standards, problems = [], []
        for path in paths:  # parse them all first: one bad file loads nothing
            try:
                standards.append(load_standard_file(path))
            except StandardFileError as error:
                problems.extend(error.problems)
        if not problems:
            problems = _cross_file_problems(standards)
        if problems:
            raise CommandError("refused, nothing loaded:\n  " + "\n  ".join(problems))
        now = timezone.now()
        for standard in standards:
            outcome = series_load(standard=standard, created_at=now)
            version = outcome.version
            state = "loaded as new version" if outcome.created else "unchanged, still version"
            self.stdout.write(f"{version.series.slug}: {state} {version.number} ({version.label})")


def _cross_file_problems(standards) -> list[str]:
    """Compile all rules together: level references may point into another file."""
    try:
        build_screener(
            [standard_rules_from_document(s.to_document(), version="check") for s in standards]
        )
    except RuleError as error:
        return list(error.problems)
    return []
