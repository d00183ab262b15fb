from django.apps import AppConfig


class DimensionsConfig(AppConfig):
    name = "dimensions"
    default_auto_field = "django.db.models.BigAutoField"
