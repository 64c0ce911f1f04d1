"""The engine is pure Python: importing and using it never imports Django."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

SCRIPT = """
import sys, json
from datetime import date
import yaml
import screening.engine as engine
assert 'django' not in sys.modules, 'import'
standards = [
    engine.standard_rules_from_document(yaml.safe_load(open(f'series_data/{n}.yaml')), version='1')
    for n in ('university-call-center', 'nys-call-center-representative')
]
screener = engine.build_screener(standards)
profile = engine.parse_profile('{"format": "screening-profile/1"}')
json.dumps(engine.screen_profile(profile, screener, default_as_of=date(2026, 10, 1)))
assert 'django' not in sys.modules, 'use'
print('ok')
"""


@pytest.mark.slow
def test_engine_never_imports_django():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_module_of_the_engine_mentions_django_imports():
    for path in (ROOT / "screening" / "engine").glob("*.py"):
        text = path.read_text()
        assert "import django" not in text and "from django" not in text, path
