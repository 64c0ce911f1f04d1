from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClassificationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "classification"
    verbose_name = "Class standards"

    def ready(self):
        from portal.roles import roles_ensure_after_migrate

        post_migrate.connect(roles_ensure_after_migrate, sender=self)
