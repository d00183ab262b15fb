from django.db.models.signals import m2m_changed, post_delete, post_save

from . import cache


def connect():
    from applications.models import Proposal, StatusChange

    # A rename (any save of a proposal) and every move (certify, revoke, ...) clear the register.
    post_save.connect(cache.bump, sender=Proposal, dispatch_uid="register-proposal-saved")
    post_delete.connect(cache.bump, sender=Proposal, dispatch_uid="register-proposal-deleted")
    post_save.connect(_history, sender=StatusChange, dispatch_uid="register-status-change")
    m2m_changed.connect(cache.bump, sender=Proposal.provinces.through, dispatch_uid="register-provinces")


def _history(sender, created=False, **kwargs):
    if created:
        cache.bump()
