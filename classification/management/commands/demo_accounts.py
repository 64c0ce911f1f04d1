"""Create one demo account per role and print the log-ins (local use only)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.roles import APPLICANT, HR_ANALYST, PLACEMENT_OFFICER, role_grant, roles_ensure

DEMO_ACCOUNTS = (
    ("analyst", HR_ANALYST, True),
    ("officer", PLACEMENT_OFFICER, False),
    ("applicant", APPLICANT, False),
)


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts analyst, officer and applicant; print log-ins."

    def handle(self, *args, **options):
        if settings.HTTPS:
            raise CommandError("demo accounts are for local use; refused with HTTPS=true")
        roles_ensure()
        users = get_user_model()
        self.stdout.write("Demo log-ins (passwords are new on every run):")
        for username, role, staff in DEMO_ACCOUNTS:
            user, _ = users.objects.get_or_create(username=username)
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_staff = staff  # analysts maintain standards in the admin site
            user.save()
            user.groups.clear()
            role_grant(user=user, role=role)
            self.stdout.write(f"  {role:<18} user {username:<10} password {password}")
