"""Pages of a list, with a count that stays cheap however long the list grows.

Every list a person can reach is paged (issue 16). Django's ``Paginator`` counts the whole
list to number the pages; on 100,000 proposals (a million history rows) that count costs
more than the page itself. :class:`BoundedPaginator` counts at most ``bound`` rows
(``SELECT COUNT(*) FROM (… LIMIT bound + 1)``, which stops early): the pager then reads
"page 3 of more than 200" and a reader narrows the list with its filters. A whole table
(no filter) that is longer than the bound is numbered by PostgreSQL's own estimate of its
rows, kept by ANALYZE, so the admin's "N results" stays about right at no cost. The
templates' ``_pager.html`` keeps the filters in its links.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

# Counted exactly up to this many rows; past it the pager says "more than".
COUNT_BOUND = 10_000


class BoundedPaginator(Paginator):
    """A paginator whose count stops at ``bound`` (``capped`` tells whether it did).

    Takes Django's positional arguments, so it also serves as a ModelAdmin's ``paginator``.
    """

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, bound=COUNT_BOUND):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.bound = bound

    @cached_property
    def count(self):
        qs = self.object_list
        if not hasattr(qs, "query"):  # a plain list: its length is known
            return len(qs)
        # Ordering is irrelevant to a count; a slice makes Django count in a LIMITed subquery.
        counted = qs.order_by()[: self.bound + 1].count()
        if counted > self.bound:
            self.capped = True
            return max(counted, _estimated_rows(qs))
        return counted

    capped = False


def _estimated_rows(qs) -> int:
    """PostgreSQL's estimate of a whole table's rows (0 if filtered, or on another database)."""
    connection = connections[qs.db]
    if connection.vendor != "postgresql" or qs.query.where or qs.query.distinct or qs.query.combinator:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [qs.model._meta.db_table])
        row = cursor.fetchone()
    return max(0, row[0]) if row else 0


def page_of(request, queryset, per_page, *, param="page", bound=COUNT_BOUND):
    """The page the request asks for (``?page=``), the last one if it asks past the end."""
    return BoundedPaginator(queryset, per_page, bound=bound).get_page(request.GET.get(param))
