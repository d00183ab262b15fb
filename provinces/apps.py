from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    name = "provinces"
    default_auto_field = "django.db.models.BigAutoField"
