from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartcity import backups


class Command(BaseCommand):
    help = "Restore the database and MEDIA_ROOT from a directory made by `manage.py backup` (replaces both)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the dated backup directory")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing the data")

    def handle(self, source, yes, **options):
        if not yes and input(f"Replace the database and uploaded files with {source}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        manifest = backups.restore(Path(source))
        now = backups.counts()
        for label, count in manifest["counts"].items():
            self.stdout.write(f"{label}: {now[label]} (backup: {count})")
        if now != manifest["counts"]:
            raise CommandError("The restored row counts differ from the backup's manifest.")
