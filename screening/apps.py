from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screening"
    verbose_name = "Screening"

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_logged_in

        from classification.models import StandardVersion
        from classification.signals import version_stored
        from screening.receivers import reevaluation_on_version_stored
        from screening.selfcheck import unsaved_forget_on_login

        user_logged_in.connect(unsaved_forget_on_login, dispatch_uid="selfcheck-forget-on-login")
        version_stored.connect(reevaluation_on_version_stored, dispatch_uid="reevaluate-on-store")

        # A standard edit stores a new version: record who stored which, and when.
        auditlog.register(
            StandardVersion,
            include_fields=["number", "digest", "title", "effective_date", "change_note"],
        )
