"""Periodic tasks: expired sessions cleared, and a beat schedule of registered tasks.

(The re-evaluation tasks have their own tests: test_reevaluation*.py.)"""

from django.conf import settings

from portal.celery import app as portal_app
from tests.factories import CASEY


def test_expired_sessions_and_their_unsaved_self_checks_are_cleared(db):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from screening.selfcheck import SESSION_KEY
    from screening.tasks import expired_sessions_clear

    keys = {}
    for name, expiry in (("expired", "2001-01-01"), ("live", "2999-01-01")):
        session = SessionStore()
        session[SESSION_KEY] = CASEY
        session.create()
        Session.objects.filter(pk=session.session_key).update(expire_date=f"{expiry}T00:00Z")
        keys[name] = session.session_key
    expired_sessions_clear.apply().get()
    assert list(Session.objects.values_list("pk", flat=True)) == [keys["live"]]


def test_the_beat_schedule_names_registered_tasks():
    portal_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule and all(entry["task"] in portal_app.tasks for entry in schedule.values())
