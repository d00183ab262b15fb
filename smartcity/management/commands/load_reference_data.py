"""`python manage.py load_reference_data`: regions, provinces, kinds, dimensions, bodies, settings.

Safe to run on every deploy: a second run creates nothing and leaves staff edits alone.
Reference data only (no accounts, no proposals: those are demo/'s). It lives in smartcity, the
layer that spans apps, because each app owns its own rows and loader: provinces the regions,
provinces and kinds, dimensions the dimensions, reviews the three bodies, applications the
programme's rules (one row of defaults staff then edit).
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import ProgrammeSettings
from dimensions.models import Dimension, Indicator, SubCriterion
from dimensions.services import load_dimensions
from provinces.models import OrganisationKind, Province, Region
from provinces.services import load_organisation_kinds, load_regions_and_provinces
from reviews.models import Body
from reviews.services import load_bodies


class Command(BaseCommand):
    # Plain string: argparse rejects lazy translations, and Django's own commands leave help untranslated.
    help = "Load or refresh the reference data: regions, provinces, kinds of organisation, dimensions, bodies."

    def handle(self, *args, **options):
        # One transaction: a half-loaded province table (provinces without regions) is worse than none.
        with transaction.atomic():
            done: Counter = Counter()
            done += load_regions_and_provinces()
            done += load_organisation_kinds()
            done += load_dimensions()
            done += load_bodies()
            ProgrammeSettings.load()
        if options["verbosity"] >= 1:
            self.stdout.write(
                _(
                    "Reference data: %(regions)d regions, %(provinces)d provinces, %(kinds)d kinds of organisation, "
                    "%(dimensions)d dimensions, %(subcriteria)d sub-criteria, %(indicators)d indicators, "
                    "%(bodies)d bodies; %(created)d created, %(updated)d updated."
                )
                % {
                    "regions": Region.objects.count(),
                    "provinces": Province.objects.count(),
                    "kinds": OrganisationKind.objects.count(),
                    "dimensions": Dimension.objects.count(),
                    "subcriteria": SubCriterion.objects.count(),
                    "indicators": Indicator.objects.count(),
                    "bodies": Body.objects.count(),
                    "created": done["created"],
                    "updated": done["updated"],
                }
            )
