"""Make the development signing key and certificate under SIGNING_DEV_DIR, once (`make run` calls it)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from reviews.documents import signing


class Command(BaseCommand):
    help = "Write a self-signed development key and certificate for signing documents, unless one exists."

    def handle(self, *args, **options):
        if settings.SIGNING_KEY or settings.SIGNING_CERT:
            self.stdout.write("SIGNING_KEY/SIGNING_CERT are set: documents are signed with them; nothing written.")
            return
        folder = settings.SIGNING_DEV_DIR
        if signing.devkey_generate(folder):
            self.stdout.write(f"Development signing key written to {folder} (documents say they are not official).")
        else:
            self.stdout.write(f"Development signing key already in {folder}.")
