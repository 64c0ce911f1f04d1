"""Screen screening-profile/1 documents against the standards in force; print screening-result/1."""

import argparse
import datetime
import gc
import json
import sys

import orjson
from django.core.management.base import BaseCommand, CommandError

from screening.services import (
    ScreeningRefused,
    levels_check,
    screening_run,
    screening_run_jsonl,
)

# Results are written in batches of this many lines: one write call per line was a third of
# the command's time (a result is about 7 KB).
BATCH_LINES = 256


class Command(BaseCommand):
    # The system checks look at URLs, models and settings this command never uses; they took
    # a noticeable part of a short run's start-up.
    requires_system_checks = []
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
        write, flush = _line_writer(self.stdout)
        gc.freeze()  # what is loaded now lives for the whole run: keep it out of GC passes
        # The engine's memos grow to hundreds of thousands of objects, which every GC pass
        # walked again (15% of a run); screening makes hardly any reference cycles, so passes can
        # be rarer.
        thresholds = gc.get_threshold()
        gc.set_threshold(100_000, 50, 100)
        try:
            refused = self._screen_lines(stream, levels, as_of, write)
        finally:
            gc.set_threshold(*thresholds)
        flush()
        return refused

    def _screen_lines(self, stream, levels, as_of, write) -> int:
        refused = 0
        batch: list[bytes] = []
        for raw in stream:
            if not raw.strip():
                continue
            try:
                line = screening_run_jsonl(
                    raw=raw, levels=levels, as_of=as_of, screeners=self.screeners
                ).encode()
            except ScreeningRefused as refusal:
                refused += 1
                line = _refusal_line(refusal.errors)
            batch.append(line)
            if len(batch) >= BATCH_LINES:
                write(batch)
                batch = []
        write(batch)
        return refused

    def _result_or_errors(self, raw: bytes, levels, as_of) -> dict:
        try:
            return screening_run(raw=raw, levels=levels, as_of=as_of, screeners=self.screeners)
        except ScreeningRefused as refusal:
            return {"format": "screening-result/1", "errors": refusal.errors}


def _line_writer(stdout):
    """(write a batch of lines, flush): bytes straight to the binary stream under stdout when
    there is one (a file, a pipe, pytest's capture), else text (a StringIO)."""
    out = getattr(stdout, "_out", stdout)  # Django's OutputWrapper keeps the stream in `_out`
    buffer = getattr(out, "buffer", None)
    if buffer is None:

        def write_text(lines: list[bytes]) -> None:
            out.write("".join(line.decode() + "\n" for line in lines))

        return write_text, out.flush
    out.flush()  # anything already written as text goes first

    def write_bytes(lines: list[bytes]) -> None:
        if lines:
            buffer.write(b"\n".join(lines) + b"\n")

    return write_bytes, buffer.flush


def _refusal_line(errors: list[dict]) -> bytes:
    document = {"format": "screening-result/1", "errors": errors}
    try:
        return orjson.dumps(document)
    except TypeError:  # text no UTF-8 can hold (a lone surrogate): escaped, as JSON allows
        return json.dumps(document, separators=(",", ":")).encode()


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
