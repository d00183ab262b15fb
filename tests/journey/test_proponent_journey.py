"""A municipal officer's whole journey in headless Chromium: sign in, write every step of a
proposal while the checklist empties, attach a PDF (and have a forged one refused),
submit, receive the Office's request for revision, answer it, and read the difference
between the two versions and the timeline. In Thai, and once in English.

Screenshots of each step go to BROWSER_SCREENSHOTS (or a temporary folder), printed
and recorded in the test report as the ``screenshots`` property.
"""

import datetime
import time

import pytest
from django.utils import timezone

from applications.enums import State
from applications.models import Proposal as ProposalRow
from tests.annexes.conftest import pdf_bytes
from tests.signin import PASSWORD

from . import handing_in, steps
from .texts import Texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = pdf_bytes()  # a real PDF: the upload check parses and rewrites it
FORGED = b"<!DOCTYPE html><html><body><script>alert('not a plan')</script></body></html>\n"
NOTE = "กรุณาปรับวิสัยทัศน์ให้สอดคล้องกับเป้าหมายลดคาร์บอน\nและระบุปีที่จะบรรลุให้ชัดเจน"

LOCALES = {"th": "th-TH", "en": "en-US"}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_proponent_journey(lang, new_context, live_server, officer, screener, media, screenshot_dir, tmp_path,
                           record_property):
    started = time.monotonic()
    t = Texts(lang)
    shots = steps.Shots(screenshot_dir / f"journey-{lang}")
    shots.folder.mkdir(parents=True, exist_ok=True)
    print(f"\nScreenshots ({lang}): {shots.folder}")
    record_property("screenshots", str(shots.folder))
    data = steps.Proposal()
    pdf = tmp_path / "แผนแม่บทเมืองอัจฉริยะขอนแก่น.pdf"
    pdf.write_bytes(PDF)
    forged = tmp_path / "หนังสือสนับสนุน.pdf"
    forged.write_bytes(FORGED)
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    proponent = steps.Person(new_context(LOCALES[lang]).new_page(), live_server.url, t, shots)
    staff = steps.Person(new_context(LOCALES[lang]).new_page(), live_server.url, t, shots)

    # 1. Sign in through the form: the dashboard, in the journey's language.
    steps.sign_in(proponent, officer.username, PASSWORD)
    steps.dashboard_is_empty(proponent)

    # 2. A new proposal, every step written through its fields; the checklist empties as it goes.
    pk = steps.create_proposal(proponent, data)
    steps.write_area(proponent, pk, data)
    steps.write_infrastructure(proponent, pk, data)
    steps.write_platform(proponent, pk, data)
    steps.write_dimensions(proponent, pk, data)
    steps.write_management(proponent, pk, data)
    steps.review(proponent, data)
    row = ProposalRow.objects.get(pk=pk)
    assert (row.name_en, row.population, str(row.total_budget_thb)) == (data.name_en, 113754, "5000000.00")
    assert sorted(p.dimension.code for p in row.plans.all()) == ["ENV", "MOB"]

    # 3. A real PDF is attached; HTML named .pdf is refused and nothing of it is kept.
    steps.annexes(proponent, pk, pdf, forged, media)

    # 4. Submitted from the review step: version 1 is frozen and the editor is closed.
    handing_in.submit(proponent, pk, data)

    # 5. The Office, in its own browser, screens it and asks for revisions with a note and a deadline.
    steps.sign_in(staff, screener.username, PASSWORD)
    handing_in.return_for_revision(staff, pk, NOTE, deadline)
    handing_in.sees_revision_request(proponent, pk, NOTE, deadline)

    # 6. The officer revises the vision and resubmits; versions 1 and 2 differ only there.
    handing_in.resubmit(proponent, pk, data)
    handing_in.compare(proponent, pk, data)

    # 7. The timeline has every step, dated (B.E. in Thai).
    handing_in.timeline(proponent, pk, NOTE, deadline)

    assert ProposalRow.objects.get(pk=pk).status == State.SCREENING
    assert not shots.findings, "\n".join(shots.findings)
    elapsed = time.monotonic() - started
    record_property("seconds", round(elapsed, 1))
    print(f"Journey ({lang}) took {elapsed:.1f}s; {shots.n} screenshots in {shots.folder}")
