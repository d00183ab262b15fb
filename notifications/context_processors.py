import functools

from .selectors import unread_count


def unread(request):
    """``notifications_unread`` on every page: counted once, and only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def count():
        return unread_count(user)

    return {"notifications_unread": count}
