from pathlib import Path

from django.core.management.base import BaseCommand

from smartcity import backups


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or the SQLite file) and MEDIA_ROOT into a new dated directory."

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", default="var/backups", help="where to make the dated directory")

    def handle(self, target, **options):
        made = backups.backup(Path(target))
        self.stdout.write(str(made))
