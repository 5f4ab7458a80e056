"""The permission matrix: anonymous, Editor, Publisher and superuser, each
trying to view, add, change, publish and delete every content model through
the admin, crafted POSTs included. Enforced on the server, whatever the form showed."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from publishing.models import PendingChange, PublicationStatus, content_models
from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    CertifyingBodyFactory,
    CodeSetFactory,
    EducationStepFactory,
    ExamCostFactory,
    OccupationFactory,
    OutlookFigureFactory,
    QualificationPathFactory,
    SkillFactory,
    UserFactory,
)
from tests.publishing.conftest import form_data

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED
ROLES = ["anonymous", "editor", "publisher", "superuser"]
FACTORIES = {
    "certifications.certifyingbody": CertifyingBodyFactory,
    "certifications.codeset": CodeSetFactory,
    "certifications.certification": CertificationFactory,
    "qualifications.educationstep": EducationStepFactory,
    "qualifications.qualificationpath": QualificationPathFactory,
    "qualifications.skill": SkillFactory,
    "qualifications.outlookfigure": OutlookFigureFactory,
    "qualifications.careertopic": CareerTopicFactory,
    "qualifications.occupation": OccupationFactory,
    "qualifications.examcost": ExamCostFactory,
}
#: A plain text field of each model that a test may change.
TEXT_FIELD = {
    "certifications.certifyingbody": "name_en",
    "certifications.codeset": "maintainer",
    "certifications.certification": "name_en",
    "qualifications.educationstep": "summary_en",
    "qualifications.qualificationpath": "summary_en",
    "qualifications.skill": "summary_en",
    "qualifications.outlookfigure": "label_en",
    "qualifications.careertopic": "summary_en",
    "qualifications.occupation": "summary_en",
    "qualifications.examcost": "retakes_en",
}
#: Fields that must be unique, with a fresh value for a copy.
UNIQUE_VALUES = {
    "certifications.certifyingbody": {"abbreviation": "NEWB", "slug": "newb"},
    "certifications.codeset": {"name": "NEWSET", "slug": "newset"},
    "certifications.certification": {"code": "NEWC", "slug": "newc"},
    # One exam cost per certification: a copy needs a certification of its own.
    "qualifications.examcost": {"slug": "new-cost", "certification": lambda: CertificationFactory().pk},
}


def test_every_content_model_is_in_the_matrix():
    assert {model._meta.label_lower for model in content_models()} == set(FACTORIES)


@pytest.fixture(params=FACTORIES, ids=lambda label: label.split(".")[1])
def label(request):
    return request.param


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def as_role(client, roles, role):
    """A client signed in as `role` (not signed in for anonymous)."""
    if role == "superuser":
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    elif role in ("editor", "publisher"):
        user = UserFactory(is_staff=True)
        user.groups.add(roles["Editors" if role == "editor" else "Publishers"])
        client.force_login(user)
    return client


def admin_url(label, suffix=""):
    app_label, model_name = label.split(".")
    return f"/admin/{app_label}/{model_name}/{suffix}"


def change_form_data(label, record):
    """The change form of `record` as a superuser sees it (every field editable)."""
    from django.test import Client

    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True, username=f"reader-{record.pk}-{label}"))
    return form_data(client.get(admin_url(label, f"{record.pk}/change/")))


def signed_in(role):
    return role != "anonymous"


def may_publish(role):
    return role in ("publisher", "superuser")


def test_view_changelist(as_role, role, label):
    FACTORIES[label]()
    response = as_role.get(admin_url(label))
    if signed_in(role):
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_add_creates_a_draft_unless_the_user_may_publish(as_role, role, label):
    model = FACTORIES[label]._meta.model
    template = FACTORIES[label]()
    data = change_form_data(label, template)
    unique = UNIQUE_VALUES.get(label, {"slug": "a-new-record"})
    data.update({name: value() if callable(value) else value for name, value in unique.items()})
    data.update({"status": PUBLISHED, TEXT_FIELD[label]: "Added here", "change_note": "New record"})
    for key in [key for key in data if key.startswith("steps-")]:
        del data[key]
    data.update({"steps-TOTAL_FORMS": 0, "steps-INITIAL_FORMS": 0})
    before = model.objects.count()
    response = as_role.post(admin_url(label, "add/"), data)
    if not signed_in(role):
        assert response.status_code == 302 and model.objects.count() == before
        return
    assert response.status_code == 302, response.context["adminform"].form.errors
    added = model.objects.get(**{TEXT_FIELD[label]: "Added here"})
    assert added.status == (PUBLISHED if may_publish(role) else DRAFT)
    assert added.history.first().history_change_reason == "New record"


def test_change_a_draft_applies_at_once(as_role, role, label):
    record = FACTORIES[label](status=DRAFT)
    data = change_form_data(label, record)
    data[TEXT_FIELD[label]] = "Changed here"
    response = as_role.post(admin_url(label, f"{record.pk}/change/"), data)
    record.refresh_from_db()
    if signed_in(role):
        assert response.status_code == 302
        assert getattr(record, TEXT_FIELD[label]) == "Changed here"
        assert record.status == DRAFT
    else:
        assert getattr(record, TEXT_FIELD[label]) != "Changed here"


def test_change_a_published_record_is_held_for_a_publisher(as_role, role, label):
    record = FACTORIES[label]()
    data = change_form_data(label, record)
    data[TEXT_FIELD[label]] = "Changed here"
    response = as_role.post(admin_url(label, f"{record.pk}/change/"), data)
    record.refresh_from_db()
    pending = PendingChange.objects.for_record(record)
    if may_publish(role):
        assert response.status_code == 302
        assert getattr(record, TEXT_FIELD[label]) == "Changed here"
        assert pending is None
    elif role == "editor":
        assert response.status_code == 302
        assert getattr(record, TEXT_FIELD[label]) != "Changed here"
        assert pending.data == {TEXT_FIELD[label]: "Changed here"}
    else:
        assert getattr(record, TEXT_FIELD[label]) != "Changed here" and pending is None


def test_publish_action(as_role, role, label):
    record = FACTORIES[label](status=DRAFT)
    response = as_role.post(
        admin_url(label), {"action": "publish_selected", ACTION_CHECKBOX_NAME: [record.pk], "index": 0}
    )
    record.refresh_from_db()
    assert record.status == (PUBLISHED if may_publish(role) else DRAFT)
    if signed_in(role):
        assert response.status_code in (200, 302)


def test_unpublish_action(as_role, role, label):
    record = FACTORIES[label]()
    as_role.post(admin_url(label), {"action": "unpublish_selected", ACTION_CHECKBOX_NAME: [record.pk], "index": 0})
    record.refresh_from_db()
    assert record.status == (DRAFT if may_publish(role) else PUBLISHED)


def test_publish_by_crafted_change_form_post(as_role, role, label):
    record = FACTORIES[label](status=DRAFT)
    data = change_form_data(label, record)
    data["status"] = PUBLISHED
    as_role.post(admin_url(label, f"{record.pk}/change/"), data)
    record.refresh_from_db()
    assert record.status == (PUBLISHED if may_publish(role) else DRAFT)


def test_unpublish_by_crafted_change_form_post(as_role, role, label):
    record = FACTORIES[label]()
    data = change_form_data(label, record)
    data["status"] = DRAFT
    as_role.post(admin_url(label, f"{record.pk}/change/"), data)
    record.refresh_from_db()
    assert record.status == (DRAFT if may_publish(role) else PUBLISHED)


def test_publish_pending_change_by_crafted_post(as_role, role, label, editor):
    from publishing.services import pending_change_save

    record = FACTORIES[label]()
    edited = type(record).objects.get(pk=record.pk)
    setattr(edited, TEXT_FIELD[label], "Pending text")
    pending_change_save(record=record, edited=edited, field_names=[TEXT_FIELD[label]], user=editor)
    response = as_role.post(admin_url(label, f"{record.pk}/pending/publish/"))
    record.refresh_from_db()
    if may_publish(role):
        assert getattr(record, TEXT_FIELD[label]) == "Pending text"
    else:
        assert getattr(record, TEXT_FIELD[label]) != "Pending text"
        assert response.status_code == (403 if role == "editor" else 302)
        assert PendingChange.objects.for_record(record) is not None


def test_delete(as_role, role, label):
    record = FACTORIES[label]()
    response = as_role.post(admin_url(label, f"{record.pk}/delete/"), {"post": "yes"})
    exists = type(record).objects.filter(pk=record.pk).exists()
    if may_publish(role):
        assert response.status_code == 302 and not exists
    else:
        assert exists
        assert response.status_code == (403 if role == "editor" else 302)


def test_delete_selected_action(as_role, role, label):
    record = FACTORIES[label]()
    as_role.post(admin_url(label), {"action": "delete_selected", ACTION_CHECKBOX_NAME: [record.pk], "post": "yes"})
    assert type(record).objects.filter(pk=record.pk).exists() != may_publish(role)


def test_staff_user_without_any_group_can_do_nothing(client, label):
    record = FACTORIES[label](status=DRAFT)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(admin_url(label)).status_code == 403
    assert client.get(admin_url(label, f"{record.pk}/change/")).status_code in (302, 403)
    client.post(admin_url(label), {"action": "publish_selected", ACTION_CHECKBOX_NAME: [record.pk]})
    record.refresh_from_db()
    assert record.status == DRAFT
