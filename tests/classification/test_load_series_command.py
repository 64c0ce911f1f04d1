"""The load_series command: validates every file first, loads idempotently, reports clearly."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from classification.models import Series, StandardVersion


@pytest.mark.django_db
def test_load_then_load_again(no_standards):
    out = StringIO()
    call_command("load_series", stdout=out)
    assert "university-call-center: loaded as new version 1" in out.getvalue()
    assert "nys-call-center-representative: loaded as new version 1" in out.getvalue()
    out = StringIO()
    call_command("load_series", stdout=out)
    assert out.getvalue().count("unchanged, still version 1") == 2
    assert StandardVersion.objects.count() == 2


@pytest.mark.django_db
def test_a_bad_file_is_refused_with_its_path_and_nothing_is_stored(
    no_standards, tmp_path, settings
):
    good = settings.SERIES_DATA_DIR / "university-call-center.yaml"
    (tmp_path / "a-good.yaml").write_text(good.read_text())
    broken = good.read_text().replace(
        "probationary_period_months: 6", "probationary_period_months: six", 1
    )
    (tmp_path / "b-broken.yaml").write_text(broken)
    with pytest.raises(CommandError) as caught:
        call_command("load_series", dir=str(tmp_path))
    assert "b-broken.yaml" in str(caught.value)
    assert "probationary_period_months" in str(caught.value)
    assert Series.objects.count() == 0


@pytest.mark.django_db
def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no standard files"):
        call_command("load_series", dir=str(tmp_path))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("predicates:\n", "predicates:\n  x: &x {duty: reception}\n  y: [*x, *x]\n", "aliases"),
        ("effective_date: 2015-10-01", "effective_date: 0001-01-01", "must be between 1900-01-01"),
    ],
    ids=["alias", "year-one"],
)
def test_a_harmful_file_is_refused_and_nothing_is_stored(
    no_standards, tmp_path, settings, replace, by, expected
):
    good = settings.SERIES_DATA_DIR / "nys-call-center-representative.yaml"
    text = good.read_text(encoding="utf-8")
    assert replace in text
    harmful = tmp_path / good.name
    harmful.write_text(text.replace(replace, by, 1), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("load_series", dir=str(tmp_path))
    assert f"{harmful}: " in str(caught.value) and expected in str(caught.value)
    assert Series.objects.count() == 0
