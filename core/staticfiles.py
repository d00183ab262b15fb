"""Static files that live inside installed Python packages (fonts).

Fonts come from PyPI packages pinned in requirements.txt; staticfiles serves
them straight from the package folder (and ``collectstatic`` copies them), so
no binary font file is kept in git.
"""

from importlib import resources
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def package_dir(package: str, subdir: str = "files") -> Path:
    """The folder ``subdir`` inside the installed ``package``, checked to exist."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        raise ImproperlyConfigured(
            f"The Python package {package!r} is not installed: run pip install -r requirements.txt"
        ) from None
    folder = Path(str(root / subdir))
    if not folder.is_dir():
        raise ImproperlyConfigured(f"The package {package!r} has no folder {subdir!r} ({folder})")
    return folder

