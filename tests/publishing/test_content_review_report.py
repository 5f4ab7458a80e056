"""content_review_report lists stale records, unconfirmed figures and figures that are possibly out of
date, undated or third-party only; --fail-on-stale exits 1."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from publishing.models import Confirmation, PublicationStatus
from tests.factories import CertificationFactory, OutlookFigureFactory, SourceFactory

pytestmark = pytest.mark.django_db


def report(*args):
    out = io.StringIO()
    call_command("content_review_report", *args, stdout=out)
    return out.getvalue()


def test_nothing_to_report():
    CertificationFactory()
    output = report("--fail-on-stale")
    assert (
        "0 record(s) need review, 0 figure(s) unconfirmed, 0 possibly out of date, 0 undated, 0 third-party only, "
        "0 from copy hosts." in output
    )


def test_lists_stale_records_drafts_included_and_unconfirmed_figures():
    old = timezone.localdate() - datetime.timedelta(days=400)
    stale = CertificationFactory(code="CPC", last_reviewed=old)
    draft = CertificationFactory(code="CRC", last_reviewed=old, status=PublicationStatus.DRAFT)
    figure = OutlookFigureFactory(
        label="Coder pay", figure_confirmation=Confirmation.UNCONFIRMED, figure_editor_note="BLS and AAPC disagree"
    )
    output = report()
    assert f"certification: {stale} [Published] last reviewed {old.isoformat()}" in output
    assert f"certification: {draft} [Draft]" in output
    assert f"/admin/certifications/certification/{stale.pk}/change/" in output
    assert "Coder pay" in output and "figure: BLS and AAPC disagree" in output
    assert f"/admin/qualifications/outlookfigure/{figure.pk}/change/" in output
    assert "2 record(s) need review, 1 figure(s) unconfirmed," in output


def test_fail_on_stale_exits_1_when_any_record_needs_review():
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    with pytest.raises(CommandError) as raised:
        report("--fail-on-stale")
    assert raised.value.returncode == 1  # manage.py exits with this status
    assert report()  # without the flag it only reports


def test_unconfirmed_figures_alone_do_not_fail_the_job():
    OutlookFigureFactory(figure_confirmation=Confirmation.UNCONFIRMED)
    assert "1 figure(s) unconfirmed" in report("--fail-on-stale")


def test_lists_outdated_undated_and_third_party_figures_by_the_one_rule(settings):
    settings.FIGURE_OUTDATED_AFTER_YEARS = {"price": 2, "exam": 3, "default": 3}
    today = timezone.localdate()
    cert = CertificationFactory(
        code="OLD",
        price_as_of=today.replace(year=today.year - 3),  # prices: out of date after 2 years
        exam_as_of=today.replace(year=today.year - 1),  # exam formats: after 3
        renewal_as_of=None,
        renewal_as_of_label="undated page",
        renewal_confirmation=Confirmation.SECONDARY,
    )
    output = report()
    outdated = output.split("Figures possibly out of date")[1].split("Figures from undated pages")[0]
    undated = output.split("Figures from undated pages")[1].split("Figures whose only source is a third party")[0]
    third_party = output.split("Figures whose only source is a third party")[1].split("Figures cited from")[0]
    assert f"certification: {cert} [Published] price" in outdated and " exam " not in outdated
    assert f"certification: {cert} [Published] renewal (undated page;" in undated
    assert f"certification: {cert} [Published] renewal" in third_party
    assert "1 possibly out of date, 1 undated, 1 third-party only, 0 from copy hosts." in output


def test_lists_figures_cited_from_copy_hosts():
    cert = CertificationFactory(
        code="COPY",
        exam_confirmation=Confirmation.SECONDARY,
        exam_source=SourceFactory(url="https://conference-test.ahima.org/cca"),
    )
    copies = report().split("Figures cited from staging, test or copy hosts")[1]
    assert f"certification: {cert} [Published] exam" in copies


def test_lists_a_record_whose_spanish_is_older_than_its_english():
    cert = CertificationFactory(summary="A coding credential.")
    cert.summary_es = "Una credencial de codificación."
    cert.save()
    cert.summary_en = "A coding credential for outpatient care."
    cert.save()
    output = report()
    assert f"certification: {cert} [Published] last reviewed" in output
    assert "Spanish text older than the English" in output
