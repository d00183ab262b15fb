"""Which installed apps are the project's own: their code is in the checkout, and not in the
virtualenv that `make` creates inside it (.venv)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_app_labels() -> list:
    base = Path(settings.BASE_DIR).resolve()
    ours = [(c.label, Path(c.path).resolve()) for c in apps.get_app_configs()]
    return [label for label, path in ours if path.is_relative_to(base) and not path.is_relative_to(base / ".venv")]
