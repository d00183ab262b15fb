from django.core.management.base import BaseCommand

from notifications.templates_load import load


class Command(BaseCommand):
    help = "Add the default notification templates that are missing (edited ones are kept)."

    def handle(self, *args, **options):
        self.stdout.write(f"{load()} notification templates added")
