"""content_review_report lists stale records and unconfirmed figures; --fail-on-stale exits 1."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from publishing.models import Confirmation, PublicationStatus
from tests.factories import CertificationFactory, OutlookFigureFactory

pytestmark = pytest.mark.django_db


def report(*args):
    out = io.StringIO()
    call_command("content_review_report", *args, stdout=out)
    return out.getvalue()


def test_nothing_to_report():
    CertificationFactory()
    output = report("--fail-on-stale")
    assert "0 record(s) need review, 0 figure(s) unconfirmed." in output


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
    assert "2 record(s) need review, 1 figure(s) unconfirmed." in output


def test_fail_on_stale_exits_1_when_any_record_needs_review():
    CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    with pytest.raises(CommandError) as raised:
        report("--fail-on-stale")
    assert raised.value.returncode == 1  # manage.py exits with this status
    assert report()  # without the flag it only reports


def test_unconfirmed_figures_alone_do_not_fail_the_job():
    OutlookFigureFactory(figure_confirmation=Confirmation.UNCONFIRMED)
    assert "1 figure(s) unconfirmed" in report("--fail-on-stale")
