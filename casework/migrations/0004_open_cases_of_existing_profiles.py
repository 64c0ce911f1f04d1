"""A case for every applicant profile stored before casework existed (new, unassigned)."""

import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations

CHUNK = 2000


def open_cases(apps, schema_editor):
    Profile = apps.get_model("screening", "ApplicantProfile")
    Case = apps.get_model("casework", "Case")
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    days = datetime.timedelta(days=settings.CASE_DUE_DAYS)
    rows = Profile.objects.filter(case__isnull=True).values_list("pk", "created_at")
    batch = []
    for pk, created_at in rows.iterator(chunk_size=CHUNK):
        due = created_at.astimezone(zone).date() + days
        batch.append(Case(profile_id=pk, received_at=created_at, due_date=due, updated_at=created_at))
        if len(batch) == CHUNK:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_cases"),
        ("screening", "0008_entry_decisions_and_queue_indexes"),
    ]

    operations = [migrations.RunPython(open_cases, migrations.RunPython.noop)]
