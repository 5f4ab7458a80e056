"""publishing/redirects.py: renamed pages answer 301 at their old addresses, chains stay one hop."""

import pytest
from django.contrib.redirects.models import Redirect
from django.db.models import F

from tests.factories import (
    CertificationFactory,
    CertifyingBodyFactory,
    EducationStepFactory,
    QualificationPathFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

PAGE_FACTORIES = [CertificationFactory, EducationStepFactory, QualificationPathFactory, SkillFactory]


def rename(record, slug):
    record.slug = slug
    record.save()
    return record.get_absolute_url()


@pytest.mark.parametrize("factory", PAGE_FACTORIES)
def test_old_slug_redirects_permanently_to_new_slug(client, factory):
    record = factory(slug="old-name")
    old_url = record.get_absolute_url()
    new_url = rename(record, "new-name")

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_rename_chain_sends_every_old_slug_straight_to_the_newest(client):
    cert = CertificationFactory(slug="a")
    rename(cert, "b")
    rename(cert, "c")

    for old in ("/certifications/a/", "/certifications/b/"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == "/certifications/c/"
    assert client.get("/certifications/c/").status_code == 200


def test_renaming_back_to_an_old_slug_leaves_no_loop(client):
    cert = CertificationFactory(slug="a")
    rename(cert, "b")
    rename(cert, "a")

    assert client.get("/certifications/a/").status_code == 200
    assert client.get("/certifications/b/")["Location"] == "/certifications/a/"
    assert not Redirect.objects.filter(old_path="/certifications/a/").exists()
    assert not Redirect.objects.filter(old_path=F("new_path")).exists()


def test_address_that_never_existed_stays_404(client):
    cert = CertificationFactory(slug="a")
    rename(cert, "b")
    assert client.get("/certifications/never-there/").status_code == 404


def test_saving_without_a_slug_change_adds_no_redirect():
    cert = CertificationFactory(slug="same")
    cert.name = "Renamed, same slug"
    cert.save()
    assert Redirect.objects.count() == 0


def test_a_draft_renamed_before_publication_gets_no_redirect(client):
    draft = CertificationFactory(slug="working-title", status="draft")
    rename(draft, "final-title")
    assert Redirect.objects.count() == 0
    draft.status = "published"
    draft.save()
    assert client.get("/certifications/working-title/").status_code == 404


def test_a_page_unpublished_after_being_public_keeps_its_redirect(client):
    cert = CertificationFactory(slug="was-public")
    cert.status = "draft"
    cert.save()
    rename(cert, "now-public")
    cert.status = "published"
    cert.save()
    assert client.get("/certifications/was-public/")["Location"] == "/certifications/now-public/"


def test_records_without_a_page_of_their_own_get_no_redirect():
    body = CertifyingBodyFactory(slug="aapc")  # its address is a filter: /certifications/?body=aapc
    rename(body, "aapc-new")
    assert Redirect.objects.count() == 0


def test_redirect_rows_are_listed_and_editable_in_the_admin(client, superuser):
    cert = CertificationFactory(slug="a")
    rename(cert, "b")
    client.force_login(superuser)
    redirect = Redirect.objects.get()
    assert "/certifications/a/" in client.get("/admin/redirects/redirect/").content.decode()
    assert client.get(f"/admin/redirects/redirect/{redirect.pk}/change/").status_code == 200


def test_old_address_with_a_tracking_query_keeps_the_query_on_the_new_address(client):
    cert = CertificationFactory(slug="a")
    rename(cert, "b")

    response = client.get("/certifications/a/?fbclid=xyz")

    assert response.status_code == 301
    assert response["Location"] == "/certifications/b/?fbclid=xyz"
    assert client.get("/certifications/zzz/?fbclid=xyz").status_code == 404


def test_a_renamed_page_keeps_its_spanish_address_too(client):
    cert = CertificationFactory(slug="old-name")
    rename(cert, "new-name")
    assert Redirect.objects.get().old_path == "/certifications/old-name/"  # one row serves every language
    response = client.get("/es/certifications/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/es/certifications/new-name/"
    response = client.get("/es/certifications/old-name/?utm_source=x")
    assert response["Location"] == "/es/certifications/new-name/?utm_source=x"
    assert client.get("/es/certifications/new-name/").status_code == 200


def test_a_rename_saved_while_spanish_is_active_still_stores_the_default_address(client):
    from django.utils import translation

    cert = CertificationFactory(slug="old-name")
    with translation.override("es"):
        rename(cert, "new-name")
    assert Redirect.objects.values_list("old_path", "new_path").get() == (
        "/certifications/old-name/",
        "/certifications/new-name/",
    )


def test_a_share_link_to_a_renamed_spanish_page_opens_the_new_spanish_page(client, make_link, cpc, settings):
    settings.SITE_URL = "https://careers.example.org"
    link = make_link("/es/certifications/cpc/")
    rename(cpc, "cpc-new")
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert 'rel="canonical" href="https://careers.example.org/es/certifications/cpc-new/"' in response.content.decode()
