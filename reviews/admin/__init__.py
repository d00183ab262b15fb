"""The reviews admin, split by subject; importing the modules registers each model once."""

from . import bodies, evaluation, meetings, record, voting  # noqa: F401
