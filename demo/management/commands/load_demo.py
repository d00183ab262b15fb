"""`python manage.py load_demo`: demo accounts, organisations and proposals in every state (DEBUG only)."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.load import DemoRefused, load_demo
from demo.people import PEOPLE


class Command(BaseCommand):
    # Plain string: argparse rejects lazy translations.
    help = (
        "Load demo data (DEBUG only): users for every role, organisations in several provinces and "
        "proposals standing in every state. Safe to re-run; resets the demo password to DEMO_PASSWORD."
    )

    def handle(self, *args, **options):
        # Without a broker each back-dated move's delivery task runs in-process and logs a line,
        # though it finds nothing to send (the demo marks old news delivered): keep the output to the summary.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(logging.WARNING)
        try:
            counts = load_demo()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        finally:
            trace.setLevel(level)
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            _(
                "Demo data: %(users)d users, %(organisations)d organisations, %(proposals)d proposals and "
                "%(meetings)d meetings created; %(skipped)d proposals were already there."
            )
            % {
                "users": counts["users"],
                "organisations": counts["organisations"],
                "proposals": counts["proposals"],
                "meetings": counts["meetings"],
                "skipped": counts["proposals_skipped"],
            }
        )
        self.stdout.write(_("Accounts (password from DEMO_PASSWORD): %(names)s") % {
            "names": ", ".join(p.username for p in PEOPLE)
        })
