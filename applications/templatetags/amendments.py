"""The amendments panel and the timeline's amendments (defined in applications.amendments.panels)."""

from applications.amendments.panels import register  # noqa: F401
