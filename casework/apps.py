from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """Placement officers' casework: cases, documents on file, notices, eligible lists."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "casework"
    verbose_name = "Casework"

    def ready(self):
        from casework.services.cases import cases_open_on_profiles_created
        from screening.signals import profiles_created

        profiles_created.connect(cases_open_on_profiles_created, dispatch_uid="casework-open-cases")
