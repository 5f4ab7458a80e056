"""List the records whose review is overdue and the figures marked unconfirmed.
With --fail-on-stale, exit with status 1 when any record needs review (for a
scheduled job that should alert someone)."""

from django.core.management.base import BaseCommand, CommandError

from publishing.models import content_models, unconfirmed_figure_filter


class Command(BaseCommand):
    help = "Print records that need review (last reviewed too long ago) and figures marked unconfirmed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on-stale",
            action="store_true",
            help="Exit with status 1 when any record needs review.",
        )

    def handle(self, *args, fail_on_stale=False, **options):
        stale_total = 0
        self.stdout.write("Records that need review")
        for model in content_models():
            cutoff = model.review_cutoff()
            stale = list(model.objects.needs_review().order_by("last_reviewed", "pk"))
            stale_total += len(stale)
            for record in stale:
                self.stdout.write(
                    f"  {model._meta.verbose_name}: {record} [{record.get_status_display()}] "
                    f"last reviewed {record.last_reviewed.isoformat()} (due after {cutoff.isoformat()}) "
                    f"{self.admin_path(record)}"
                )
        if not stale_total:
            self.stdout.write("  none")

        self.stdout.write("Figures marked unconfirmed")
        unconfirmed_total = 0
        for model in content_models():
            if not model.figures:
                continue
            for record in model.objects.filter(unconfirmed_figure_filter(model)).order_by("pk"):
                for name, citation in record.unconfirmed_figures():
                    unconfirmed_total += 1
                    note = f": {citation.editor_note}" if citation.editor_note else ""
                    self.stdout.write(
                        f"  {model._meta.verbose_name}: {record} [{record.get_status_display()}] "
                        f"{name}{note} {self.admin_path(record)}"
                    )
        if not unconfirmed_total:
            self.stdout.write("  none")

        self.stdout.write(f"{stale_total} record(s) need review, {unconfirmed_total} figure(s) unconfirmed.")
        if fail_on_stale and stale_total:
            raise CommandError(f"{stale_total} record(s) need review.", returncode=1)

    @staticmethod
    def admin_path(record):
        opts = record._meta
        return f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/"
