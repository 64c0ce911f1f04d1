"""Screen screening-profile/1 documents against the standards in force; print screening-result/1."""

import argparse
import datetime
import gc
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from screening.services import (
    ScreeningRefused,
    levels_check,
    screening_run,
    screening_run_jsonl,
)


class Command(BaseCommand):
    help = (
        "Screen a screening-profile/1 document (FILE, or - for stdin) and print "
        "screening-result/1. With --jsonl, one profile a line in, one result a line out. "
        "Exit status 2 when any profile was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a profile file, or - for standard input")
        parser.add_argument("--jsonl", action="store_true", help="one profile per line")
        parser.add_argument(
            "--level",
            action="append",
            dest="levels",
            metavar="LEVEL_ID",
            help="screen only this level (repeatable), e.g. nys-call-center-representative/1",
        )
        parser.add_argument(
            "--as-of",
            type=_iso_date,
            default=None,
            help="screen as of this date (YYYY-MM-DD), overriding the profiles' as_of",
        )

    def handle(self, *args, file, jsonl, levels, as_of, **options):
        try:
            levels_check(levels)
        except ScreeningRefused as refusal:
            raise CommandError("; ".join(e["message"] for e in refusal.errors)) from refusal
        self.screeners = {}  # one compiled screener per as_of date for this run
        stream = _open(file)
        try:
            refused = (self._lines if jsonl else self._single)(stream, levels, as_of)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        if refused:
            self.stdout.flush()
            sys.exit(2)

    def _single(self, stream, levels, as_of) -> int:
        document = self._result_or_errors(stream.read(), levels, as_of)
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        return int("errors" in document)

    def _lines(self, stream, levels, as_of) -> int:
        refused = 0
        write = self.stdout.write
        gc.freeze()  # what is loaded now lives for the whole run: keep it out of GC passes
        for raw in stream:
            if not raw.strip():
                continue
            try:
                line = screening_run_jsonl(
                    raw=raw, levels=levels, as_of=as_of, screeners=self.screeners
                )
            except ScreeningRefused as refusal:
                refused += 1
                line = _compact({"format": "screening-result/1", "errors": refusal.errors})
            write(line)
        return refused

    def _result_or_errors(self, raw: bytes, levels, as_of) -> dict:
        try:
            return screening_run(raw=raw, levels=levels, as_of=as_of, screeners=self.screeners)
        except ScreeningRefused as refusal:
            return {"format": "screening-result/1", "errors": refusal.errors}


def _compact(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _open(file: str):
    if file == "-":
        return sys.stdin.buffer
    try:
        return open(file, "rb")
    except OSError as error:
        raise CommandError(f"{file}: {error.strerror}") from error


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error
