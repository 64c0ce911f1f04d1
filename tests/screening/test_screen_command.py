"""`manage.py screen`: one profile or JSON Lines in, screening-result/1 out, exit 2 on a refusal."""

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURES

DANA = FIXTURES / "profiles" / "dana.json"
ALL_LEVELS = 10


def _screen(capsys, *args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = 0
    try:
        call_command("screen", *args)
    except SystemExit as exit_:
        status = exit_.code
    return status, capsys.readouterr().out


def _outcomes(result: dict) -> dict:
    return {item["level"]: item["outcome"] for item in result["results"]}


def test_one_profile_gives_one_result_for_every_level(capsys, loaded_standards):
    status, out = _screen(capsys, str(DANA))
    result = json.loads(out)
    assert status == 0
    assert result["format"] == "screening-result/1" and result["as_of"] == "2026-10-01"
    assert len(result["results"]) == ALL_LEVELS
    outcomes = _outcomes(result)
    assert outcomes["nys-call-center-representative/2"] == "qualified"
    assert outcomes["nys-call-center-representative/3"] == "not_qualified"
    assert outcomes["university-call-center/operator"] == "qualified"
    version = loaded_standards["nys-call-center-representative"]
    assert result["standards"]["nys-call-center-representative"] == version.label


def test_the_profile_can_come_on_stdin(capsys, monkeypatch, loaded_standards):
    status, out = _screen(capsys, "-", stdin=DANA.read_bytes(), monkeypatch=monkeypatch)
    assert status == 0 and len(json.loads(out)["results"]) == ALL_LEVELS


def test_levels_can_be_picked(capsys, loaded_standards):
    status, out = _screen(
        capsys,
        str(DANA),
        "--level",
        "nys-call-center-representative/1",
        "--level",
        "university-call-center/manager",
    )
    levels = [item["level"] for item in json.loads(out)["results"]]
    assert status == 0
    assert sorted(levels) == ["nys-call-center-representative/1", "university-call-center/manager"]


def test_an_unknown_level_is_a_usage_error(loaded_standards):
    with pytest.raises(CommandError, match="no such level: nys-call-center-representative/9"):
        call_command("screen", str(DANA), "--level", "nys-call-center-representative/9")


def test_as_of_overrides_the_profiles_date(capsys, loaded_standards):
    _, out = _screen(capsys, str(DANA), "--as-of", "2020-06-30")
    result = json.loads(out)
    assert result["as_of"] == "2020-06-30"
    # by mid-2020 Dana had five months of experience and no civil service
    assert _outcomes(result)["nys-call-center-representative/1"] == "not_qualified"
    assert _outcomes(result)["nys-call-center-representative/2"] == "not_qualified"


def test_a_refused_profile_prints_its_errors_and_exits_2(capsys, tmp_path, loaded_standards):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "screening-profile/1", "experience": [{"title": "x"}]}))
    status, out = _screen(capsys, str(bad))
    result = json.loads(out)
    assert status == 2
    assert "results" not in result
    paths = {error["path"] for error in result["errors"]}
    assert {"experience[0].employer_type", "experience[0].start"} <= paths


def test_a_missing_file_is_a_clear_error(loaded_standards):
    with pytest.raises(CommandError, match=r"no-such\.json"):
        call_command("screen", "no-such.json")


def test_jsonl_screens_every_line_in_order_and_keeps_going_past_bad_ones(
    capsys, monkeypatch, loaded_standards
):
    good = json.dumps(json.loads(DANA.read_text()))
    lines = [good, "{not json", good, json.dumps({"format": "screening-profile/2"}), "", good]
    status, out = _screen(
        capsys, "--jsonl", "-", stdin="\n".join(lines).encode(), monkeypatch=monkeypatch
    )
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 2
    assert ["errors" in result for result in results] == [False, True, False, True, False]
    assert results[1]["format"] == "screening-result/1"
    assert results[3]["errors"][0]["path"] == "format"
    assert results[0] == results[2] == results[4]


def test_jsonl_with_only_good_lines_exits_0(capsys, monkeypatch, loaded_standards):
    good = json.dumps(json.loads(DANA.read_text()))
    status, out = _screen(
        capsys, "--jsonl", "-", stdin=f"{good}\n{good}\n".encode(), monkeypatch=monkeypatch
    )
    assert status == 0 and len(out.splitlines()) == 2


@pytest.mark.slow
def test_setup_then_screen_works_with_nothing_but_the_embedded_defaults(tmp_path):
    """What `make setup` runs, then `screen`, in fresh processes: SQLite, no broker, no Redis."""
    root = Path(__file__).resolve().parents[2]
    unset = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | {
        "PORTAL_VAR_DIR": str(tmp_path)
    }

    def manage(*args, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=root,
            env=env,
            input=stdin,
            capture_output=True,
            timeout=300,
        )

    for step in (["migrate", "--noinput"], ["load_series"]):
        done = manage(*step)
        assert done.returncode == 0, done.stderr.decode()
    done = manage("screen", "-", stdin=DANA.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert result["format"] == "screening-result/1" and len(result["results"]) == ALL_LEVELS
    assert (tmp_path / "portal.sqlite3").is_file()

    # Input that once escaped the validator: refused line by line, never a traceback.
    odd = [
        '{"format": "screening-profile/1", "education": [{"credential": "bachelor", '
        '"field": "Bio\\ud800logy"}]}',
        '{"format": "screening-profile/1", "\\ud800": 1}',
        '{"format": "screening-profile/1", "assessments": {"keyboarding_wpm": 1e999999999}}',
    ]
    done = manage("screen", "--jsonl", "-", stdin="\n".join(odd).encode())
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [line["errors"][0]["path"] for line in lines] == [
        "education[0].field",
        '$["\\ud800"]',
        "assessments.keyboarding_wpm",
    ]

    # Every line reaches a file though the process leaves without tearing down; a reader that
    # stops early (`screen … | head -1`) gets no traceback.
    many = tmp_path / "many.jsonl"
    many.write_bytes((json.dumps(json.loads(DANA.read_text())) + "\n").encode() * 400)
    done = manage("screen", "--jsonl", str(many))
    assert done.returncode == 0 and done.stdout.count(b"\n") == 400
    assert json.loads(done.stdout.splitlines()[-1])["format"] == "screening-result/1"
    with subprocess.Popen(
        [sys.executable, "manage.py", "screen", "--jsonl", str(many)],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as reader:  # fmt: skip
        assert json.loads(reader.stdout.readline())["format"] == "screening-result/1"
        reader.stdout.close()
        stderr = reader.stderr.read()
        assert reader.wait(timeout=300) == 1 and stderr == b""


def test_jsonl_results_are_the_documents_a_single_screening_gives(
    capsys, monkeypatch, loaded_standards
):
    """The batch path (bytes written in batches, JSON from cached fragments) changes no
    result: every line is the document `screening_run` gives for that profile."""
    from screening.services import screening_run

    cases = json.loads((FIXTURES / "acceptance" / "cases.json").read_text())
    profiles = [case["profile"] for case in cases]
    profiles.append(
        {"format": "screening-profile/1", "as_of": "2026-10-01", "applicant": {"name": "Zoë Å"}}
    )
    stdin = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in profiles).encode()
    status, out = _screen(capsys, "--jsonl", "-", stdin=stdin, monkeypatch=monkeypatch)
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(profiles) > 20
    for line, profile in zip(lines, profiles, strict=True):
        expected = screening_run(document=profile, today=datetime.date(2026, 10, 1))
        assert json.loads(line) == expected


def test_jsonl_levels_and_as_of_reach_every_line(capsys, monkeypatch, loaded_standards):
    good = json.dumps(json.loads(DANA.read_text()))
    args = ("--jsonl", "-", "--level", "nys-call-center-representative/2", "--as-of", "2020-06-30")
    status, out = _screen(
        capsys, *args, stdin=f"{good}\n{good}\n".encode(), monkeypatch=monkeypatch
    )
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(results) == 2
    for result in results:
        assert result["as_of"] == "2020-06-30"
        assert [r["level"] for r in result["results"]] == ["nys-call-center-representative/2"]
        assert result["results"][0]["outcome"] == "not_qualified"


def test_jsonl_screens_profiles_without_a_date_for_the_day_the_run_started(
    capsys, monkeypatch, loaded_standards
):
    """Today is read once for the whole run (a run across midnight screens every profile for
    the same day), not once a profile."""
    days = iter([datetime.date(2026, 6, 30), datetime.date(2026, 7, 1)])
    calls = []

    def localdate(*args):
        calls.append(args)
        return next(days)

    monkeypatch.setattr("screening.management.commands.screen.timezone.localdate", localdate)
    undated = json.loads(DANA.read_text())
    undated.pop("as_of", None)
    line = json.dumps(undated)
    status, out = _screen(
        capsys, "--jsonl", "-", stdin=(f"{line}\n" * 3).encode(), monkeypatch=monkeypatch
    )
    assert status == 0
    assert [json.loads(r)["as_of"] for r in out.splitlines()] == ["2026-06-30"] * 3
    assert len(calls) == 1
