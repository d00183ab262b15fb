"""The public register: the list of cities and a page per city (no sign-in)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from applications.enums import State

from . import cache
from .filters import CityFilter
from .selectors import city_list, get_city

PER_PAGE = 25
EARLIER = (State.PROMOTION_ZONE, State.EVALUATION, State.ON_AGENDA)


def city_list_page(request):
    return cache.cached_page("list", request, lambda: _city_list_page(request))


def _city_list_page(request):
    def body():
        filterset = CityFilter(request.GET, queryset=city_list())
        # Invalid values (an unknown province code) are left out, the others still apply.
        page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string(
            "register/_city_list_body.html",
            {"filter": filterset, "page": page, "query": query.urlencode()},
            request=None,
        )

    return render(request, "register/city_list.html", {"body": mark_safe(body())})  # noqa: S308


def city_page(request, pk):
    return cache.cached_page(f"city-{pk}", request, lambda: _city_page(request, pk))


def _city_page(request, pk):
    def body():
        # 404 before anything is stored: nothing is cached for a proposal that is not public.
        city = get_city(pk)
        record = _record(city)
        history = city.public_history
        if record is not None:
            # The record gives the decisions (subcommittee, committee, certificate), not the
            # dates of the steps before them: those are not shown as if they were known.
            history = [c for c in history if c.to_state not in EARLIER]
        approval = next((c for c in reversed(history) if c.to_state == State.APPROVED and c.resolution_id), None)
        return render_to_string(
            "register/_city_body.html",
            {"city": city, "history": history, "approval": approval, "record": record,
             "plans": list(city.plans.all())},
            request=None,
        )

    return render(request, "register/city_detail.html", {"body": mark_safe(body())})  # noqa: S308


def _record(city):
    try:
        return city.public_record
    except city._meta.model.public_record.RelatedObjectDoesNotExist:
        return None
