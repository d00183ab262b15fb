import pytest

from tests.factories import OrganisationFactory, StaffFactory, proponent, province
from tests.signin import with_password


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded annexes go to a folder of this test (to count what was kept)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def officer():
    """An officer of Khon Kaen City Municipality, with a password to type into the sign-in form."""
    organisation = OrganisationFactory(
        name_th="เทศบาลนครขอนแก่น", name_en="Khon Kaen City Municipality", province=province("40"),
    )
    return with_password(proponent(organisation=organisation, username="khonkaen.officer", first_name="สมหญิง",
                                   last_name="ใจงาม"))


@pytest.fixture
def screener():
    """A Smart City Office officer who screens proposals."""
    return with_password(StaffFactory(username="depa.screening", first_name="วิชัย", last_name="ตรวจเอกสาร"))


@pytest.fixture
def new_context(chromium, live_server):
    """Browser profiles (no cookies) at 1280×900 in a given locale; closed after the test."""
    made = []

    def make(locale):
        context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
