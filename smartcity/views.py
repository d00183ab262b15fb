from django.shortcuts import render

from applications.selectors import proposal_list


def home(request):
    proposals = proposal_list(request.user).order_by("-updated_at", "-id")[:20]
    return render(request, "home.html", {"proposals": proposals})
