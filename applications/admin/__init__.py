"""The applications admin, split by subject; importing the modules registers them."""

from . import proposals, records  # noqa: F401
