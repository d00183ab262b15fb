"""What monitoring plugs into the workflow (applications.hooks), from MonitoringConfig.ready()."""

from applications import hooks
from applications.enums import Action

from .guards import renewal_problems


def connect() -> None:
    hooks.guard_register(action=Action.RENEW, guard=renewal_problems)
