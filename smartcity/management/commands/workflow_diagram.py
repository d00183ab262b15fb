"""Print the proposal workflow as a Mermaid state diagram.

The diagram is drawn from ``applications.workflow.MOVES``, the same table that
``transition()`` checks every move against, so the picture in the README cannot
drift from the code: regenerate it with ``manage.py workflow_diagram``.
"""

from django.core.management.base import BaseCommand

from applications import workflow


class Command(BaseCommand):
    help = "Print the proposal workflow (the table of allowed moves) as a Mermaid state diagram."

    def handle(self, *args, **options):
        self.stdout.write(workflow.mermaid(), ending="")
