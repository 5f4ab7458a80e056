"""Content text in Spanish (django-modeltranslation): history, held changes, previews,
revert, the English fallback and its label, and the page cache."""

import pytest
from django.utils import translation

from careerportal.cache import content_generation
from publishing.diffs import field_changes
from publishing.models import PendingChange
from publishing.services import pending_change_save, record_publish, record_revert, save_with_history
from qualifications.models import Skill
from tests.factories import (
    CertificationFactory,
    EducationStepFactory,
    OccupationFactory,
    OutlookFigureFactory,
    SkillFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher():
    return UserFactory(is_superuser=True, is_staff=True)


def test_every_content_record_history_keeps_both_languages():
    from publishing.models import content_models

    for model in content_models():
        columns = {field.name for field in model.history.model._meta.fields}
        originals = {field.translated_field.name for field in model._meta.fields if hasattr(field, "translated_field")}
        assert originals, model
        assert {f"{name}_{language}" for name in originals for language in ("en", "es")} <= columns, model


def test_a_spanish_edit_is_in_history_shows_in_a_diff_and_reverts(publisher):
    skill = SkillFactory(summary="Careful work.")
    skill.summary_es = "Trabajo cuidadoso."
    save_with_history(skill, user=publisher, note="Spanish summary")
    skill.summary_es = "Otro texto."
    save_with_history(skill, user=publisher, note="Wrong text")
    latest, middle = skill.history.all()[:2]
    assert (middle.summary_es, latest.summary_es) == ("Trabajo cuidadoso.", "Otro texto.")
    assert latest.summary_en == "Careful work."

    changes = field_changes(Skill, middle, latest)
    assert [change.name for change in changes] == ["summary_es"]

    record_revert(record=skill, version=middle, user=publisher)
    skill.refresh_from_db()
    assert skill.summary_es == "Trabajo cuidadoso." and skill.summary_en == "Careful work."


def test_a_held_spanish_edit_waits_previews_and_publishes(publisher):
    editor = UserFactory(is_staff=True)
    skill = SkillFactory(summary="Careful work.")
    edited = Skill.objects.get(pk=skill.pk)
    edited.summary_es = "Trabajo cuidadoso."
    pending = pending_change_save(record=skill, edited=edited, field_names=["summary_es"], user=editor)
    assert pending.data == {"summary_es": "Trabajo cuidadoso."}
    skill.refresh_from_db()
    assert skill.summary_es == ""

    with translation.override("es"):
        preview = pending.apply_to(Skill.objects.get(pk=skill.pk))
        assert preview.summary == "Trabajo cuidadoso." and preview.summary_en == "Careful work."
    assert record_publish(record=skill, user=publisher)
    skill.refresh_from_db()
    assert skill.summary_es == "Trabajo cuidadoso." and not PendingChange.objects.exists()


def test_cleaning_a_record_on_a_spanish_request_never_copies_english_into_spanish():
    skill = SkillFactory(summary="Careful work.")
    with translation.override("es"):
        skill.full_clean()
    assert skill.summary_es == "" and skill.summary_en == "Careful work."


def test_spanish_page_shows_spanish_text_and_labels_english_fallback(client):
    skill = SkillFactory(name="Attention to detail", summary="Careful work.", on_the_job="Checks codes.")
    skill.name_es = "Atención al detalle"
    skill.summary_es = "Trabajo cuidadoso."
    skill.how_to_build_es = "Practica con casos reales."
    skill.save()
    address = skill.get_absolute_url()
    page = client.get(f"/es{address}").content.decode()
    assert "Atención al detalle" in page.split("</title>")[0]
    assert '<meta property="og:title" content="Atención al detalle">' in page
    assert '"name": "Atención al detalle"' in page  # JSON-LD
    assert 'aria-current="page">Atención al detalle</li>' in page  # breadcrumbs
    assert "Trabajo cuidadoso." in page and "Careful work." not in page
    assert '<p lang="en">Checks codes.' in page and "solo en inglés" in page
    assert page.count("solo en inglés") == 1

    english = client.get(address).content.decode()
    assert "Careful work." in english and "English only" not in english and "solo en inglés" not in english


def test_certification_page_falls_back_to_english_summary_with_label(client):
    cert = CertificationFactory(summary="A coding credential.")
    page = client.get(f"/es{cert.get_absolute_url()}").content.decode()
    assert '<span lang="en">A coding credential.</span>' in page
    assert "solo en inglés" in page


def test_a_spanish_edit_invalidates_cached_pages():
    skill = SkillFactory()
    before = content_generation()
    skill.summary_es = "Trabajo cuidadoso."
    skill.save()
    assert content_generation() > before


def test_text_changes_are_dated_per_language():
    skill = SkillFactory(summary="Careful work.")
    assert skill.english_text_changed is not None and skill.spanish_text_changed is None
    english_date = skill.english_text_changed

    skill = Skill.objects.get(pk=skill.pk)
    skill.last_reviewed = skill.last_reviewed  # no text change
    skill.save()
    assert skill.english_text_changed == english_date and skill.spanish_text_changed is None

    skill.summary_es = "Trabajo cuidadoso."
    skill.save()
    assert skill.spanish_text_changed > english_date and skill.english_text_changed == english_date


def test_spanish_older_than_english_needs_review(client, publisher):
    skill = SkillFactory(summary="Careful work.")
    skill.summary_es = "Trabajo cuidadoso."
    skill.save()
    assert not skill.needs_review and not Skill.objects.needs_review().exists()

    skill = Skill.objects.get(pk=skill.pk)
    skill.summary_en = "Careful, patient work."
    skill.save()
    assert skill.needs_review and skill.spanish_is_outdated
    assert list(Skill.objects.needs_review()) == [skill]
    assert list(Skill.objects.spanish_outdated()) == [skill]
    assert not Skill.objects.reviewed_recently().exists()

    client.force_login(publisher)
    listed = client.get("/admin/qualifications/skill/?review=needed").context["cl"].result_list
    assert list(listed) == [skill]

    skill.summary_es = "Trabajo cuidadoso y paciente."
    skill.save()
    assert not Skill.objects.needs_review().exists() and list(Skill.objects.reviewed_recently()) == [skill]


def test_spanish_pages_show_the_spanish_change_note_or_the_english_one_marked(client, publisher):
    skill = SkillFactory()
    address = skill.get_absolute_url()
    skill.summary_en = "Careful, patient work."
    save_with_history(skill, user=publisher, note="Summary rewritten", note_es="Resumen reescrito")
    skill.on_the_job_en = "Checks every code."
    save_with_history(skill, user=publisher, note="Example added")

    page = client.get(f"/es{address}").content.decode()
    assert "Resumen reescrito" in page and "Summary rewritten" not in page
    assert '<span lang="en">Example added</span> <span class="badge text-bg-light english-only">' in page
    english = client.get(address).content.decode()
    assert "Summary rewritten" in english and "Resumen reescrito" not in english and "English only" not in english


def test_a_held_change_keeps_its_spanish_note_until_published(publisher):
    editor = UserFactory(is_staff=True)
    skill = SkillFactory()
    edited = Skill.objects.get(pk=skill.pk)
    edited.summary_es = "Trabajo cuidadoso."
    pending_change_save(
        record=skill, edited=edited, field_names=["summary_es"], user=editor, note="Spanish", note_es="Español"
    )
    record_publish(record=skill, user=publisher)
    latest = skill.history.first()
    assert (latest.history_change_reason, latest.change_note_es) == ("Spanish", "Español")


def test_every_english_only_text_on_an_occupation_page_is_marked(client):
    occupation = OccupationFactory()
    OutlookFigureFactory(occupation=occupation, label="Median pay")
    address = occupation.get_absolute_url()
    page = client.get(f"/es{address}").content.decode()
    assert '<ol class="tasks" lang="en">' in page and '<ul lang="en">' in page  # tasks, work settings
    assert '<span lang="en">Postsecondary nondegree award</span>' in page
    assert '<span lang="en">Medical records specialists</span>' in page and '<span lang="en">May 2020</span>' in page

    occupation.tasks_es = "Resumir y codificar datos de pacientes.\nIngresar datos clínicos."
    occupation.save()
    page = client.get(f"/es{address}").content.decode()
    assert '<ol class="tasks">' in page and "Resumir y codificar" in page


def test_english_only_exam_price_and_step_texts_are_marked(client):
    cert = CertificationFactory(exam_delivery="At a test centre", price_detail="one attempt")
    cert.summary_es = "Una credencial."
    cert.save()
    step = EducationStepFactory(covers="Anatomy\nCPT coding")
    certification_address, step_address = cert.get_absolute_url(), step.get_absolute_url()
    page = client.get(f"/es{certification_address}").content.decode()
    assert '<span lang="en">At a test centre</span>' in page and '<span lang="en">one attempt</span>' in page

    page = client.get(f"/es{step_address}").content.decode()
    assert '<ul lang="en"><li>Anatomy</li>' in page
    assert "solo en inglés" not in client.get(step_address).content.decode()
