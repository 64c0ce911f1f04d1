"""SQL compiled once a process from a queryset whose text never changes (the officers, the
newest levels, the queue's plain pages, the signed-in user by primary key): building and
compiling such a queryset costs a few milliseconds a request, more than running it.

Only the text is kept (with the converters the ORM applies to its columns), never a result:
each request runs the query, so what it reads is always current. Keyed by the database's
vendor too (tests run on SQLite and PostgreSQL).
"""

from collections.abc import Callable, Sequence
from typing import NamedTuple

from django.db import connection
from django.db.models import QuerySet


class Compiled(NamedTuple):
    sql: str
    params: tuple
    # (column's index, its converters, its expression): as the ORM's compiler applies them.
    converters: list


_COMPILED: dict[tuple[str, str], Compiled] = {}


def compiled(name: str, build: Callable[[], QuerySet]) -> tuple[str, tuple]:
    """(sql, params) of the queryset `build()` returns, compiled the first time only."""
    return _compiled(name, build)[:2]


def rows(name: str, build: Callable[[], QuerySet], params: Sequence | None = None) -> list[tuple]:
    """The rows of a `values_list` queryset, compiled once (see `compiled`), each value
    converted as the ORM converts it (e.g. SQLite's text dates and UUIDs). `params` replace
    the compiled ones, in order, for a query whose values change (the query built with
    stand-ins of the same types)."""
    sql, kept, converters = _compiled(name, build)
    with connection.cursor() as cursor:
        cursor.execute(sql, kept if params is None else params)
        found = cursor.fetchall()
    if not converters:
        return found
    return [_converted(row, converters) for row in found]


def _compiled(name: str, build: Callable[[], QuerySet]) -> Compiled:
    key = (name, connection.vendor)
    found = _COMPILED.get(key)
    if found is None:
        compiler = build().query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = [
            (index, functions, expression)
            for index, (functions, expression) in compiler.get_converters(columns).items()
        ]
        found = _COMPILED[key] = Compiled(sql, tuple(params), converters)
    return found


def _converted(row: tuple, converters: list) -> tuple:
    values = list(row)
    for index, functions, expression in converters:
        for convert in functions:
            values[index] = convert(values[index], expression, connection)
    return tuple(values)
