"""SQL compiled once a process from a queryset whose text and parameters never change (the
officers, the newest levels): building and compiling such a queryset costs a few
milliseconds a request, more than running it.

Only the text is kept, never a result: each request runs the query, so what it reads is
always current. Keyed by the database's vendor too (tests run on SQLite and PostgreSQL).
"""

from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

_COMPILED: dict[tuple[str, str], tuple[str, tuple]] = {}


def compiled(name: str, build: Callable[[], QuerySet]) -> tuple[str, tuple]:
    """(sql, params) of the queryset `build()` returns, compiled the first time only."""
    key = (name, connection.vendor)
    found = _COMPILED.get(key)
    if found is None:
        sql, params = build().query.sql_with_params()
        found = _COMPILED[key] = (sql, tuple(params))
    return found


def rows(name: str, build: Callable[[], QuerySet]) -> list[tuple]:
    """The rows of a `values_list` queryset, compiled once (see `compiled`)."""
    sql, params = compiled(name, build)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
