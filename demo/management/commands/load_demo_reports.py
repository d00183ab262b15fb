"""`python manage.py load_demo_reports`: annual reports for the demo's certified cities (DEBUG only)."""

from django.core.management.base import BaseCommand

from demo.reports import load_demo_reports


class Command(BaseCommand):
    help = "Demo annual progress reports for the demo's certified cities (DEBUG only; safe to re-run)."

    def handle(self, *args, **options):
        counts = load_demo_reports()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"demo reports: {counts['accepted']} accepted, {counts['submitted']} submitted, "
                f"{counts['skipped']} already there"
            )
