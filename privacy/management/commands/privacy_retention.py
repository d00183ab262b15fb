from django.core.management.base import BaseCommand

from privacy.services import retention_sweep


class Command(BaseCommand):
    help = "Delete sign-in history, notifications and unused invitations older than the periods the Office set."

    def handle(self, *args, **options):
        for key, count in retention_sweep().items():
            self.stdout.write(f"{key}: {count} deleted")
