from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from careerportal.search.index import rebuild, uses_entries


class Command(BaseCommand):
    help = (
        "Rewrite the search entries from the records. Saving a record keeps its entry "
        "current; run this after writes that skip signals, such as bulk_create or QuerySet.update."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        if not uses_entries(database):
            self.stdout.write("Nothing to do: only PostgreSQL and SQLite keep search entries.")
            return
        counts = rebuild(using=database)
        self.stdout.write(", ".join(f"{key}: {count}" for key, count in counts.items()))
