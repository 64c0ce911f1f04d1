"""Set-based writes for the bulk paths, in plain SQL (PostgreSQL and SQLite alike).

The ORM's bulk_create/bulk_update resolve an expression per value; at a million rows that is
most of the time. These take rows as tuples and send them in large pages: `execute_values` on
PostgreSQL, `executemany` on SQLite (a prepared statement per page).
"""

from collections.abc import Sequence

from django.db import connection

PAGE = 5000


def db_datetime(value):
    """A datetime as the backend stores it (SQLite: naive UTC text; PostgreSQL: as is)."""
    return connection.ops.adapt_datetimefield_value(value)


def rows_insert(
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    conflict: Sequence[str] = (),
    update: Sequence[str] = (),
) -> None:
    """INSERT the rows; with `conflict`, rows whose key exists update `update` instead."""
    if not rows:
        return
    names = ", ".join(columns)
    tail = ""
    if conflict:
        sets = ", ".join(f"{column} = excluded.{column}" for column in update)
        tail = f" ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {sets}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            sql = f"INSERT INTO {table} ({names}) VALUES %s{tail}"
            execute_values(cursor.cursor, sql, rows, page_size=PAGE)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks}){tail}"
            for start in range(0, len(rows), PAGE):
                cursor.executemany(sql, rows[start : start + PAGE])


def rows_update(table: str, key: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """UPDATE `columns` of the rows whose `key` is the tuple's first value."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            sets = ", ".join(f"{column} = v.{column}" for column in columns)
            names = ", ".join([key, *columns])
            sql = (
                f"UPDATE {table} AS t SET {sets} FROM (VALUES %s) AS v({names}) "
                f"WHERE t.{key} = v.{key}"
            )
            template = (
                "(" + ", ".join(["%s"] + [f"%s::{_pg_type(table, c)}" for c in columns]) + ")"
            )
            execute_values(cursor.cursor, sql, rows, template=template, page_size=PAGE)
        else:
            sets = ", ".join(f"{column} = %s" for column in columns)
            sql = f"UPDATE {table} SET {sets} WHERE {key} = %s"
            shifted = [(*row[1:], row[0]) for row in rows]
            for start in range(0, len(shifted), PAGE):
                cursor.executemany(sql, shifted[start : start + PAGE])


_TYPES: dict[tuple[str, str], str] = {}


def _pg_type(table: str, column: str) -> str:
    """The column's SQL type, so that VALUES of text (JSON, dates) cast as the column wants."""
    if (table, column) not in _TYPES:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                "WHERE a.attrelid = %s::regclass AND a.attname = %s",
                [table, column],
            )
            _TYPES[(table, column)] = cursor.fetchone()[0]
    return _TYPES[(table, column)]
