"""Every model of the project that points at a person is answered for by a personal-data source."""

from django.apps import apps
from django.conf import settings

from core.personal_data import sources
from tests.project import project_app_labels


def test_every_model_pointing_at_a_person_is_in_some_source():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    pointing = {
        m._meta.label for label in project_app_labels() for m in apps.get_app_config(label).get_models()
        if m is user_model or any(getattr(f, "related_model", None) is user_model and f.concrete
                                  for f in m._meta.get_fields())
    }
    covered = {label for source in sources() for label in source.models}
    assert pointing - covered == set()


def test_the_person_s_own_row_is_anonymised_last():
    assert sources()[-1].key == "accounts.profile"
