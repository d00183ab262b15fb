from django.apps import AppConfig


class DemoConfig(AppConfig):
    # No models and no pages: three management commands and the code they run.
    name = "demo"
    verbose_name = "Demo and benchmark data"
