"""``{% page_query param number %}``: the request's query with one page parameter changed.

Django's ``{% querystring page=… %}`` names the parameter in the template; a page with two
paged lists (open and submitted assignments) needs it as a variable, so ``_pager.html``
takes ``param`` and the filters in the query stay as they are.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param, number):
    params = context.request.GET.copy()
    params[param or "page"] = number
    return f"?{params.urlencode()}"
