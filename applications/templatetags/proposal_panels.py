"""The proposal page's annexes and versions panels (defined in applications.annexes.panels)."""

from applications.annexes.panels import register  # noqa: F401
