from django.core.management.base import BaseCommand, CommandError

from careerportal.starter_content import StarterContentError, load_starter_content


class Command(BaseCommand):
    help = (
        "Create the starter content (sources, certifying bodies, code sets, certifications, education, "
        "skills, paths, career figures and topics) from the apps' data files. Records that already exist "
        "are skipped, never overwritten, so editors' changes survive a rerun."
    )

    def handle(self, *args, **options):
        try:
            load_starter_content(stdout=self.stdout)
        except StarterContentError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
