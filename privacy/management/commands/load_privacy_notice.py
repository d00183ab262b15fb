from django.core.management.base import BaseCommand

from privacy.defaults import FIRST_NOTICE
from privacy.models import PrivacyNotice
from privacy.services import notice_publish


class Command(BaseCommand):
    help = "Publish the first version of the privacy notice if there is none yet (the Office edits it later)."

    def handle(self, *args, **options):
        if PrivacyNotice.objects.exists():
            self.stdout.write("A privacy notice is already published: nothing to do.")
            return
        notice = notice_publish(**FIRST_NOTICE)
        self.stdout.write(f"Privacy notice version {notice.version} published.")
