from django.core.management.base import BaseCommand

from register.services import load_public_record


class Command(BaseCommand):
    help = "Load the published record of certified smart city areas (idempotent)."

    def handle(self, *args, **options):
        counts = load_public_record()
        self.stdout.write(
            f"public record: {counts['areas']} areas loaded, {counts['skipped']} already there, "
            f"{counts['meetings']} meetings created"
        )
