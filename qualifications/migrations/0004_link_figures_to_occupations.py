"""Existing pay and outlook figures move from the careers page onto occupation records.

The figures published so far describe medical records specialists (SOC 29-2072) or the wider
BLS handbook group that contains them; they are linked to that occupation, created here when
missing (published if any of its figures is). Salary surveys name the credential surveyed in
brackets, e.g. "Certified Professional Coders (CPC)"; they are linked to that certification."""

import re

from django.db import migrations

CODER_SLUG = "medical-records-specialists"
CODER = {
    "name": "Medical records specialists",
    "soc_code": "29-2072",
    "onet_code": "29-2072.00",
    "summary": (
        "Medical records specialists compile, process and maintain patient records, and translate diagnoses, "
        "procedures, services and equipment into codes. O*NET counts medical coders in this occupation."
    ),
}
CODE_IN_BRACKETS = re.compile(r"\(([A-Za-z-]+)\)\s*$")


def is_coder_figure(figure):
    return figure.soc_code == "29-2072" or figure.group.lower().startswith("medical records")


def link(apps, schema_editor):
    OutlookFigure = apps.get_model("qualifications", "OutlookFigure")
    Occupation = apps.get_model("qualifications", "Occupation")
    Certification = apps.get_model("certifications", "Certification")
    figures = list(OutlookFigure.objects.filter(occupation__isnull=True, certification__isnull=True))
    coder_figures = [f for f in figures if f.kind != "salary_survey" and is_coder_figure(f)]
    if coder_figures:
        published = any(f.status == "published" for f in coder_figures)
        occupation, _created = Occupation.objects.get_or_create(
            slug=CODER_SLUG, defaults={**CODER, "status": "published" if published else "draft"}
        )
        OutlookFigure.objects.filter(pk__in=[f.pk for f in coder_figures]).update(occupation=occupation)
    for figure in figures:
        match = CODE_IN_BRACKETS.search(figure.group)
        if figure.kind == "salary_survey" and match:
            certification = Certification.objects.filter(code__iexact=match.group(1)).first()
            if certification is not None:
                OutlookFigure.objects.filter(pk=figure.pk).update(certification=certification)


def unlink(apps, schema_editor):
    OutlookFigure = apps.get_model("qualifications", "OutlookFigure")
    Occupation = apps.get_model("qualifications", "Occupation")
    OutlookFigure.objects.update(occupation=None, certification=None)
    Occupation.objects.filter(slug=CODER_SLUG, tasks="").delete()


class Migration(migrations.Migration):
    dependencies = [("qualifications", "0003_occupations"), ("certifications", "0001_initial")]

    operations = [migrations.RunPython(link, unlink)]
