"""The content admin for editors: forms, unpublished changes, history and revert,
review reminders, previews and usability (help text, filters, never a 500)."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.db.models import ManyToManyField
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing.admin import PublishableAdmin
from publishing.models import (
    Authorship,
    Confirmation,
    PendingChange,
    PublicationStatus,
    content_models,
    translated_originals,
)
from publishing.services import pending_change_save, record_publish
from qualifications.models import PathStep
from tests.factories import (
    CertificationFactory,
    CertifyingBodyFactory,
    CodeSetFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    SkillFactory,
    SourceFactory,
    UserFactory,
    build_path,
)
from tests.publishing.conftest import form_data

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.PUBLISHED
CERT_URL = "/admin/certifications/certification/"


def change_url(record, suffix="change/"):
    opts = record._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/{suffix}"


def hold(record, user, note="", **values):
    edited = type(record).objects.get(pk=record.pk)
    for name, value in values.items():
        setattr(edited, name, value)
    return pending_change_save(record=record, edited=edited, field_names=list(values), user=user, note=note)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# --- the editor's form ----------------------------------------------------------


def test_editor_sees_status_and_publish_from_read_only(editor_client):
    cert = CertificationFactory(status=DRAFT)
    form = editor_client.get(change_url(cert)).context["adminform"].form
    assert "status" not in form.fields and "publish_from" not in form.fields
    assert "code_sets" in form.fields  # lists are editable on a draft


def test_editor_changes_to_lists_of_a_published_record_are_held_previewed_and_published_together(
    editor_client, editor, publisher
):
    kept, dropped, added = CodeSetFactory(name="ICD-10-CM"), CodeSetFactory(name="HCPCS"), CodeSetFactory(name="CPT")
    cert = CertificationFactory(price_usd=300)
    cert.code_sets.set([kept, dropped])
    data = form_data(editor_client.get(change_url(cert)))
    data |= {"code_sets": [str(kept.pk), str(added.pk)], "price_usd": "399", "change_note": "New exam", "_save": "Save"}
    assert editor_client.post(change_url(cert), data).status_code == 302
    assert set(cert.code_sets.values_list("name", flat=True)) == {"ICD-10-CM", "HCPCS"}  # visitors unaffected
    pending = PendingChange.objects.for_record(cert)
    assert pending.data["code_sets"] == sorted([kept.pk, added.pk])
    # The form shows the held list; the difference marks what was removed and added.
    response = editor_client.get(change_url(cert))
    assert response.context["adminform"].form["code_sets"].value() == sorted([kept.pk, added.pk])
    row = next(change for change in response.context["pending_differences"] if change.name == "code_sets")
    assert ("del", "HCPCS") in row.before and ("ins", "CPT") in row.after
    # The staff preview shows it as it would be published.
    page = editor_client.get(cert.get_absolute_url()).content.decode()
    assert "CPT" in page and "HCPCS" not in page
    # Publishing applies the list and the price together.
    record_publish(record=cert, user=publisher)
    cert.refresh_from_db()
    assert cert.price_usd == 399
    assert set(cert.code_sets.values_list("name", flat=True)) == {"ICD-10-CM", "CPT"}


def test_staff_preview_of_a_skill_shows_its_held_certifications(editor_client, editor):
    old, new = CertificationFactory(code="OLDC"), CertificationFactory(code="NEWC")
    skill = SkillFactory()
    skill.certifications.set([old])
    edited = type(skill).objects.get(pk=skill.pk)
    pending_change_save(record=skill, edited=edited, field_names=[], lists={"certifications": [new]}, user=editor)
    page = editor_client.get(skill.get_absolute_url()).content.decode()
    assert "NEWC" in page and "OLDC" not in page
    skill.refresh_from_db()
    assert list(skill.certifications.all()) == [old]


def test_publisher_may_edit_status_and_publish_from(publisher_client):
    cert = CertificationFactory()
    form = publisher_client.get(change_url(cert)).context["adminform"].form
    assert {"status", "publish_from", "code_sets"} <= set(form.fields)


def test_add_form_for_an_editor_has_no_status(editor_client):
    form = editor_client.get(CERT_URL + "add/").context["adminform"].form
    assert "status" not in form.fields and "change_note" in form.fields


def test_editor_change_to_a_published_record_is_saved_for_review(editor_client, editor):
    cert = CertificationFactory(price_usd=300)
    data = form_data(editor_client.get(change_url(cert)))
    data.update(price_usd="399", change_note="AAPC raised the fee")
    response = editor_client.post(change_url(cert), data, follow=True)
    cert.refresh_from_db()
    assert cert.price_usd == 300
    pending = PendingChange.objects.for_record(cert)
    assert pending.data == {"price_usd": 399} and pending.note == "AAPC raised the fee" and pending.author == editor
    assert any("saved for review" in message for message in messages_of(response))
    assert LogEntry.objects.filter(object_id=str(cert.pk)).last().change_message.startswith("Saved unpublished")
    assert cert.history.count() == 1  # nothing recorded until it is published


def test_change_form_shows_the_pending_values_and_their_differences(editor_client, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, note="fee", price_usd=399)
    response = editor_client.get(change_url(cert))
    assert response.context["adminform"].form["price_usd"].value() == 399
    page = response.content.decode()
    assert "Unpublished changes" in page and "Exam price (USD)" in page
    assert "Publish these changes" not in page  # editors cannot


def test_saving_again_updates_the_same_pending_change_and_keeps_the_note(editor_client, editor):
    cert = CertificationFactory(price_usd=300, price_detail="")
    hold(cert, editor, note="fee", price_usd=399)
    data = form_data(editor_client.get(change_url(cert)))
    data["price_detail_en"] = "members"
    editor_client.post(change_url(cert), data)
    pending = PendingChange.objects.get()
    assert pending.data == {"price_usd": 399, "price_detail_en": "members"} and pending.note == "fee"


def test_saving_the_published_values_again_drops_the_pending_change(editor_client, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, price_usd=399)
    data = form_data(editor_client.get(change_url(cert)))
    data["price_usd"] = "300"
    response = editor_client.post(change_url(cert), data, follow=True)
    assert not PendingChange.objects.exists()
    assert any("no unpublished changes" in message for message in messages_of(response))


def test_editor_validation_errors_show_on_the_form_even_for_held_changes(editor_client):
    cert = CertificationFactory()
    data = form_data(editor_client.get(change_url(cert)))
    data.update(price_usd="399", price_source="", price_as_of="", price_as_of_label="")
    response = editor_client.post(change_url(cert), data)
    assert response.status_code == 200
    assert "Choose the source of this figure" in response.content.decode()
    assert not PendingChange.objects.exists()


def test_publisher_saving_the_form_publishes_pending_values_with_the_editors_note(publisher_client, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, note="AAPC raised the fee", price_usd=399)
    data = form_data(publisher_client.get(change_url(cert)))
    assert data["price_usd"] == "399"
    publisher_client.post(change_url(cert), data)
    cert.refresh_from_db()
    assert cert.price_usd == 399 and not PendingChange.objects.exists()
    assert cert.history.first().history_change_reason == "AAPC raised the fee"


def test_publisher_publishes_pending_change_with_the_button(publisher_client, publisher, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, note="fee", price_usd=399)
    page = publisher_client.get(change_url(cert)).content.decode()
    assert "Publish these changes" in page and "Discard these changes" in page
    response = publisher_client.post(change_url(cert, "pending/publish/"))
    assert response.status_code == 302 and response["Location"] == change_url(cert)
    cert.refresh_from_db()
    latest = cert.history.first()
    assert cert.price_usd == 399
    assert latest.history_user == publisher and latest.history_change_reason == "fee"


def test_history_credits_the_author_and_the_publisher(publisher_client, publisher, editor):
    cert = CertificationFactory(price_usd=300)
    pending = hold(cert, editor, note="AAPC raised the fee", price_usd=399)
    publisher_client.post(change_url(cert, "pending/publish/"), {"change_note": "checked"})
    latest = cert.history.first()
    assert latest.history_user == publisher
    assert latest.history_change_reason == "AAPC raised the fee"  # the public note stays the editor's
    credit = Authorship.objects.get(history_id=latest.history_id)
    assert (credit.author, credit.written, credit.note) == (editor, pending.updated, "AAPC raised the fee")
    page = publisher_client.get(change_url(cert, "history/")).content.decode()
    assert "Written by eddie" in page and "Published by pat" in page


def test_publisher_saving_the_form_credits_the_editor_too(publisher_client, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, note="fee", price_usd=399)
    publisher_client.post(change_url(cert), form_data(publisher_client.get(change_url(cert))))
    assert Authorship.objects.get(history_id=cert.history.first().history_id).author == editor


def test_history_of_a_direct_save_names_one_person(publisher_client, price_history):
    page = publisher_client.get(change_url(price_history, "history/")).content.decode()
    assert "Written by" not in page and "Saved by pat" in page


def test_publisher_discards_a_pending_change(publisher_client, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, price_usd=399)
    publisher_client.post(change_url(cert, "pending/discard/"))
    cert.refresh_from_db()
    assert cert.price_usd == 300 and not PendingChange.objects.exists()


def test_pending_change_that_became_invalid_is_reported_not_a_500(publisher_client, editor):
    cert = CertificationFactory(price_usd=300)
    source = SourceFactory()
    hold(cert, editor, price_source=source, price_usd=399)
    assert set(PendingChange.objects.get().data) == {"price_source", "price_usd"}
    source.delete()
    response = publisher_client.post(change_url(cert, "pending/publish/"), follow=True)
    assert response.status_code == 200
    assert any("Not published" in message for message in messages_of(response))
    cert.refresh_from_db()
    assert cert.price_usd == 300 and PendingChange.objects.exists()


def test_pending_buttons_need_post(publisher_client, editor):
    cert = CertificationFactory()
    hold(cert, editor, price_usd=1)
    assert publisher_client.get(change_url(cert, "pending/publish/")).status_code == 405
    assert publisher_client.get(change_url(cert, "pending/discard/")).status_code == 405


def test_editor_cannot_discard_or_make_preview_links(editor_client, editor):
    cert = CertificationFactory()
    hold(cert, editor, price_usd=1)
    assert editor_client.post(change_url(cert, "pending/discard/")).status_code == 403
    assert editor_client.get(change_url(cert, "preview-link/")).status_code == 403
    assert PendingChange.objects.exists()


def test_unknown_record_in_extra_views_is_404(publisher_client):
    for suffix in ["pending/publish/", "pending/discard/", "preview-link/", "preview/"]:
        assert publisher_client.post(f"{CERT_URL}999999/{suffix}").status_code in (404, 405)
        assert publisher_client.get(f"{CERT_URL}abc/{suffix}").status_code in (404, 405)


# --- path steps inline ----------------------------------------------------------


def test_editor_changes_steps_of_a_published_path_held_previewed_and_published_together(editor_client, publisher):
    first = EducationStepFactory(name="Certificate program")
    path = build_path(first)
    extra_step = EducationStepFactory(name="Associate degree")
    data = form_data(editor_client.get(change_url(path)))
    data.update(
        {
            "steps-TOTAL_FORMS": "2",
            "steps-1-position": "2",
            "steps-1-education_step": str(extra_step.pk),
            "change_note": "Add the degree",
            "_save": "Save",
        }
    )
    response = editor_client.post(change_url(path), data)
    assert response.status_code == 302
    assert PathStep.objects.filter(path=path).count() == 1  # visitors still see one step
    pending = PendingChange.objects.for_record(path)
    assert [row["education_step"] for row in pending.data["steps"]] == [first.pk, extra_step.pk]
    # The form shows the held steps, the difference names the added one, the preview shows it.
    response = editor_client.get(change_url(path))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form["education_step"].value() for form in formset.forms][:2] == [first.pk, extra_step.pk]
    row = next(change for change in response.context["pending_differences"] if change.name == "steps")
    assert any(kind == "ins" and "Associate degree" in text for kind, text in row.after)
    assert "Associate degree" in editor_client.get(path.get_absolute_url()).content.decode()
    # Saving the untouched form again keeps the held steps.
    data = form_data(response) | {"_save": "Save"}
    assert editor_client.post(change_url(path), data).status_code == 302
    assert len(PendingChange.objects.for_record(path).data["steps"]) == 2
    # Publishing writes the steps with the rest of the record.
    record_publish(record=path, user=publisher)
    steps = PathStep.objects.filter(path=path).values_list("education_step", flat=True)
    assert list(steps) == [first.pk, extra_step.pk]
    assert path.history.first().history_change_reason == "Add the degree"


def test_publisher_saving_a_path_with_held_steps_publishes_them_once(editor_client, publisher, editor):
    first, extra = EducationStepFactory(), EducationStepFactory()
    path = build_path(first)
    rows = {"steps": [{"position": 1, "education_step": first.pk}, {"position": 2, "education_step": extra.pk}]}
    pending_change_save(record=path, edited=path, field_names=[], rows=rows, user=editor)
    publisher_client = Client()
    publisher_client.force_login(publisher)
    data = form_data(publisher_client.get(change_url(path))) | {"_save": "Save"}
    response = publisher_client.post(change_url(path), data)
    assert response.status_code == 302
    assert list(PathStep.objects.filter(path=path).values_list("education_step", flat=True)) == [first.pk, extra.pk]
    assert not PendingChange.objects.exists()


def test_editor_adds_steps_to_a_draft_path(editor_client):
    path = build_path(EducationStepFactory(), status=DRAFT)
    extra_step = EducationStepFactory()
    data = form_data(editor_client.get(change_url(path)))
    total = int(data["steps-TOTAL_FORMS"])
    data.update({f"steps-{total - 1}-position": "2", f"steps-{total - 1}-education_step": str(extra_step.pk)})
    response = editor_client.post(change_url(path), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert PathStep.objects.filter(path=path).count() == 2


def test_duplicate_step_numbers_are_a_form_error(publisher_client):
    path = build_path(EducationStepFactory())
    extra_step = EducationStepFactory()
    data = form_data(publisher_client.get(change_url(path)))
    total = int(data["steps-TOTAL_FORMS"])
    data.update({f"steps-{total - 1}-position": "1", f"steps-{total - 1}-education_step": str(extra_step.pk)})
    response = publisher_client.post(change_url(path), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()


def test_step_with_both_targets_is_a_form_error(publisher_client):
    path = build_path(EducationStepFactory())
    data = form_data(publisher_client.get(change_url(path)))
    total = int(data["steps-TOTAL_FORMS"])
    data.update(
        {
            f"steps-{total - 1}-position": "2",
            f"steps-{total - 1}-education_step": str(EducationStepFactory().pk),
            f"steps-{total - 1}-certification": str(CertificationFactory().pk),
        }
    )
    response = publisher_client.post(change_url(path), data)
    assert response.status_code == 200
    assert "not both" in response.content.decode()


# --- history, differences and revert ---------------------------------------------


@pytest.fixture
def price_history(publisher):
    """A certification published at $300, then changed to $399 with a note."""
    cert = CertificationFactory(price_usd=300)
    cert.price_usd = 399
    cert._change_reason = "Price up"
    cert._history_user = publisher
    cert.save()
    return cert


def test_history_lists_versions_with_notes_and_changed_fields(publisher_client, price_history):
    page = publisher_client.get(change_url(price_history, "history/")).content.decode()
    assert "Price up" in page
    assert '<th scope="row">Exam price (USD)</th>' in page
    assert "<del>300</del>" in page and "<ins>399</ins>" in page
    assert "Updated:" not in page  # timestamps are not a content change


def test_revert_page_shows_the_differences_from_the_current_version(publisher_client, price_history):
    first = price_history.history.last()
    response = publisher_client.get(change_url(price_history, f"history/{first.history_id}/"))
    assert response.status_code == 200
    differences = response.context["revert_differences"]
    assert [(d.label, d.before, d.after) for d in differences] == [
        ("exam price (USD)", [("del", "399")], [("ins", "300")])
    ]


def test_revert_page_is_a_confirmation_not_an_editable_form(publisher_client, price_history):
    first = price_history.history.last()
    response = publisher_client.get(change_url(price_history, f"history/{first.history_id}/"))
    assert list(response.context["form"].fields) == ["change_note"]
    assert 'name="price_usd"' not in response.content.decode()


def test_revert_restores_content_keeps_publication_state_and_says_what_was_undone(publisher_client, price_history):
    first = price_history.history.last()
    type(price_history).objects.filter(pk=price_history.pk).update(status=DRAFT)
    url = change_url(price_history, f"history/{first.history_id}/")
    response = publisher_client.post(url, {"change_note": "Price list was wrong"})
    assert response.status_code == 302
    price_history.refresh_from_db()
    assert price_history.price_usd == 300
    assert price_history.status == DRAFT  # first version was published: not restored
    latest = price_history.history.first()
    assert latest.history_change_reason == "Undone: “Price up”. Price list was wrong"
    assert latest.history_user.username == "pat"
    assert price_history.history.count() == 3


def test_revert_note_names_only_changes_it_undoes(publisher_client, price_history, publisher):
    price_history._change_reason, price_history._history_user = "New code sets", publisher
    price_history.save()  # a version that changed a list only: a revert cannot undo it
    first = price_history.history.last()
    publisher_client.post(change_url(price_history, f"history/{first.history_id}/"), {"change_note": ""})
    assert price_history.history.first().history_change_reason == "Undone: “Price up”"


def test_revert_ignores_posted_field_values(publisher_client, price_history):
    first = price_history.history.last()
    url = change_url(price_history, f"history/{first.history_id}/")
    publisher_client.post(url, {"status": DRAFT, "name": "Typed by accident", "change_note": ""})
    price_history.refresh_from_db()
    assert price_history.status == PUBLISHED
    assert price_history.name != "Typed by accident"
    assert price_history.price_usd == 300


def test_revert_without_undone_notes_names_the_version_date(publisher_client, publisher):
    cert = CertificationFactory(price_usd=300)
    first = cert.history.last()
    cert.price_usd = 350
    cert.save()
    publisher_client.post(change_url(cert, f"history/{first.history_id}/"), {"change_note": ""})
    assert cert.history.first().history_change_reason.startswith("Reverted to the version of ")


def test_too_long_revert_note_is_a_form_error(publisher_client, price_history):
    first = price_history.history.last()
    url = change_url(price_history, f"history/{first.history_id}/")
    response = publisher_client.post(url, {"change_note": "x" * 101})
    assert response.status_code == 200 and response.context["form"].errors
    price_history.refresh_from_db()
    assert price_history.price_usd == 399


def test_editor_revert_of_a_published_record_waits_for_a_publisher(editor_client, price_history):
    first = price_history.history.last()
    url = change_url(price_history, f"history/{first.history_id}/")
    editor_client.post(url, {"change_note": ""})
    price_history.refresh_from_db()
    assert price_history.price_usd == 399
    pending = PendingChange.objects.for_record(price_history)
    assert pending.data == {"price_usd": 300} and pending.note == "Undone: “Price up”"


def test_view_only_user_cannot_post_a_revert(client, price_history):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(*_permissions("view_certification"))
    client.force_login(viewer)
    first = price_history.history.last()
    url = change_url(price_history, f"history/{first.history_id}/")
    assert client.get(url).status_code == 200
    data = {"price_usd": "1", "_save": "Revert"}
    assert client.post(url, data).status_code == 403
    price_history.refresh_from_db()
    assert price_history.price_usd == 399


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return list(Permission.objects.filter(codename__in=codenames))


@pytest.mark.parametrize("path", ["abc/history/", "{pk}/history/abc/", "999999/history/", "{pk}/history/999999/"])
def test_bad_history_addresses_are_404_not_500(publisher_client, price_history, path):
    assert publisher_client.get(CERT_URL + path.format(pk=price_history.pk)).status_code == 404


# --- actions, filters and columns -------------------------------------------------


def test_mark_reviewed_today_by_an_editor_on_a_draft_records_history(editor_client, editor):
    old = timezone.localdate() - datetime.timedelta(days=800)
    cert = CertificationFactory(last_reviewed=old, status=DRAFT)
    response = editor_client.post(
        CERT_URL, {"action": "mark_reviewed_today", ACTION_CHECKBOX_NAME: [cert.pk]}, follow=True
    )
    cert.refresh_from_db()
    assert cert.last_reviewed == timezone.localdate()
    assert cert.history.first().history_user == editor
    assert any("reviewed today" in message for message in messages_of(response))


def test_mark_reviewed_today_by_an_editor_on_a_published_record_waits_for_a_publisher(editor_client, editor):
    old = timezone.localdate() - datetime.timedelta(days=800)
    cert = CertificationFactory(last_reviewed=old, price_usd=300)
    hold(cert, editor, note="fee", price_usd=399)
    response = editor_client.post(
        CERT_URL, {"action": "mark_reviewed_today", ACTION_CHECKBOX_NAME: [cert.pk]}, follow=True
    )
    cert.refresh_from_db()
    assert cert.last_reviewed == old  # the public "Last reviewed" date is unchanged
    pending = PendingChange.objects.for_record(cert)
    assert pending.data == {"price_usd": 399, "last_reviewed": timezone.localdate().isoformat()}
    assert pending.note == "fee"
    assert any("waits for a publisher" in message for message in messages_of(response))


# --- sources visitors see ----------------------------------------------------------


def source_url(source, suffix="change/"):
    return f"/admin/publishing/source/{source.pk}/{suffix}"


def test_editor_change_to_a_source_of_a_published_page_is_held_and_names_the_pages(editor_client, publisher):
    publisher_client = Client()
    publisher_client.force_login(publisher)
    source = SourceFactory(title="AAPC fees", url="https://www.aapc.com/fees")
    cert = CertificationFactory(price_source=source)
    draft = CertificationFactory(price_source=source, status=DRAFT)
    page = editor_client.get(source_url(source)).content.decode()
    assert cert.get_absolute_url() in page and draft.get_absolute_url() not in page
    data = {"title": "AAPC fees 2026", "url": "https://www.aapc.com/fees-2026", "publisher": "AAPC", "_save": "Save"}
    assert editor_client.post(source_url(source), data).status_code == 302
    source.refresh_from_db()
    assert source.url == "https://www.aapc.com/fees"  # visitors still see the published address
    assert PendingChange.objects.for_record(source).data["url"] == "https://www.aapc.com/fees-2026"
    page = publisher_client.get(source_url(source)).content.decode()
    assert "<ins>fees-2026</ins>" in page or "fees-2026" in page
    response = publisher_client.post(source_url(source, "pending/publish/"))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.url == "https://www.aapc.com/fees-2026" and not PendingChange.objects.exists()


def test_editor_edits_an_unused_source_directly(editor_client):
    source = SourceFactory(title="Old")
    CertificationFactory(price_source=source, status=DRAFT)
    data = {"title": "New", "url": source.url, "publisher": source.publisher, "_save": "Save"}
    editor_client.post(source_url(source), data)
    source.refresh_from_db()
    assert source.title == "New"


def test_a_source_cited_only_in_the_other_sources_list_is_governed_too(editor_client):
    source = SourceFactory(title="Old")
    skill = SkillFactory()
    skill.sources.add(source)
    data = {"title": "New", "url": source.url, "publisher": source.publisher, "_save": "Save"}
    editor_client.post(source_url(source), data)
    source.refresh_from_db()
    assert source.title == "Old" and PendingChange.objects.for_record(source) is not None


def test_editor_cannot_publish_a_held_source_change(editor_client, editor):
    source = SourceFactory(title="Old")
    CertificationFactory(price_source=source)
    hold(source, editor, title="New")
    assert editor_client.post(source_url(source, "pending/publish/")).status_code == 403


def test_publish_action_reports_what_it_did(publisher_client):
    drafts = [CertificationFactory(status=DRAFT) for _ in range(2)]
    response = publisher_client.post(
        CERT_URL, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [d.pk for d in drafts]}, follow=True
    )
    assert any("Published 2 record(s)" in message for message in messages_of(response))


def test_publish_action_applies_pending_changes(publisher_client, editor):
    cert = CertificationFactory(price_usd=300)
    hold(cert, editor, note="fee", price_usd=399)
    publisher_client.post(CERT_URL, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [cert.pk]})
    cert.refresh_from_db()
    assert cert.price_usd == 399 and not PendingChange.objects.exists()


def test_editor_is_not_offered_publish_unpublish_or_delete_actions(editor_client):
    CertificationFactory()
    actions = editor_client.get(CERT_URL).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions}
    assert "mark_reviewed_today" in names
    assert not names & {"publish_selected", "unpublish_selected", "delete_selected"}


def test_needs_review_filter(editor_client):
    stale = CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    fresh = CertificationFactory()
    needed = list(editor_client.get(CERT_URL, {"review": "needed"}).context["cl"].result_list)
    current = list(editor_client.get(CERT_URL, {"review": "current"}).context["cl"].result_list)
    assert needed == [stale] and current == [fresh]


@pytest.mark.parametrize("model", content_models(), ids=lambda m: m._meta.model_name)
def test_every_content_list_has_needs_review_and_publication_filters(editor_client, model):
    opts = model._meta
    response = editor_client.get(f"/admin/{opts.app_label}/{opts.model_name}/", {"review": "needed"})
    assert response.status_code == 200
    titles = {str(spec.title) for spec in response.context["cl"].filter_specs}
    assert {"review", "publication"} <= titles


def test_publication_filter(publisher_client, editor):
    draft = CertificationFactory(status=DRAFT)
    scheduled = CertificationFactory(publish_from=timezone.now() + datetime.timedelta(days=2))
    live = CertificationFactory()
    changed = CertificationFactory()
    hold(changed, editor, price_usd=1)

    def listed(value):
        return set(publisher_client.get(CERT_URL, {"publication": value}).context["cl"].result_list)

    assert listed("draft") == {draft}
    assert listed("scheduled") == {scheduled}
    assert listed("live") == {live, changed}
    assert listed("pending") == {changed}


@pytest.mark.parametrize("query", [{"review": "nonsense"}, {"publication": "x"}, {"o": "99"}, {"q": "'\"<>"}])
def test_odd_list_parameters_never_give_a_500(editor_client, query):
    CertificationFactory()
    assert editor_client.get(CERT_URL, query).status_code in (200, 302)


def test_status_column_shows_draft_scheduled_published_and_pending(publisher_client, editor):
    CertificationFactory(status=DRAFT)
    CertificationFactory(publish_from=timezone.now() + datetime.timedelta(days=2))
    changed = CertificationFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    hold(changed, editor, price_usd=1)
    page = publisher_client.get(CERT_URL).content.decode()
    for text in ["Draft", "Scheduled for", "Published", "+ unpublished changes", "needs review"]:
        assert text in page


def test_changelist_queries_do_not_grow_with_rows(publisher_client, editor):
    for _ in range(3):
        hold(CertificationFactory(), editor, price_usd=1)
    publisher_client.get(CERT_URL)
    with CaptureQueriesContext(connection) as few:
        publisher_client.get(CERT_URL)
    for _ in range(20):
        hold(CertificationFactory(), editor, price_usd=1)
    with CaptureQueriesContext(connection) as many:
        publisher_client.get(CERT_URL)
    assert len(many) == len(few)


def test_search_by_code_and_name(editor_client):
    cpc = CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")
    CertificationFactory(code="CCS", slug="ccs", name="Certified Coding Specialist")
    assert list(editor_client.get(CERT_URL, {"q": "cpc"}).context["cl"].result_list) == [cpc]
    assert list(editor_client.get(CERT_URL, {"q": "professional"}).context["cl"].result_list) == [cpc]


# --- admin index ----------------------------------------------------------------


def test_admin_index_counts_records_needing_review_and_lists_unconfirmed_figures(editor_client):
    old = timezone.localdate() - datetime.timedelta(days=400)
    CertificationFactory(last_reviewed=old)
    EducationStepFactory(last_reviewed=old)
    OutlookFigureFactory(
        status=DRAFT, label="Coder pay", figure_confirmation=Confirmation.UNCONFIRMED, figure_editor_note="BLS vs AAPC"
    )
    page = editor_client.get("/admin/").content.decode()
    assert "2 records need review" in page
    assert "?review=needed" in page
    assert "Coder pay" in page and "BLS vs AAPC" in page


def test_admin_index_lists_outdated_undated_and_third_party_figures(editor_client):
    CertificationFactory(
        code="OLDP",
        price_as_of=datetime.date(2010, 1, 1),
        renewal_as_of=None,
        renewal_as_of_label="undated page",
        exam_confirmation=Confirmation.SECONDARY,
    )
    page = editor_client.get("/admin/").content.decode()
    section = page.split('class="figures-to-check"')[1].split("</ul>")[0]
    assert "OLDP" in section
    assert "price — possibly out of date" in section
    assert "renewal — undated page" in section
    assert "exam — only a third-party source" in section


def test_admin_index_is_the_publishers_desk(publisher_client, editor):
    hold(CertificationFactory(price_usd=300), editor, price_usd=399)
    hold(SkillFactory(name="Old"), editor, name_en="New")
    OutlookFigureFactory(label="Coder pay 2019", figure_as_of=datetime.date(2019, 5, 1), figure_as_of_label="May 2019")
    page = publisher_client.get("/admin/").content.decode()
    assert "2 changes waiting for review" in page and 'href="/admin/publishing/pendingchange/"' in page
    assert "Coder pay 2019" in page.split('class="figures-to-check"')[1]
    assert "Medical Billing &amp; Coding Career Map" in page
    assert "Django administration" not in page and "Django site admin" not in page


def test_pending_changes_filter_lists_only_what_changes_can_be_held_for(publisher_client):
    response = publisher_client.get("/admin/publishing/pendingchange/")
    spec = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "content_type")
    labels = [label for _value, label in spec.lookup_choices]
    assert labels == [m._meta.verbose_name_plural.capitalize() for m in content_models()] + ["Sources"]
    assert publisher_client.get("/admin/publishing/pendingchange/?content_type=x").status_code == 200


def test_admin_index_query_count_is_bounded(editor_client, django_assert_max_num_queries):
    for _ in range(5):
        OutlookFigureFactory(figure_confirmation=Confirmation.UNCONFIRMED)
    with django_assert_max_num_queries(30):
        assert editor_client.get("/admin/").status_code == 200


# --- previews and view on site ------------------------------------------------------


def test_view_on_site_goes_to_the_public_address_of_a_detail_page(editor_client):
    cert = CertificationFactory(status=DRAFT)
    response = editor_client.get(change_url(cert))
    assert f'href="{cert.get_absolute_url()}"' in response.content.decode()


def test_records_without_a_page_preview_in_the_admin(editor_client, editor):
    body = CertifyingBodyFactory(status=DRAFT, name="Draft Body")
    response = editor_client.get(change_url(body))
    assert f'href="{change_url(body, "preview/")}"' in response.content.decode()
    preview = editor_client.get(change_url(body, "preview/"))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Draft preview" in page and "Draft Body" in page
    assert "no-store" in preview["Cache-Control"]


def test_admin_preview_applies_pending_values(editor_client, editor):
    figure = OutlookFigureFactory(label="Median pay")
    hold(figure, editor, label_en="Median pay (2024)")
    page = editor_client.get(change_url(figure, "preview/")).content.decode()
    assert "Median pay (2024)" in page and "unpublished changes" in page


def test_publisher_makes_a_preview_link_that_works_without_an_account(publisher_client, client):
    cert = CertificationFactory(status=DRAFT)
    response = publisher_client.get(change_url(cert, "preview-link/"))
    assert response.status_code == 200
    link = response.context["link"]
    assert "?preview=" in link and "no-store" in response["Cache-Control"]
    publisher_client.logout()
    page = client.get(link.replace("http://testserver", "")).content.decode()
    assert "Draft preview" in page


def test_preview_link_for_a_live_record_without_changes_is_refused_kindly(publisher_client):
    cert = CertificationFactory()
    response = publisher_client.get(change_url(cert, "preview-link/"), follow=True)
    assert any("public page is the preview" in message for message in messages_of(response))


# --- pending changes list ------------------------------------------------------------


def test_pending_changes_list_and_publish_from_it(publisher_client, editor):
    cert = CertificationFactory(price_usd=300)
    pending = hold(cert, editor, note="fee", price_usd=399)
    page = publisher_client.get("/admin/publishing/pendingchange/").content.decode()
    assert str(cert) in page and "fee" in page
    publisher_client.post(
        "/admin/publishing/pendingchange/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [pending.pk]}
    )
    cert.refresh_from_db()
    assert cert.price_usd == 399


def test_pending_changes_list_queries_do_not_grow_with_rows(publisher_client, editor):
    for _ in range(2):
        hold(CertificationFactory(), editor, price_usd=1)
    publisher_client.get("/admin/publishing/pendingchange/")
    with CaptureQueriesContext(connection) as few:
        publisher_client.get("/admin/publishing/pendingchange/")
    for _ in range(10):
        hold(CertificationFactory(), editor, price_usd=1)
    with CaptureQueriesContext(connection) as many:
        publisher_client.get("/admin/publishing/pendingchange/")
    assert len(many) == len(few)


def test_editor_sees_pending_changes_but_cannot_publish_them(editor_client, editor):
    cert = CertificationFactory(price_usd=300)
    pending = hold(cert, editor, price_usd=399)
    response = editor_client.get("/admin/publishing/pendingchange/")
    assert response.status_code == 200
    editor_client.post(
        "/admin/publishing/pendingchange/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [pending.pk]}
    )
    cert.refresh_from_db()
    assert cert.price_usd == 300


# --- usability for non-developers ------------------------------------------------------


CONTENT_ADMINS = [(model, admin.site._registry[model]) for model in content_models()]


@pytest.mark.parametrize("model,model_admin", CONTENT_ADMINS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_form_field_has_help_text(rf, superuser, model, model_admin):
    request = rf.get("/")
    request.user = superuser
    form = model_admin.get_form(request, None)
    missing = [name for name, field in form.base_fields.items() if not field.help_text]
    assert missing == []
    for inline in model_admin.get_inline_instances(request):
        formset = inline.get_formset(request)
        inline_missing = [
            name for name, field in formset.form.base_fields.items() if not field.help_text and name != "id"
        ]
        assert inline_missing == []


@pytest.mark.parametrize("model,model_admin", CONTENT_ADMINS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_editable_field_is_in_a_fieldset(rf, superuser, model, model_admin):
    request = rf.get("/")
    request.user = superuser
    shown = set()
    for _name, options in model_admin.get_fieldsets(request, None):
        for item in options["fields"]:
            shown.update(item if isinstance(item, tuple | list) else [item])
    editable = {
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and (field.concrete or isinstance(field, ManyToManyField))
    }
    # A translated text shows as its languages' columns ("summary_en", "summary_es").
    assert editable - translated_originals(model) - shown == set()


def test_publishable_admins_all_share_the_base():
    assert all(isinstance(model_admin, PublishableAdmin) for _model, model_admin in CONTENT_ADMINS)


@pytest.mark.parametrize("model,model_admin", CONTENT_ADMINS, ids=lambda v: getattr(v, "__name__", ""))
def test_editor_never_meets_a_500(editor_client, editor, model, model_admin):
    from tests.publishing.test_admin_permissions import FACTORIES

    draft = FACTORIES[model._meta.label_lower](status=DRAFT)
    published = FACTORIES[model._meta.label_lower]()
    hold(published, editor, last_reviewed=timezone.localdate() - datetime.timedelta(days=3))
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    urls = [base, base + "add/", base + "?review=needed", base + "?publication=pending"]
    for record in (draft, published):
        first = record.history.last()
        urls += [
            change_url(record),
            change_url(record, "history/"),
            change_url(record, f"history/{first.history_id}/"),
            change_url(record, "preview/"),
            record.get_absolute_url(),
        ]
    for url in urls:
        assert editor_client.get(url).status_code < 500, url
    assert editor_client.post(base + "add/", {}).status_code == 200
    assert editor_client.post(change_url(published), {}).status_code == 200
    assert editor_client.post(change_url(draft), {"change_note": "x" * 500}).status_code == 200


# --- line endings: saving an untouched form changes nothing -------------------------


def _multi_line_record(model):
    from tests.publishing.test_admin_permissions import FACTORIES

    record = FACTORIES[model._meta.label_lower]()
    for field in model._meta.concrete_fields:
        if field.get_internal_type() == "TextField" and (getattr(record, field.attname) or field.name == "description"):
            setattr(record, field.attname, "First line.\n\nSecond line.")
    record.save()
    return record


def _as_browser_posts(data):
    """Browsers submit every textarea with CRLF line endings."""
    return {name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()}


@pytest.mark.parametrize("model,model_admin", CONTENT_ADMINS, ids=lambda v: getattr(v, "__name__", ""))
def test_editor_saving_an_untouched_form_holds_no_change(editor_client, model, model_admin):
    record = _multi_line_record(model)
    data = _as_browser_posts(form_data(editor_client.get(change_url(record))))
    response = editor_client.post(change_url(record), data | {"_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert PendingChange.objects.for_record(record) is None


@pytest.mark.parametrize("model,model_admin", CONTENT_ADMINS, ids=lambda v: getattr(v, "__name__", ""))
def test_publisher_saving_an_untouched_form_records_no_change(publisher_client, model, model_admin):
    record = _multi_line_record(model)
    data = _as_browser_posts(form_data(publisher_client.get(change_url(record))))
    assert publisher_client.post(change_url(record), data | {"_save": "Save"}).status_code == 302
    latest, before = record.history.all()[:2]
    assert latest.diff_against(before, excluded_fields=["updated", "created"]).changed_fields == []
    assert "\r" not in str(type(record).objects.filter(pk=record.pk).values().get())
    assert LogEntry.objects.latest("action_time").get_change_message() == "No fields changed."


def test_model_cleaning_normalises_line_endings():
    cert = CertificationFactory.build(description="One.\r\nTwo.\rThree.")
    cert.clean_fields(exclude=["body", "slug"])
    assert cert.description == "One.\nTwo.\nThree."


def test_pending_change_compares_normalised_text(editor):
    cert = CertificationFactory(description="One.\nTwo.")
    assert hold(cert, editor, description_en="One.\r\nTwo.") is None
