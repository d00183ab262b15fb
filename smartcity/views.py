from django.shortcuts import render

from accounts.permissions import is_office_staff, organisation_ids
from applications.editor.dashboard import dashboard_rows
from applications.selectors import proposal_list


def home(request):
    """A member of a proponent organisation gets their dashboard; staff and visitors the list."""
    user = request.user
    if organisation_ids(user) and not is_office_staff(user):
        return render(request, "home.html", {"dashboard": dashboard_rows(user)})
    proposals = proposal_list(user).order_by("-updated_at", "-id")[:20]
    return render(request, "home.html", {"proposals": proposals})
