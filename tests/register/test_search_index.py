"""Issue 16: the search by name can be served by trigram indexes on PostgreSQL, in Thai and English.

``icontains`` is ``UPPER(name) LIKE UPPER('%…%')`` on PostgreSQL; the indexes (register
migration 0003) are on exactly ``UPPER(name)``, so the planner may use them. With a few
rows it would rather read the table, so the test takes the plain scans away and asks what
is left: the two trigram indexes, or-ed, for the register's search expression.
"""

import pytest
from django.db import connection
from django.db.models import Q

from applications.models import Proposal
from register.filters import CityFilter
from register.selectors import city_list
from tests.opendata.test_opendata import city

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.mark.parametrize("q", ["เชียง", "chiang"])
def test_the_name_search_can_use_the_trigram_indexes(on_postgres, q):
    city("57", name_th="นครเชียงรายสู่เมืองอัจฉริยะ", name_en="Chiang Rai Smart City")
    city("83", name_th="ภูเก็ตเมืองอัจฉริยะ", name_en="Phuket Smart City")
    found = CityFilter({"q": q}, queryset=city_list()).qs
    assert [p.name_en for p in found] == ["Chiang Rai Smart City"]  # the search itself

    # The same expression the filter builds (filter_q), alone.
    rows = Proposal.objects.filter(Q(name_th__icontains=q) | Q(name_en__icontains=q)).values("id")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Nor a walk of a whole b-tree in its order (the list indexes, applications 0011), the
        # other way a tiny table is read without a condition: the question is whether the name
        # condition itself can use an index, and GIN answers it only by a bitmap scan.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "register_proposal_name_th_trgm" in plan and "register_proposal_name_en_trgm" in plan, plan
