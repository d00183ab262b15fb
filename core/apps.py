from django.apps import AppConfig


class CoreConfig(AppConfig):
    # The floor every app stands on: Thai dates and numbers, i18n helpers, the one
    # DomainError base, shared admin and form pieces. It imports no app of the project.
    name = "core"
