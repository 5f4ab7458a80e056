"""Eligibility requirements in the admin: an inline of the certification, under the same
publishing rules as a path's steps (held for a publisher on a published record), with the
model's checks as form errors."""

import pytest

from certifications.models import Requirement, RequirementKind
from publishing.models import Confirmation, PendingChange, PublicationStatus
from publishing.services import record_publish
from tests.factories import CertificationFactory, CertifyingBodyFactory, RequirementFactory, SourceFactory
from tests.publishing.conftest import form_data

pytestmark = pytest.mark.django_db


def change_url(cert):
    return f"/admin/certifications/certification/{cert.pk}/change/"


def with_new_requirement(data, **values):
    total = int(data["requirements-TOTAL_FORMS"])
    data["requirements-TOTAL_FORMS"] = str(total + 1)
    data.update({f"requirements-{total}-{name}": value for name, value in values.items()})
    return data


def requirement_values(source, **overrides):
    return {
        "route": "1",
        "kind": RequirementKind.EDUCATION,
        "education_level": "10",
        "rule_source": str(source.pk),
        "rule_as_of": "2025-01-01",
        "rule_confirmation": Confirmation.OFFICIAL,
        **overrides,
    }


def test_editor_adds_a_sourced_requirement_to_a_draft_certification(editor_client):
    cert = CertificationFactory(status=PublicationStatus.DRAFT)
    data = with_new_requirement(form_data(editor_client.get(change_url(cert))), **requirement_values(SourceFactory()))
    response = editor_client.post(change_url(cert), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert cert.requirements.get().education_level == 10


def test_editor_changes_to_a_published_certifications_requirements_are_held_until_published(editor_client, publisher):
    cert = CertificationFactory()
    RequirementFactory(certification=cert)
    data = with_new_requirement(form_data(editor_client.get(change_url(cert))), **requirement_values(SourceFactory()))
    data |= {"change_note": "Add the diploma rule", "_save": "Save"}
    assert editor_client.post(change_url(cert), data).status_code == 302
    assert cert.requirements.count() == 1  # visitors still see the published rules
    assert len(PendingChange.objects.for_record(cert).data["requirements"]) == 2
    record_publish(record=cert, user=publisher)
    assert cert.requirements.count() == 2


def test_requirement_without_a_source_is_a_form_error(publisher_client):
    cert = CertificationFactory()
    values = requirement_values(SourceFactory(), rule_source="")
    response = publisher_client.post(
        change_url(cert), with_new_requirement(form_data(publisher_client.get(change_url(cert))), **values)
    )
    assert response.status_code == 200
    assert "Choose the source of this figure" in response.content.decode()
    assert not Requirement.objects.exists()


def test_official_requirement_from_another_site_is_a_form_error(publisher_client):
    cert = CertificationFactory(body=CertifyingBodyFactory(official_domains="ahima.org"))
    values = requirement_values(SourceFactory(url="https://open-exam-prep.com/rhit"))
    response = publisher_client.post(
        change_url(cert), with_new_requirement(form_data(publisher_client.get(change_url(cert))), **values)
    )
    assert response.status_code == 200
    assert "An official figure cites a page on the issuer&#x27;s own site (ahima.org)" in response.content.decode()


def test_experience_requirement_needs_its_months(publisher_client):
    cert = CertificationFactory()
    values = requirement_values(SourceFactory(), kind=RequirementKind.EXPERIENCE, education_level="")
    response = publisher_client.post(
        change_url(cert), with_new_requirement(form_data(publisher_client.get(change_url(cert))), **values)
    )
    assert response.status_code == 200
    assert "Give the months of experience" in response.content.decode()
