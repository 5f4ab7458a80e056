"""Anonymous pages are cached and every content change shows on the very next request."""

import contextlib
import datetime
import logging
import time

import pytest
from django.contrib.redirects.models import Redirect
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from careerportal import cache as page_cache
from careerportal.models import ContentGeneration
from tests.factories import CertificationFactory, SkillFactory, UserFactory

# Invalidation runs when a transaction commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache_on(page_cache_off, settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def cert():
    return CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")


def test_second_anonymous_request_is_served_from_the_cache(client, cert):
    first = client.get("/certifications/cpc/")
    second = client.get("/certifications/cpc/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_saving_a_record_shows_the_change_on_the_next_request(client, cert):
    client.get("/certifications/cpc/")
    cert.name = "Renamed credential"
    cert.save()
    response = client.get("/certifications/cpc/")
    assert response["X-Cache"] == "miss"
    assert "Renamed credential" in response.content.decode()


def test_deleting_a_record_removes_it_from_cached_lists(client, cert):
    assert "Certified Professional Coder" in client.get("/certifications/").content.decode()
    cert.delete()
    assert "Certified Professional Coder" not in client.get("/certifications/").content.decode()


def test_unpublishing_makes_the_cached_page_404_at_once(client, cert):
    assert client.get("/certifications/cpc/").status_code == 200
    cert.status = "draft"
    cert.save()
    assert client.get("/certifications/cpc/").status_code == 404


def test_many_to_many_change_invalidates(client, cert):
    skill = SkillFactory(name="Attention to detail", slug="attention")
    assert "Attention to detail" not in client.get("/certifications/cpc/").content.decode()
    skill.certifications.add(cert)
    assert "Attention to detail" in client.get("/certifications/cpc/").content.decode()


def test_new_redirect_is_answered_at_once(client, cert):
    assert client.get("/old-address/").status_code == 404
    Redirect.objects.create(site_id=1, old_path="/old-address/", new_path="/certifications/cpc/")
    assert client.get("/old-address/").status_code == 301


def test_scheduled_publication_appears_when_its_time_comes(client, cert):
    soon = timezone.now() + datetime.timedelta(seconds=1)
    CertificationFactory(code="SOON1", publish_from=soon)
    assert "SOON1" not in client.get("/certifications/").content.decode()
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert "SOON1" in client.get("/certifications/").content.decode()


def test_signed_in_users_never_get_or_fill_cached_pages(client, cert):
    client.get("/certifications/cpc/")  # cached for anonymous visitors
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/certifications/cpc/")
    assert "X-Cache" not in response
    client.logout()
    assert client.get("/certifications/cpc/")["X-Cache"] == "hit"


@pytest.mark.parametrize("url", ["/admin/login/", "/healthz", "/certifications/cpc/?preview=token"])
def test_private_areas_are_never_cached(client, cert, url):
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_unchanged_page_answers_304_to_a_conditional_get(client, cert):
    first = client.get("/certifications/cpc/")
    assert first.has_header("ETag")
    again = client.get("/certifications/cpc/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_changed_page_answers_200_to_a_stale_etag(client, cert):
    etag = client.get("/certifications/cpc/")["ETag"]
    cert.name = "Changed"
    cert.save()
    assert client.get("/certifications/cpc/", headers={"if-none-match": etag}).status_code == 200


UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_an_edit_made_while_the_cache_is_unreachable_still_invalidates(client, cert):
    client.get("/certifications/cpc/")
    assert client.get("/certifications/cpc/")["X-Cache"] == "hit"
    with override_settings(CACHES=UNREACHABLE_CACHE):  # the server making the edit cannot reach the cache
        cert.name = "Edited without a cache"
        cert.save()
    response = client.get("/certifications/cpc/")
    assert response["X-Cache"] == "miss"
    assert "Edited without a cache" in response.content.decode()


def test_a_rolled_back_edit_keeps_the_generation(client, cert):
    before = page_cache.content_generation()
    with contextlib.suppress(RuntimeError), transaction.atomic():
        cert.name = "Never committed"
        cert.save()
        raise RuntimeError
    assert page_cache.content_generation() == before


def test_the_generation_row_is_made_again_if_missing(client, cert):
    ContentGeneration.objects.all().delete()
    assert client.get("/certifications/cpc/")["X-Cache"] == "miss"
    assert client.get("/certifications/cpc/")["X-Cache"] == "hit"


def test_cache_down_serves_uncached_and_warns_once(client, cert, caplog, monkeypatch):
    monkeypatch.setattr(page_cache._Health, "failing", False)
    with override_settings(CACHES=UNREACHABLE_CACHE), caplog.at_level(logging.WARNING, logger="careerportal.cache"):
        statuses = [client.get("/certifications/cpc/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    warnings = [record for record in caplog.records if record.name == "careerportal.cache"]
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()


# Cache poisoning (issue 10): a path that routes nowhere but normalises to a real page
# must neither be cached under that page's key nor be answered from it.
POISONING_ATTEMPTS = [
    ("/x/../", "/"),
    ("/zzz/..%2fcertifications/cpc/?v=1", "/certifications/cpc/?v=1"),
    ("/zzz/%2e%2e/search/?q=cpc", "/search/?q=cpc"),
    ("/a/b/../../plan/?education=10", "/plan/?education=10"),
    ("/certifications/./x/../?focus=both", "/certifications/?focus=both"),
    ("//certifications/cpc/", "/certifications/cpc/"),
]


@pytest.mark.parametrize(("attack", "victim"), POISONING_ATTEMPTS)
def test_a_non_canonical_path_never_poisons_the_page_it_normalises_to(client, cert, attack, victim):
    for _ in range(2):
        response = client.get(attack)
        assert "X-Cache" not in response
    for headers in ({}, {"accept-language": "es"}, {"cookie": "anything=1"}):
        assert client.get(victim, headers=headers).status_code == 200


@pytest.mark.parametrize(("attack", "victim"), POISONING_ATTEMPTS)
def test_a_non_canonical_path_is_never_answered_from_the_cache(client, cert, attack, victim):
    client.get(victim)
    response = client.get(attack)
    assert "X-Cache" not in response
    assert response.status_code == 404


def test_not_found_pages_are_not_cached(client, cert):
    for _ in range(2):
        assert "X-Cache" not in client.get("/certifications/no-such-credential/")


def test_any_cookie_gets_the_same_cached_page(client, cert):
    client.get("/certifications/cpc/")
    assert client.get("/certifications/cpc/", headers={"cookie": "tracker=abc"})["X-Cache"] == "hit"


def test_a_query_the_page_does_not_read_is_served_uncached(client, cert, settings):
    settings.PAGE_CACHE_MAX_VARIANTS = 2
    for _ in range(2):
        for n in range(20):
            response = client.get(f"/?junk{n}=1")
            assert response.status_code == 200 and "X-Cache" not in response
        assert "X-Cache" not in client.get("/certifications/cpc/?utm_source=mail")
    # The junk took none of the home page's two entries.
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/es/")["X-Cache"] == "miss"


def test_known_parameters_in_any_order_share_one_entry(client, cert):
    assert client.get("/certifications/?focus=coding&entry_level=on")["X-Cache"] == "miss"
    assert client.get("/certifications/?entry_level=on&focus=coding")["X-Cache"] == "hit"


def test_one_page_has_a_bounded_number_of_entries(client, cert, settings):
    settings.PAGE_CACHE_MAX_VARIANTS = 3
    first = [client.get(f"/search/?q=word{n}").get("X-Cache") for n in range(6)]
    assert first == ["miss", "miss", "miss", None, None, None]
    assert client.get("/search/?q=word0")["X-Cache"] == "hit"
    assert client.get("/certifications/cpc/")["X-Cache"] == "miss"  # other pages have their own bound


def test_each_set_of_eligibility_answers_is_its_own_cached_page(client, cert):
    # Every parameter the eligibility check reads is part of the key: none is served another answer's page.
    answers = "/certifications/cpc/?education=10&program=none&program_year=2024&experience_months=6"
    assert client.get(answers)["X-Cache"] == "miss"
    assert client.get(answers)["X-Cache"] == "hit"
    assert client.get(answers.replace("months=6", "months=12"))["X-Cache"] == "miss"
    assert client.get(answers.replace("program=none", "program=finished"))["X-Cache"] == "miss"


def test_a_records_own_feed_is_cached_and_invalidated(client, cert):
    assert client.get("/certifications/cpc/feed/")["X-Cache"] == "miss"
    assert client.get("/certifications/cpc/feed/")["X-Cache"] == "hit"
    cert.name = "Certified Professional Coder (renamed)"
    cert.save()
    response = client.get("/certifications/cpc/feed/")
    assert response["X-Cache"] == "miss"


def test_spanish_pages_are_cached_apart_and_invalidated_with_the_english_ones(client, cert):
    english, spanish = client.get("/certifications/cpc/"), client.get("/es/certifications/cpc/")
    assert (english["X-Cache"], spanish["X-Cache"]) == ("miss", "miss")
    assert '<html lang="es">' in client.get("/es/certifications/cpc/").content.decode()
    assert client.get("/es/certifications/cpc/")["X-Cache"] == "hit"
    assert '<html lang="en">' in client.get("/certifications/cpc/").content.decode()
    cert.name = "Renamed credential"
    cert.save()
    for url in ["/es/certifications/cpc/", "/certifications/cpc/"]:
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "Renamed credential" in response.content.decode()


@pytest.mark.parametrize("feed", ["/certifications/cpc/feed/", "/feed/updates/"])
def test_spanish_feeds_are_cached_apart_and_invalidated_with_the_english_ones(client, cert, feed):
    for url in [feed, f"/es{feed}"]:
        assert client.get(url)["X-Cache"] == "miss"
    spanish = client.get(f"/es{feed}")
    assert spanish["X-Cache"] == "hit" and '<feed xml:lang="es"' in spanish.content.decode()
    assert '<feed xml:lang="en"' in client.get(feed).content.decode()
    cert.name = "Renamed credential"
    cert.save()
    for url in [f"/es{feed}", feed]:
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "Renamed credential" in response.content.decode()


def test_an_english_address_is_one_cached_page_whatever_the_browser_language(client, cert):
    """The language comes from the address only: Accept-Language neither changes nor splits an English page."""
    assert client.get("/certifications/cpc/", headers={"accept-language": "es"})["X-Cache"] == "miss"
    response = client.get("/certifications/cpc/", headers={"accept-language": "en"})
    assert response["X-Cache"] == "hit"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("url", ["/es/plan/?education=1", "/es/search/?q=coder", "/es/feed/updates/"])
def test_spanish_pages_with_their_parameters_are_cacheable(client, cert, url):
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
