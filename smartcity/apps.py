from django.apps import AppConfig


class SmartcityConfig(AppConfig):
    # Holds project-wide pieces (health checks, Thai dates, management commands).
    name = "smartcity"
