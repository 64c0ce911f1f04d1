"""Benchmark of reading standards: the shipped file against the tester's harmful inputs.

Each harmful input (alias bomb, `[` x 10,000, 200,000 items under an unknown key) must be
refused in a fraction of the time a real standard takes to read, since it is refused on the
YAML events before anything is built. Prints the median of N runs and the ratio to the
reference (reading the NYS standard from its YAML), both measured in this run.

    .venv/bin/python bench/bench_standards.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classification.standard_file import (  # noqa: E402
    StandardFileError,
    load_yaml,
    parse_standard,
)

NYS_FILE = ROOT / "series_data" / "nys-call-center-representative.yaml"


def alias_bomb(text: str) -> str:
    lines = ["  bomb0: &bomb0 {duty: reception}"]
    for level in range(1, 7):
        lines.append(f"  bomb{level}: &bomb{level} [" + ", ".join([f"*bomb{level - 1}"] * 10) + "]")
    return text.replace("predicates:\n", "predicates:\n" + "\n".join(lines) + "\n", 1)


def cases(text: str) -> dict[str, str]:
    return {
        "alias bomb (6 x 10 aliases)": alias_bomb(text),
        "[ x 10,000": "[" * 10_000,
        "200,000 items, block list": text + "colour:\n" + "- 1\n" * 200_000,
        "200,000 items, flow list": "colour: [" + ",".join(["1"] * 200_000) + "]\n",
    }


def read(text: str) -> None:
    parse_standard(load_yaml(text, source="bench"), source="bench")


def refuse(text: str) -> None:
    try:
        read(text)
    except StandardFileError:
        return
    raise SystemExit("a harmful input was accepted")


def median_seconds(action: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    text = NYS_FILE.read_text(encoding="utf-8")
    read(text)  # warm up imports and the engine
    reference = median_seconds(lambda: read(text), args.runs)
    print(f"reference: read and check the NYS standard   {reference * 1000:8.2f} ms   1.000")
    for name, harmful in cases(text).items():
        seconds = median_seconds(lambda harmful=harmful: refuse(harmful), args.runs)
        print(f"refused: {name:<36} {seconds * 1000:8.2f} ms   {seconds / reference:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
