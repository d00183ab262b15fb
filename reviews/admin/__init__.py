"""The reviews admin, split by subject; importing the modules registers each model once."""

from . import bodies, evaluation, meetings, record, sitting, voting  # noqa: F401
