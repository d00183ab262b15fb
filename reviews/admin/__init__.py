"""The reviews admin, split by subject; importing the modules registers each model once."""

from . import bodies, evaluation, meetings, voting  # noqa: F401
