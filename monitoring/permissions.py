"""Who may do what with a report: plain predicates."""

from accounts.permissions import is_member_of, is_office_staff

from .enums import EDITABLE

# A city reports while it holds a certificate (also while its renewal is considered).
REPORTING_STATES = ("certified", "renewal")


def can_write_report(user, report) -> bool:
    return report.state in EDITABLE and is_member_of(user, report.proposal.organisation_id)


def can_start_report(user, proposal) -> bool:
    return proposal.status in REPORTING_STATES and is_member_of(user, proposal.organisation_id)


def can_decide_report(user) -> bool:
    return is_office_staff(user)
