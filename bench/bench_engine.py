"""Benchmark of the screening engine.

Generates realistic screening-profile/1 documents deterministically (seeded), loads the two
standards of series_data/, and measures
  (a) the engine alone: screen_profile on already-validated profiles, all ten levels;
  (b) in-process end to end: parse_profile (JSON text -> validated Profile) + screen + json.dumps,
      and (b') the same with screen_profile_json(compact=True) (the text of json.dumps with
      ensure_ascii=False and compact separators, as JSONL wants, from cached fragments);
  (c) optionally, an external command reading JSONL profiles on stdin and writing JSONL
      results on stdout (e.g. --jsonl-command "python manage.py screen --jsonl -"), beside
      its floor: a bare Python loop that parses each line and dumps it again (json.loads and
      json.dumps, same input, output to a file), measured in the same run; the line
      `screen: profiles_per_s=… floor_ratio=…` gives the command's rate (start-up included)
      and its time over the floor's; and (c''') the same profiles fed twice in one run, the
      second pass timed: every level outcome it meets is already made (caching's best case);
  (d) the bulk fast path of stored profiles: profile_from_document, and screen_outcomes for
      all ten levels and for one level.

    .venv/bin/python bench/bench_engine.py [--count 20000] [--seed 7] [--cprofile]
        [--write-profiles FILE] [--jsonl-command "CMD"]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from screening.engine import (  # noqa: E402
    build_screener,
    parse_profile,
    profile_from_document,
    screen_outcomes,
    screen_profile,
    screen_profile_json,
    standard_rules_from_document,
    validate_profile,
)
from screening.engine.vocab import DUTIES, OCCUPATIONS  # noqa: E402

SERIES = ("university-call-center", "nys-call-center-representative")
TODAY = date(2026, 10, 1)

TITLES = [
    "Customer Service Representative",
    "Call Center Agent",
    "Patient Access Representative",
    "Scheduler",
    "Front Desk Receptionist",
    "Shift Supervisor",
    "Call Center Manager",
    "Sales Associate",
    "Help Desk Agent",
]
CIPS = ["52.0201", "42.0101", "51.0701", "13.0101", "54.0101", "51", "51.2211", None]


def month(rng: random.Random, low: int = 2008, high: int = 2026) -> str:
    return f"{rng.randint(low, high):04d}-{rng.randint(1, 12):02d}"


def education_entry(rng: random.Random) -> dict:
    kind = rng.choices(
        ["high_school_diploma", "high_school_equivalency", "college_credit", "associate",
         "bachelor", "master"],
        weights=[40, 10, 20, 10, 15, 5],
    )[0]  # fmt: skip
    entry: dict = {"credential": kind}
    if kind == "college_credit":
        if rng.random() < 0.8:
            entry["semester_hours"] = rng.choice([12, 24, 30, 45, 60, 72.5])
        if "semester_hours" not in entry or rng.random() < 0.3:
            entry["quarter_hours"] = rng.choice([15, 30, 45, 90])
    if kind in ("bachelor", "master", "associate"):
        cip = rng.choice(CIPS)
        if cip:
            entry["cip"] = cip
        entry["field"] = "Some field"
        if rng.random() < 0.1:
            entry["country"] = rng.choice(["GB", "IN", "CA", "FR"])
    if rng.random() < 0.6:
        entry["completed"] = month(rng, 1995, 2027)
    if rng.random() < 0.3:
        entry["verified"] = True
    return entry


def experience_entry(rng: random.Random) -> dict:
    start = month(rng, 2008, 2026)
    entry: dict = {
        "title": rng.choice(TITLES),
        "employer": "Employer Inc.",
        "employer_type": rng.choice(
            ["government", "government_contractor", "private", "nonprofit"]
        ),
        "start": start,
    }
    if entry["employer_type"] == "government":
        entry["government_level"] = rng.choice(["federal", "state", "county", "municipal"])
    if rng.random() < 0.6:
        entry["occupation"] = rng.choice(OCCUPATIONS)
    if rng.random() < 0.7:
        y, m = int(start[:4]), int(start[5:])
        span = rng.randint(0, 60)
        end = y * 12 + m - 1 + span
        entry["end"] = f"{end // 12:04d}-{end % 12 + 1:02d}"
    else:
        entry["end"] = None
    entry["hours_per_week"] = rng.choice([40, 40, 40, 37.5, 35, 30, 20, 15.5])
    if rng.random() < 0.1:
        entry["paid"] = False
    entry["settings"] = rng.sample(["call_center", "medical"], rng.randint(0, 2))
    entry["duties"] = rng.sample(DUTIES, rng.randint(0, 4))
    if rng.random() < 0.3:
        entry["disciplines_scheduled"] = rng.randint(0, 9)
    if rng.random() < 0.3:
        entry["verified"] = True
    return entry


def service_entry(rng: random.Random) -> dict:
    start = month(rng, 2015, 2026)
    return {
        "title": "Call Center Representative",
        "class_code": rng.choice(["2546100", "2546100", "2546200", "1234567"]),
        "parenthetic": rng.choice([None, None, "HESC"]),
        "status": rng.choice(["permanent", "contingent_permanent", "provisional", "temporary"]),
        "jurisdiction": rng.choice(["competitive", "competitive", "non_competitive"]),
        "start": start,
        "end": None,
        "verified": rng.random() < 0.3,
    }


def make_profiles(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    profiles = []
    for i in range(count):
        doc: dict = {"format": "screening-profile/1"}
        if rng.random() < 0.8:
            doc["as_of"] = "2026-10-01"
        doc["applicant"] = {"name": f"Applicant {i}", "external_id": f"A-{i}"}
        doc["education"] = [education_entry(rng) for _ in range(rng.randint(0, 3))]
        experience = [experience_entry(rng) for _ in range(rng.randint(0, 4))]
        for entry in experience:  # an end before its start would be refused
            if entry["end"] is not None and entry["end"] < entry["start"]:
                entry["end"] = entry["start"]
        doc["experience"] = experience
        if rng.random() < 0.25:
            doc["civil_service"] = [service_entry(rng) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            doc["assessments"] = {"keyboarding_wpm": rng.randint(5, 80)}
        profiles.append(doc)
    return profiles


def load_screener():
    standards = []
    for name in SERIES:
        with open(ROOT / "series_data" / f"{name}.yaml", encoding="utf-8") as f:
            standards.append(standard_rules_from_document(yaml.safe_load(f), version="bench"))
    return build_screener(standards)


def report(label: str, count: int, seconds: float) -> None:
    rate, ms = count / seconds, seconds / count * 1000
    print(f"{label:<48} {rate:>10,.0f} profiles/s {ms:>8.4f} ms/profile")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--cprofile", action="store_true", help="print a cProfile of (b)")
    parser.add_argument("--write-profiles", metavar="FILE", help="write the profiles as JSONL")
    parser.add_argument("--jsonl-command", metavar="CMD", help="time CMD on JSONL stdin")
    args = parser.parse_args()

    documents = make_profiles(args.count, args.seed)
    texts = [json.dumps(d) for d in documents]
    if args.write_profiles:
        Path(args.write_profiles).write_text("".join(t + "\n" for t in texts), encoding="utf-8")
        print(f"wrote {len(texts)} profiles to {args.write_profiles}")
    screener = load_screener()
    profiles = [validate_profile(d) for d in documents]
    print(f"{args.count} profiles, {len(screener.levels)} levels, Python {sys.version.split()[0]}")

    def engine() -> None:
        for p in profiles:
            screen_profile(p, screener, default_as_of=TODAY)

    def end_to_end() -> None:
        dumps = json.dumps
        for t in texts:
            dumps(screen_profile(parse_profile(t), screener, default_as_of=TODAY))

    def end_to_end_json() -> None:
        for t in texts:
            screen_profile_json(parse_profile(t), screener, default_as_of=TODAY, compact=True)

    for label, fn in (
        ("(a) engine alone", engine),
        ("(b) parse+validate+screen+json.dumps", end_to_end),
        ("(b') parse+validate+screen_profile_json(compact)", end_to_end_json),
    ):
        best = min(_timed(fn) for _ in range(args.repeat))
        report(label, args.count, best)

    _bulk_fast_path(documents, profiles, screener, args.repeat)

    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.runcall(end_to_end)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)

    if args.jsonl_command:
        _time_command(shlex.split(args.jsonl_command), texts, args.repeat)
    return 0


def _bulk_fast_path(documents: list[dict], profiles: list, screener, repeat: int) -> None:
    """(d): what the bulk re-evaluation of stored profiles costs a profile."""
    stored = [json.loads(json.dumps(d)) for d in documents]  # as a JSON column gives them
    one_level = [screener.level_ids[0]]

    def build() -> None:
        for d in stored:
            profile_from_document(d)

    def outcomes_all() -> None:
        for p in profiles:
            screen_outcomes(p, screener, default_as_of=TODAY)

    def outcomes_one() -> None:
        for p in profiles:
            screen_outcomes(p, screener, levels=one_level, default_as_of=TODAY)

    for label, fn in (
        ("(d) profile_from_document (no validation)", build),
        ("(d) screen_outcomes, all ten levels", outcomes_all),
        ("(d) screen_outcomes, one level", outcomes_one),
    ):
        report(label, len(profiles), min(_timed(fn) for _ in range(repeat)))


# The floor of `screen --jsonl`: read each line, parse it, dump it again, write it out.
FLOOR_SCRIPT = """
import json, sys
write = sys.stdout.write
for line in sys.stdin:
    if line.strip():
        write(json.dumps(json.loads(line)) + "\\n")
"""


def _time_command(command: list[str], texts: list[str], repeat: int) -> None:
    """Time COMMAND reading the profiles on stdin and writing results to a file, best of N,
    and the parse-and-dump floor on the same input, the two runs taking turns.

    Results go to a file, as in a batch run (`screen --jsonl in > out`), so the figure is the
    command's own and not this process draining 140 MB from a pipe.
    """
    floor_command = [sys.executable, "-c", FLOOR_SCRIPT]
    with tempfile.TemporaryDirectory() as tmp:
        profiles, results = Path(tmp, "profiles.jsonl"), Path(tmp, "results.jsonl")
        profiles.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
        Path(tmp, "empty.jsonl").write_text("", encoding="utf-8")
        twice = Path(tmp, "twice.jsonl")
        twice.write_bytes(profiles.read_bytes() * 2)
        startup = min(_run(command, Path(tmp, "empty.jsonl"), results) for _ in range(repeat))
        best = floor = again = float("inf")
        for _ in range(repeat):
            best = min(best, _run(command, profiles, results))
            lines = results.read_bytes().count(b"\n")
            floor = min(floor, _run(floor_command, profiles, results))
            again = min(again, _run(command, twice, results))
        size = profiles.stat().st_size
    print(f"external command: {lines} result lines; start-up alone {startup:.2f} s")
    report("(c) external JSONL command (incl. start-up)", len(texts), best)
    report("(c') the same, start-up excluded", len(texts), best - startup)
    report("(c'') floor: json.loads + json.dumps per line", len(texts), floor)
    # The input twice in one run: the second pass meets only level outcomes the first made, so
    # it is the cost of a result when nothing in it is new: what caching can give at best.
    warm = again - best
    report("(c''') the same profiles again, in that run", len(texts), warm)
    print(
        f"screen, second pass: profiles_per_s={len(texts) / (warm + startup):.0f} "
        f"floor_ratio={(warm + startup) / floor:.2f} (start-up counted once)"
    )
    print(f"input {size / len(texts):,.0f} bytes a profile")
    print(f"screen: profiles_per_s={len(texts) / best:.0f} floor_ratio={best / floor:.2f}")


def _run(command: list[str], stdin: Path, stdout: Path) -> float:
    with stdin.open("rb") as source, stdout.open("wb") as sink:
        start = time.perf_counter()
        done = subprocess.run(command, stdin=source, stdout=sink, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
        raise SystemExit(f"the command exited {done.returncode}")
    return seconds


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
