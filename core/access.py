"""The two questions every layer asks of a user: signed in? one of the Smart City Office?

They read only flags of the project's user model (``AUTH_USER_MODEL``), as Django's own
admin reads ``is_staff``, so the shared admin pieces here need not import ``accounts``,
whose other predicates (evaluator, member of an organisation) start from these.
"""


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_office_staff(user) -> bool:
    return is_signed_in(user) and (user.is_office_staff or user.is_superuser)
