"""Visitors see only published records; staff and signed preview links see drafts
and unpublished changes at the public address, under a banner, never cached."""

import contextlib
import datetime
import re
import time

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from publishing.models import PendingChange, PublicationStatus
from publishing.services import pending_change_save, preview_token_create, record_publish
from tests.factories import (
    CareerTopicFactory,
    CertificationFactory,
    CertifyingBodyFactory,
    CodeSetFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    SkillFactory,
    UserFactory,
    build_path,
)

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT
DETAIL_FACTORIES = {
    "certification": CertificationFactory,
    "education step": EducationStepFactory,
    "path": lambda **kwargs: build_path(EducationStepFactory(), **kwargs),
    "skill": SkillFactory,
}
MARKER = "Zanzibarquux"


@pytest.fixture(params=DETAIL_FACTORIES, ids=str)
def make_record(request):
    return DETAIL_FACTORIES[request.param]


def hold_price_change(cert, user, price=399, note="Price up"):
    edited = type(cert).objects.get(pk=cert.pk)
    edited.price_usd = price
    return pending_change_save(record=cert, edited=edited, field_names=["price_usd"], user=user, note=note)


# --- visitors ------------------------------------------------------------------


def test_draft_is_404_for_visitors(client, make_record):
    record = make_record(status=DRAFT)
    assert client.get(record.get_absolute_url()).status_code == 404


def test_scheduled_record_is_404_until_its_publish_from(client, make_record):
    record = make_record(publish_from=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(record.get_absolute_url()).status_code == 404
    type(record).objects.filter(pk=record.pk).update(publish_from=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(record.get_absolute_url()).status_code == 200


def test_published_page_has_no_preview_banner_and_stays_cacheable(client, make_record):
    record = make_record()
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_visitors_keep_seeing_published_values_while_a_change_is_pending(client, editor):
    cert = CertificationFactory(price_usd=300)
    hold_price_change(cert, editor)
    page = client.get(cert.get_absolute_url()).content.decode()
    assert "$300" in page and "$399" not in page
    assert "Draft preview" not in page


def _public_urls(draft_cert, draft_body, draft_code_set):
    urls = [
        "/",
        "/certifications/",
        f"/certifications/?body={draft_body.slug}",
        f"/certifications/?code_set={draft_code_set.slug}",
        "/paths/",
        "/education/",
        "/skills/",
        "/careers/",
    ]
    for name, query in [
        ("certifications:compare", f"?c={draft_cert.slug}&c={draft_cert.code}"),
        ("search:results", "?q=cert"),
        ("search:results", "?q=step"),
        ("site:sitemap", ""),
        ("updates-feed", ""),
        ("qualifications:path-finder", ""),
    ]:
        with contextlib.suppress(NoReverseMatch):  # a page not built yet
            urls.append(reverse(name) + query)
    return urls


def test_drafts_appear_in_no_list_filter_compare_path_search_sitemap_or_feed(client):
    body = CertifyingBodyFactory(status=DRAFT, name=f"{MARKER} body", abbreviation="ZQB", slug="zqb")
    code_set = CodeSetFactory(status=DRAFT, name=f"{MARKER}-codes", slug="zq-codes")
    cert = CertificationFactory(status=DRAFT, name=f"{MARKER} cert", entry_level=True)
    published = CertificationFactory(entry_level=True)
    step = EducationStepFactory(status=DRAFT, name=f"{MARKER} step")
    build_path(step, published)
    build_path(EducationStepFactory(), status=DRAFT, name=f"{MARKER} path")
    SkillFactory(status=DRAFT, name=f"{MARKER} skill").certifications.add(published)
    OutlookFigureFactory(status=DRAFT, label=f"{MARKER} pay")
    CareerTopicFactory(status=DRAFT, title=f"{MARKER} tip")
    for url in _public_urls(cert, body, code_set) + [published.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER.lower() not in response.content.decode().lower(), url


def test_certification_page_does_not_list_a_draft_code_set(client):
    cert = CertificationFactory()
    cert.code_sets.add(CodeSetFactory(status=DRAFT, name=f"{MARKER}-codes"))
    assert MARKER.lower() not in client.get(cert.get_absolute_url()).content.decode().lower()


# --- staff preview -------------------------------------------------------------


def test_staff_see_a_draft_at_its_public_address_with_the_banner(client, editor, make_record):
    record = make_record(status=DRAFT)
    client.force_login(editor)
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft preview" in page
    assert "visitors cannot see it" in page
    assert reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]) in page


def test_previews_are_never_cached(client, editor, make_record):
    record = make_record(status=DRAFT)
    client.force_login(editor)
    response = client.get(record.get_absolute_url())
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "noindex" in response["X-Robots-Tag"]


def test_staff_preview_shows_pending_values_applied(client, editor):
    cert = CertificationFactory(price_usd=300)
    hold_price_change(cert, editor, note="AAPC raised the fee")
    client.force_login(editor)
    response = client.get(cert.get_absolute_url())
    page = response.content.decode()
    assert "$399" in page and "$300" not in page
    assert "Draft preview" in page and "unpublished changes" in page
    assert "AAPC raised the fee" in page
    assert "no-store" in response["Cache-Control"]


def test_staff_without_view_permission_get_404_for_a_draft(client, make_record):
    record = make_record(status=DRAFT)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(record.get_absolute_url()).status_code == 404


def test_signed_in_non_staff_user_with_view_permission_gets_404_for_a_draft(client, roles, make_record):
    record = make_record(status=DRAFT)
    user = UserFactory(is_staff=False)
    user.groups.add(roles["Editors"])
    client.force_login(user)
    assert client.get(record.get_absolute_url()).status_code == 404


def test_preview_page_query_count_is_bounded(client, editor, django_assert_max_num_queries):
    cert = CertificationFactory(status=DRAFT)
    client.force_login(editor)
    client.get(cert.get_absolute_url())
    with django_assert_max_num_queries(25):
        assert client.get(cert.get_absolute_url()).status_code == 200


# --- signed preview links ------------------------------------------------------


def token_for(record, user):
    return preview_token_create(record=record, user=user)


def test_preview_link_shows_a_draft_to_a_visitor_without_an_account(client, publisher, make_record):
    record = make_record(status=DRAFT)
    token = token_for(record, publisher)
    response = client.get(record.get_absolute_url(), {"preview": token})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft preview" in page and "sent this preview link" in page
    assert "Back to editing" not in page
    assert "no-store" in response["Cache-Control"]


def test_preview_link_does_not_name_the_editor(client, editor, publisher):
    cert = CertificationFactory(price_usd=300)
    hold_price_change(cert, editor)
    page = client.get(cert.get_absolute_url(), {"preview": token_for(cert, publisher)}).content.decode()
    assert "Changes last edited" in page and "Changes by" not in page
    assert not re.search(rf"\b({editor.username}|{publisher.username})\b", page)


def test_preview_link_for_a_pending_change_shows_the_new_values(client, editor, publisher):
    cert = CertificationFactory(price_usd=300)
    hold_price_change(cert, editor)
    token = token_for(cert, publisher)
    page = client.get(cert.get_absolute_url(), {"preview": token}).content.decode()
    assert "$399" in page and "Draft preview" in page


@pytest.mark.parametrize(
    "token",
    ["", "x", "garbage:garbage:garbage", "eyJ4IjoxfQ:1tXyZ:abc", "%00", "a" * 5000, "\u2603:\u2603"],
    ids=range(7),
)
def test_bad_preview_token_behaves_as_for_a_visitor(client, token):
    draft = CertificationFactory(status=DRAFT)
    published = CertificationFactory()
    assert client.get(draft.get_absolute_url(), {"preview": token}).status_code == 404
    response = client.get(published.get_absolute_url(), {"preview": token})
    assert response.status_code == 200
    assert "Draft preview" not in response.content.decode()


def test_preview_link_for_another_record_does_not_open_this_one(client, publisher):
    shown = CertificationFactory(status=DRAFT)
    other = CertificationFactory(status=DRAFT)
    token = token_for(shown, publisher)
    assert client.get(other.get_absolute_url(), {"preview": token}).status_code == 404


def signed(payload):
    return signing.TimestampSigner(salt="publishing.preview-link").sign_object(payload, compress=True)


def test_preview_link_of_another_model_with_the_same_pk_does_not_open_it(client):
    cert = CertificationFactory(status=DRAFT)
    token = signed({"model": "qualifications.skill", "pk": cert.pk, "pending": None, "issued": int(time.time())})
    assert client.get(cert.get_absolute_url(), {"preview": token}).status_code == 404
    same_but_right_model = signed(
        {"model": "certifications.certification", "pk": cert.pk, "pending": None, "issued": int(time.time())}
    )
    assert client.get(cert.get_absolute_url(), {"preview": same_but_right_model}).status_code == 200


def test_preview_link_signed_with_another_salt_is_refused(client):
    cert = CertificationFactory(status=DRAFT)
    payload = {"model": "certifications.certification", "pk": cert.pk, "pending": None, "issued": int(time.time())}
    token = signing.TimestampSigner(salt="something-else").sign_object(payload, compress=True)
    assert client.get(cert.get_absolute_url(), {"preview": token}).status_code == 404


def test_tampered_preview_link_is_refused(client, publisher):
    draft = CertificationFactory(status=DRAFT)
    token = token_for(draft, publisher)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(draft.get_absolute_url(), {"preview": tampered}).status_code == 404


def test_preview_link_expires_after_the_configured_days(client, publisher, settings, monkeypatch):
    settings.PREVIEW_LINK_MAX_AGE_DAYS = 7
    draft = CertificationFactory(status=DRAFT)
    token = token_for(draft, publisher)
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 6 * 86400)
    assert client.get(draft.get_absolute_url(), {"preview": token}).status_code == 200
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 7 * 86400 + 60)
    assert client.get(draft.get_absolute_url(), {"preview": token}).status_code == 404


def test_preview_link_stops_working_once_the_draft_is_published(client, publisher):
    draft = CertificationFactory(status=DRAFT)
    token = token_for(draft, publisher)
    record_publish(record=draft, user=publisher)
    page = client.get(draft.get_absolute_url(), {"preview": token}).content.decode()
    assert "Draft preview" not in page
    # ...and does not come back if the record is unpublished again later.
    type(draft).objects.filter(pk=draft.pk).update(status=DRAFT)
    assert client.get(draft.get_absolute_url(), {"preview": token}).status_code == 404


def test_preview_link_for_a_pending_change_stops_once_it_is_published(client, editor, publisher):
    cert = CertificationFactory(price_usd=300)
    hold_price_change(cert, editor)
    token = token_for(cert, publisher)
    record_publish(record=cert, user=publisher)
    hold_price_change(cert, editor, price=450)  # a newer change made after the link
    page = client.get(cert.get_absolute_url(), {"preview": token}).content.decode()
    assert "Draft preview" not in page and "$450" not in page
    assert "$399" in page


def test_preview_token_is_bound_to_the_pending_change_it_was_made_for(client, editor):
    cert = CertificationFactory(price_usd=300)
    first = hold_price_change(cert, editor)
    PendingChange.objects.filter(pk=first.pk).delete()
    hold_price_change(cert, editor, price=500)
    token = signed({"model": cert._meta.label_lower, "pk": cert.pk, "pending": first.pk, "issued": int(time.time())})
    page = client.get(cert.get_absolute_url(), {"preview": token}).content.decode()
    assert "Draft preview" not in page and "$500" not in page


# --- What changed --------------------------------------------------------------


def test_detail_page_lists_latest_change_notes_with_dates(client, publisher):
    cert = CertificationFactory(status=DRAFT)
    cert._change_reason = "Exam price updated to $399"
    cert.status = PublicationStatus.PUBLISHED
    cert.save()
    page = client.get(cert.get_absolute_url()).content.decode()
    assert "What changed" in page
    assert "Exam price updated to $399" in page
    assert timezone.localdate().strftime("%Y") in page


def test_change_note_dates_are_valid_html_datetimes_without_fractions_of_a_second(client):
    """Regression: datetime="2026-12-03T02:47:29.394597-05:00" (six fraction digits) is invalid HTML."""
    cert = CertificationFactory()
    cert._change_reason = "Exam price updated"
    cert.save()
    page = client.get(cert.get_absolute_url()).content.decode()
    section = page.split('<div class="what-changed', 1)[1]
    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in section


def test_change_notes_are_escaped(client):
    cert = CertificationFactory()
    cert._change_reason = "<script>alert(1)</script>"
    cert.save()
    page = client.get(cert.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_what_changed_section_without_notes_or_record(client):
    cert = CertificationFactory()
    assert 'class="what-changed' not in client.get(cert.get_absolute_url()).content.decode()
    OutlookFigureFactory()
    assert 'class="what-changed' not in client.get("/careers/").content.decode()


def test_what_changed_costs_one_query_whatever_the_number_of_changes(client):
    cert = CertificationFactory()
    cert._change_reason = "first"
    cert.save()
    url = cert.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(30):
        cert._change_reason = f"note {number}"
        cert.save()
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "note 29" in page and "note 24" not in page  # the latest five
