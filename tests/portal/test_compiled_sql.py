"""SQL compiled once a process: the rows are the ORM's, read afresh each call."""

from django.contrib.auth import get_user_model

from portal import compiled_sql
from tests.factories import officer_user


def test_rows_are_the_orms_and_read_afresh_with_the_build_called_once(db):
    ana = officer_user(first_name="Ana", username="ana")
    calls = []

    def build():
        calls.append(1)
        return get_user_model().objects.filter(pk=0).values_list("username", "date_joined")

    first = compiled_sql.rows("test.user-by-pk", build, params=[ana.pk])
    ben = officer_user(first_name="Ben", username="ben")
    second = compiled_sql.rows("test.user-by-pk", build, params=[ben.pk])
    expected = get_user_model().objects.filter(pk=ben.pk).values_list("username", "date_joined")
    assert first == [("ana", ana.date_joined)]
    assert second == list(expected)
    assert second[0][1].tzinfo is not None  # converted as the ORM converts (SQLite's text)
    assert calls == [1]


def test_the_compiled_parameters_serve_when_none_are_given(db):
    officer_user(username="cy")
    found = compiled_sql.rows(
        "test.user-named-cy",
        lambda: get_user_model().objects.filter(username="cy").values_list("username"),
    )
    assert found == [("cy",)]
