"""Screen screening-profile/1 documents against the standards in force; print screening-result/1."""

import argparse
import contextlib
import datetime
import gc
import json
import logging
import os
import sys

import orjson
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from screening.services import (
    ScreeningRefused,
    levels_check,
    screening_run,
    screening_run_jsonl,
)


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

    def run_from_argv(self, argv):
        """Run from the command line, then leave without tearing the interpreter down."""
        try:
            super().run_from_argv(argv)
            status = 0
        except SystemExit as leaving:
            status = leaving.code
        except BrokenPipeError:  # the reader stopped reading (`screen … | head`): not an error
            status = 1  # of ours to report, and not a complete output either
        if not isinstance(status, int):  # sys.exit("text") or sys.exit(None)
            if status is not None:
                sys.stderr.write(f"{status}\n")
            status = 0 if status is None else 1
        # The engine's memos hold hundreds of thousands of objects after a long run; freeing
        # them one by one at exit took a sixth of the run. Everything is written and the
        # database connections are closed (run_from_argv's finally), so nothing is lost.
        _leave(status)

    def handle(self, *args, file, jsonl, levels, as_of, **options):
        try:
            levels_check(levels)
        except ScreeningRefused as refusal:
            raise CommandError("; ".join(e["message"] for e in refusal.errors)) from refusal
        self.screeners = {}  # one compiled screener per as_of date for this run
        # A profile without as_of is screened for today: one day for the whole run, read once
        # (a run across midnight screens all its profiles for the day it started).
        self.today = timezone.localdate()
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
        for raw in stream:
            if not raw.strip():
                continue
            try:
                line = screening_run_jsonl(
                    raw=raw, levels=levels, as_of=as_of, today=self.today, screeners=self.screeners
                )
            except ScreeningRefused as refusal:
                refused += 1
                line = _refusal_line(refusal.errors)
            write(line)
        return refused

    def _result_or_errors(self, raw: bytes, levels, as_of) -> dict:
        try:
            return screening_run(
                raw=raw, levels=levels, as_of=as_of, today=self.today, screeners=self.screeners
            )
        except ScreeningRefused as refusal:
            return {"format": "screening-result/1", "errors": refusal.errors}


def _line_writer(stdout):
    """(write one line, flush): bytes straight to the binary stream under stdout when there is
    one (a file, a pipe, pytest's capture), else text (a StringIO)."""
    out = getattr(stdout, "_out", stdout)  # Django's OutputWrapper keeps the stream in `_out`
    buffer = getattr(out, "buffer", None)
    if buffer is None:

        def write_text(line: bytes) -> None:
            out.write(line.decode() + "\n")

        return write_text, out.flush
    out.flush()  # anything already written as text goes first
    write = buffer.write

    # Each line straight into the buffered stream: a result (~26 KB) is larger than its
    # buffer, so it goes to the file in one system call with no copy. Joining batches of
    # lines first made blocks of megabytes that the allocator mapped and unmapped each time:
    # their page faults cost four times what the writes themselves did.
    def write_line(line: bytes) -> None:
        write(line)
        write(b"\n")

    return write_line, buffer.flush


def _leave(status: int) -> None:
    """Flush what is buffered and end the process at once (no interpreter teardown)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: the reader has gone
            stream.flush()
    os._exit(status)


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
