from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """Placement officers' casework: cases, documents on file, notices, eligible lists."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "casework"
    verbose_name = "Casework"
