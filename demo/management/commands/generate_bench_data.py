import random
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

from applications.models import Proposal, StatusChange
from demo import benchdata, benchpeople
from register.cache import bump


class Command(BaseCommand):
    help = (
        "Fill the database with believable proposals in every state and their history, for the "
        "benchmark (bench/). Bulk writes: minutes for 100,000 proposals on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--proposals", type=int, default=1000, help="how many proposals to make")
        parser.add_argument("--batch", type=int, default=2000, help="proposals written per batch")
        parser.add_argument("--seed", type=int, default=2562, help="random seed (same seed, same data)")
        parser.add_argument("--clear", action="store_true", help="first remove what an earlier run made")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (never in production)")
        parser.add_argument("--people-only", action="store_true",
                            help="only add the page benchmark's people (proponent, evaluator, members) to data "
                                 "made earlier")

    def handle(self, *args, proposals, batch, seed, clear, force, people_only=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_bench_data writes 100,000s of invented proposals: it runs with DEBUG=true, "
                "or with --force on a database meant for benchmarks."
            )
        if proposals < 1 or batch < 1:
            raise CommandError("--proposals and --batch must be at least 1")
        started = time.monotonic()
        if people_only:
            if not benchdata.bench_proposals().exists():
                raise CommandError("no bench proposals yet: run without --people-only first")
            self._people(random.Random(seed))
            return
        if clear:
            removed = benchdata.clear()
            self.stdout.write(f"removed {removed} bench proposals and what belonged to them")
        existing = benchdata.bench_proposals().count()
        if existing:
            raise CommandError(f"{existing} bench proposals are already there: add --clear to replace them")

        rng = random.Random(seed)
        world = benchdata.World(rng)
        maker = benchdata.Batch(rng, world)
        made = changes = 0
        while made < proposals:
            n, c = maker.make(min(batch, proposals - made))
            made, changes = made + n, changes + c
            self._progress(made, proposals, started)
        sys.stderr.write("\n")
        self._people(rng)
        bump()  # bulk writes send no signals: the register's cached pages are stale now
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics and visibility map after a bulk load, as autovacuum would give
            # them later: the planner then counts the register from its index.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

        self.stdout.write(
            f"made {made} proposals with {changes} history rows ({changes / made:.1f} each), "
            f"{len(world.orgs)} organisations with a proponent each, "
            f"{sum(len(m) for m in world.meetings.values())} meetings, in {time.monotonic() - started:.0f} s"
        )
        by_state = (
            benchdata.bench_proposals().values("status").annotate(n=Count("pk")).order_by("-n")
        )
        self.stdout.write("by state: " + ", ".join(f"{r['status']} {r['n']}" for r in by_state))
        self.stdout.write(
            f"database now: {Proposal.objects.count()} proposals, {StatusChange.objects.count()} history rows"
        )

    def _people(self, rng):
        for line in benchpeople.make_people(rng).values():
            self.stdout.write(line)

    def _progress(self, done, total, started):
        # A progress bar on stderr, redrawn in place; stdout keeps only the summary.
        width = 40
        filled = int(width * done / total)
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        left = (total - done) / rate if rate else 0
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} proposals "
            f"{rate:,.0f}/s, {left:,.0f} s left "
        )
        sys.stderr.flush()
