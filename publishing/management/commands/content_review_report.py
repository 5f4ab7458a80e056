"""List the records whose review is overdue or whose Spanish text is older than
their English, the figures marked unconfirmed, and
the figures that are possibly out of date (by settings.FIGURE_OUTDATED_AFTER_YEARS),
undated or backed only by a third party.
With --fail-on-stale, exit with status 1 when any record needs review (for a
scheduled job that should alert someone)."""

from django.core.management.base import BaseCommand, CommandError

from publishing.models import FigureWarning, content_models, figure_records, unconfirmed_figure_filter


class Command(BaseCommand):
    help = (
        "Print records that need review (last reviewed too long ago), figures marked unconfirmed, and figures "
        "that are possibly out of date, undated or third-party only."
    )

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
                spanish = "; Spanish text older than the English" if record.spanish_is_outdated else ""
                self.stdout.write(
                    f"  {model._meta.verbose_name}: {record} [{record.get_status_display()}] "
                    f"last reviewed {record.last_reviewed.isoformat()} (due after {cutoff.isoformat()}){spanish} "
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

        warned = self.write_figure_warnings()
        self.stdout.write(
            f"{stale_total} record(s) need review, {unconfirmed_total} figure(s) unconfirmed, "
            f"{warned[FigureWarning.OUTDATED]} possibly out of date, {warned[FigureWarning.UNDATED]} undated, "
            f"{warned[FigureWarning.THIRD_PARTY]} third-party only, {warned[FigureWarning.COPY]} from copy hosts."
        )
        if fail_on_stale and stale_total:
            raise CommandError(f"{stale_total} record(s) need review.", returncode=1)

    def write_figure_warnings(self):
        """One section per kind of warning; returns the count of each."""
        found = {warning: [] for warning in FigureWarning}
        for model in content_models():
            if not model.figures:
                continue
            for record in figure_records(model):
                for name, citation, reasons in record.figure_warnings():
                    for reason in reasons:
                        found[reason].append((model, record, name, citation))
        headings = {
            FigureWarning.OUTDATED: "Figures possibly out of date",
            FigureWarning.UNDATED: "Figures from undated pages",
            FigureWarning.THIRD_PARTY: "Figures whose only source is a third party",
            FigureWarning.COPY: "Figures cited from staging, test or copy hosts",
        }
        for warning, rows in found.items():
            self.stdout.write(headings[warning])
            for model, record, name, citation in rows:
                dated = citation.as_of or citation.read_on
                self.stdout.write(
                    f"  {model._meta.verbose_name}: {record} [{record.get_status_display()}] {name} "
                    f"({citation.as_of_label or dated}; source: {citation.source.url}) {self.admin_path(record)}"
                )
            if not rows:
                self.stdout.write("  none")
        return {warning: len(rows) for warning, rows in found.items()}

    @staticmethod
    def admin_path(record):
        opts = record._meta
        return f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/"
