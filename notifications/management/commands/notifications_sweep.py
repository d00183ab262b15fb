from django.core.management.base import BaseCommand

from notifications import delivery, reminders, webhooks


class Command(BaseCommand):
    help = (
        "What Celery beat does, for a setup without a broker (make run): deliver what is owed "
        "(retries that fell due, rows never queued), write due reminders, and with --digest send the daily digests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="also send the daily digests")

    def handle(self, *args, **options):
        written = reminders.run_all()
        outcome = delivery.send_pending(None, max_rows=20_000)
        hooks = webhooks.send_pending(None)
        digests = delivery.send_digests() if options["digest"] else 0
        self.stdout.write(
            f"reminders written {sum(written.values())}, e-mails sent {outcome.sent}, "
            f"webhooks delivered {hooks}, digests sent {digests}"
        )
