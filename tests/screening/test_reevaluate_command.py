"""`manage.py reevaluate`: jobs for operators, a JSON summary on the last line with --wait."""

import json

import pytest
from django.core.management import CommandError, call_command

from screening.models import ReevaluationJob
from tests.factories import CASEY, ROBIN, saved_profile

NYS = "nys-call-center-representative"


def test_wait_prints_the_jobs_summary_as_json_on_its_last_line(
    eager_tasks, transactional_loaded_standards, capsys
):
    saved_profile(CASEY), saved_profile(ROBIN)
    call_command("reevaluate", "--level", f"{NYS}/1", "--wait", "--timeout", "5")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    summary = json.loads(last)
    assert (summary["series"], summary["status"], summary["levels"]) == (NYS, "done", [f"{NYS}/1"])
    assert (summary["total"], summary["processed"], summary["changed"]) == (2, 2, 0)
    assert summary["impact"][f"{NYS}/1"]["same"] == 2


def test_a_dry_run_for_every_series_writes_nothing(
    eager_tasks, transactional_loaded_standards, capsys
):
    from screening.models import OutcomeChange

    saved_profile(CASEY)
    written = OutcomeChange.objects.count()
    call_command("reevaluate", "--dry-run", "--wait", "--timeout", "5")
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {job["series"] for job in summary["jobs"]} == set(transactional_loaded_standards)
    assert OutcomeChange.objects.count() == written
    assert all(job["dry_run"] and job["status"] == "done" for job in summary["jobs"])


def test_an_unknown_series_is_refused_by_name(loaded_standards):
    with pytest.raises(CommandError, match="no such series: nope"):
        call_command("reevaluate", "--series", "nope")


def test_sweep_runs_once_and_says_what_it_sent(loaded_standards, capsys):
    ReevaluationJob.objects.update(status=ReevaluationJob.Status.DONE)
    call_command("reevaluate", "--sweep")
    assert json.loads(capsys.readouterr().out) == {"activated": 0, "batches": 0, "jobs": 0}
