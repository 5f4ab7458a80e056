"""The content the browser and page-size tests look at: the real starter content.

The pages are checked with the texts, badges, unconfirmed figures and long
lists visitors will see, loaded by `load_starter_content`.
"""

from io import StringIO

from django.core.management import call_command

from certifications.models import Certification
from qualifications.models import EducationStep, Occupation, QualificationPath, Skill

LIST_URLS = ["/", "/paths/", "/education/", "/certifications/", "/skills/", "/careers/"]
DETAIL_MODELS = (QualificationPath, EducationStep, Certification, Skill, Occupation)


def load_public_content():
    """Load the starter content; return the URLs of every public page."""
    call_command("load_starter_content", stdout=StringIO())
    return public_urls()


def public_urls():
    """Every list page, then every published detail page."""
    return LIST_URLS + [url for model in DETAIL_MODELS for url in detail_urls(model)]


def detail_urls(model):
    return [record.get_absolute_url() for record in model.objects.published()]
