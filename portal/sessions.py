"""Django's database sessions, the session read by SQL written once a process.

Each signed-in request reads its session: building and compiling the ORM's `get` cost several
times what running it did. Only the query's text is kept; the row is read afresh each request
(an expired or deleted session is gone on the next one), and everything else is Django's.
"""

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseStore):
    def load(self):
        """As Django's: the unexpired session's data of this key ({}, and no key, if none)."""
        data = self._session_data_from_db()
        if data is None:
            self._session_key = None
            return {}
        return self.decode(data)

    def _session_data_from_db(self):
        model = self.model
        db = connections[router.db_for_read(model)]
        expire_date = model._meta.get_field("expire_date")
        now = expire_date.get_db_prep_value(timezone.now(), db)
        with db.cursor() as cursor:
            cursor.execute(_session_sql(db.vendor, model), [self.session_key, now])
            row = cursor.fetchone()
        return None if row is None else row[0]


@functools.cache
def _session_sql(vendor: str, model) -> str:
    """`vendor` keys the quoting (tests run on SQLite and PostgreSQL)."""
    qn = connections[router.db_for_read(model)].ops.quote_name
    meta = model._meta

    def column(name):
        return qn(meta.get_field(name).column)

    return (
        f"SELECT {column('session_data')} FROM {qn(meta.db_table)} "
        f"WHERE {column('session_key')} = %s AND {column('expire_date')} > %s"
    )
