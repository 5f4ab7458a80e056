"""careerportal/sharing/views.py: counselor pages, opening /s/<code>/, robots.txt."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from careerportal.sharing.models import ShareLink
from tests.factories import CertificationFactory, UserFactory

from .helpers import read_head

pytestmark = pytest.mark.django_db


# Who may use /counselor/


@pytest.mark.parametrize("url", ["/counselor/", "/counselor/new/"])
def test_visitors_are_sent_to_the_counselor_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/counselor/login/?next=")


@pytest.mark.parametrize("url", ["/counselor/", "/counselor/new/"])
def test_signed_in_non_counselors_are_refused(client, url):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


def test_superusers_may_make_share_links(client, superuser, cpc):
    client.force_login(superuser)
    response = client.post("/counselor/new/", {"target": "/certifications/cpc/", "note": ""})
    assert response.status_code == 302
    assert ShareLink.objects.get().owner == superuser


def test_counselor_signs_in_outside_the_admin(client, counselor):
    page = client.get("/counselor/login/?next=/counselor/new/")
    assert page.status_code == 200 and 'name="username"' in page.content.decode()
    response = client.post(
        "/counselor/login/?next=/counselor/new/", {"username": "counselor", "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and response["Location"] == "/counselor/new/"


def test_counselor_signs_out_with_a_post(counselor_client):
    assert counselor_client.post("/counselor/logout/").status_code == 302
    assert counselor_client.get("/counselor/").status_code == 302


# Making, listing, editing and retiring links


def test_counselor_makes_a_link_with_a_note(counselor_client, counselor, cpc, settings):
    response = counselor_client.post(
        "/counselor/new/", {"target": f"{settings.SITE_URL}/certifications/cpc/", "note": "Start here."}
    )
    link = ShareLink.objects.get()
    assert response.status_code == 302 and response["Location"] == "/counselor/"
    assert (link.owner, link.target, link.note) == (counselor, "/certifications/cpc/", "Start here.")
    listing = counselor_client.get("/counselor/").content.decode()
    assert f"{settings.SITE_URL}/s/{link.code}/" in listing


def test_new_link_form_is_prefilled_from_the_target_parameter(counselor_client):
    html = counselor_client.get("/counselor/new/?target=/careers/").content.decode()
    assert 'value="/careers/"' in html


@pytest.mark.parametrize(
    "data, field",
    [
        ({"target": "https://evil.example/", "note": ""}, "target"),
        ({"target": "/admin/", "note": ""}, "target"),
        ({"target": "/s/whatever12/", "note": ""}, "target"),
        ({"target": "", "note": ""}, "target"),
        ({"target": "/certifications/cpc/", "note": "x" * 501}, "note"),
    ],
)
def test_bad_input_is_a_form_error_not_a_link(counselor_client, cpc, data, field):
    response = counselor_client.post("/counselor/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ShareLink.objects.exists()


def test_counselors_see_only_their_own_links(counselor_client, make_link, other_counselor, cpc):
    mine = make_link("/certifications/cpc/", note="mine")
    theirs = make_link("/certifications/cpc/", note="theirs", owner=other_counselor)
    html = counselor_client.get("/counselor/").content.decode()
    assert mine.code in html
    assert theirs.code not in html


def test_counselor_edits_the_note_of_their_link(counselor_client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="Old")
    response = counselor_client.post(f"/counselor/{link.pk}/edit/", {"note": "New", "target": "/careers/"})
    link.refresh_from_db()
    assert response.status_code == 302
    assert (link.note, link.target) == ("New", "/certifications/cpc/")


@pytest.mark.parametrize("action", ["edit", "retire"])
def test_another_counselor_s_link_is_not_found(counselor_client, make_link, other_counselor, cpc, action):
    theirs = make_link("/certifications/cpc/", note="theirs", owner=other_counselor)
    url = f"/counselor/{theirs.pk}/{action}/"
    assert counselor_client.get(url).status_code == 404
    assert counselor_client.post(url, {"note": "hijacked"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.note == "theirs" and not theirs.is_retired


def test_counselor_retires_a_link_after_confirming(counselor_client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="Bye")
    assert "Retire this share link?" in counselor_client.get(f"/counselor/{link.pk}/retire/").content.decode()
    response = counselor_client.post(f"/counselor/{link.pk}/retire/")
    link.refresh_from_db()
    assert response.status_code == 302 and link.is_retired
    assert counselor_client.get(f"/counselor/{link.pk}/retire/").status_code == 404


# Opening /s/<code>/


def test_share_link_shows_the_page_with_the_note(client, make_link, cpc, settings):
    link = make_link("/certifications/cpc/", note="Look at the exam section first.")
    response = client.get(f"/s/{link.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Note from your counselor" in html
    assert "Look at the exam section first." in html
    assert "<h1>CPC" in html
    assert read_head(html).links["canonical"] == f"{settings.SITE_URL}/certifications/cpc/"
    assert f'href="{settings.SITE_URL}/certifications/cpc/" data-share-copy' in html


def test_share_link_responses_are_private_and_not_indexed(client, make_link, cpc):
    response = client.get(f"/s/{make_link('/certifications/cpc/', note='x').code}/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_note_with_html_is_shown_as_text(client, make_link, cpc):
    link = make_link("/certifications/cpc/", note='<script>alert("x")</script>\n<b>bold</b>')
    html = client.get(f"/s/{link.code}/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<script>alert("x")</script>' not in html


def test_the_page_itself_never_shows_a_note(client, make_link, cpc):
    make_link("/certifications/cpc/", note="Only through the link")
    html = client.get("/certifications/cpc/").content.decode()
    assert "Note from your counselor" not in html and "Only through the link" not in html


def test_a_list_page_with_a_query_renders_as_shared(client, make_link, cpc, settings):
    CertificationFactory(code="CPB", slug="cpb")
    link = make_link("/certifications/compare/?c=cpb&c=cpc", note="These two.")
    html = client.get(f"/s/{link.code}/").content.decode()
    assert "These two." in html and "certification-compare" in html
    assert read_head(html).links["canonical"] == f"{settings.SITE_URL}/certifications/compare/?c=cpb&c=cpc"


def test_retired_link_leads_to_the_page_without_the_note(client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="Gone")
    link.retire()
    response = client.get(f"/s/{link.code}/", follow=True)
    assert response.redirect_chain == [("/certifications/cpc/", 302)]
    assert response.status_code == 200
    assert "Gone" not in response.content.decode()


@pytest.mark.parametrize("code", ["nope", "AAAAAAAAAAAA", "a" * 300, "%3Cscript%3E", "..%2F..%2Fadmin"])
def test_unknown_codes_are_404(client, db, code):
    assert client.get(f"/s/{code}/").status_code == 404


def test_share_link_to_a_page_since_unpublished_is_404(client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="x")
    cpc.status = "draft"
    cpc.save()
    assert client.get(f"/s/{link.code}/").status_code == 404


def test_share_link_follows_a_later_rename_and_keeps_the_note(client, make_link, cpc, settings):
    link = make_link("/certifications/cpc/", note="Still here")
    cpc.slug = "cpc-new"
    cpc.save()
    html = client.get(f"/s/{link.code}/").content.decode()
    assert "Still here" in html
    assert read_head(html).links["canonical"] == f"{settings.SITE_URL}/certifications/cpc-new/"


def test_share_link_only_answers_get(client, make_link, cpc):
    assert client.post(f"/s/{make_link('/certifications/cpc/').code}/").status_code == 405


def test_opening_a_link_writes_nothing(client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="x")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/s/{link.code}/")
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert set(statements) <= {"SELECT", "SAVEPOINT", "RELEASE"}


def test_opening_a_link_costs_two_queries_more_than_the_page(client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="x")
    with CaptureQueriesContext(connection) as page:
        client.get("/certifications/cpc/")
    with CaptureQueriesContext(connection) as shared:
        client.get(f"/s/{link.code}/")
    # the link, and the re-check that its target is still published
    assert len(shared) <= len(page) + 2


# "This page changed since the link was made"


def save_with_note(record, note, when):
    record._change_reason = note
    record.save()
    record.history.filter(history_change_reason=note).update(history_date=when)
    type(record).objects.filter(pk=record.pk).update(updated=when)


def test_change_after_the_link_was_made_is_announced_with_its_note(client, make_link, cpc):
    link = make_link("/certifications/cpc/", note="x")
    when = link.created + datetime.timedelta(days=3)
    save_with_note(cpc, "Exam price went up to $425.", when)

    html = client.get(f"/s/{link.code}/").content.decode()

    local = timezone.localtime(when)
    assert f"This page changed on {local.day} {local:%B %Y} since the link was made:" in html
    assert "Exam price went up to $425." in html


def test_changes_before_the_link_was_made_are_not_announced(client, make_link, cpc):
    save_with_note(cpc, "Old change", timezone.now() - datetime.timedelta(days=30))
    link = make_link("/certifications/cpc/", note="x")
    html = client.get(f"/s/{link.code}/").content.decode()
    banner = html.split('<aside class="counselor-note', 1)[1].split("</aside>", 1)[0]
    assert "since the link was made" not in banner
    assert "Old change" not in banner


def test_a_change_without_a_note_still_gives_its_date(client, make_link, cpc):
    link = make_link("/certifications/cpc/")
    type(cpc).objects.filter(pk=cpc.pk).update(updated=link.created + datetime.timedelta(days=1))
    html = client.get(f"/s/{link.code}/").content.decode()
    assert "Shared by your counselor" in html
    assert "since the link was made." in html


def test_link_list_names_each_page_and_offers_copy_email_and_text(counselor_client, make_link, cpc, settings):
    link = make_link("/certifications/cpc/", note="one")
    make_link("/careers/")
    make_link("/")
    retired = make_link("/certifications/?focus=coding")
    retired.retire()
    html = counselor_client.get("/counselor/").content.decode()
    table = html.split('<table class="table caption-top', 1)[1].split("</table>", 1)[0]
    assert table.strip().split(">", 1)[1].lstrip().startswith("<caption>")  # caption first, shown above
    pages = re.findall(r'<tr[^>]*>\s*<td><a href="([^"]+)">([^<]+)</a></td>', table)
    assert pages == [
        ("/certifications/?focus=coding", "Certifications"),
        ("/", escape(settings.SITE_NAME)),
        ("/careers/", "Careers and pay"),
        ("/certifications/cpc/", escape(str(cpc))),
    ]
    short = f"{settings.SITE_URL}/s/{link.code}/"
    title, address = quote(str(cpc), safe=""), quote(short, safe="")
    assert f'href="{short}" data-share-copy' in table
    assert f'href="mailto:?subject={title}&amp;body={title}%0D%0A{address}"' in table
    assert f'href="sms:?&amp;body={title}%20{address}"' in table
    assert f'Copy link<span class="visually-hidden"> {escape(str(cpc))}</span>' in table
    assert table.count("data-share-copy") == 3  # retired links offer nothing to share


def test_link_list_costs_the_same_queries_for_many_links(counselor_client, make_link, cpc):
    make_link("/certifications/cpc/", note="one")
    make_link("/careers/", note="one")
    with CaptureQueriesContext(connection) as few:
        counselor_client.get("/counselor/")
    for number in range(30):
        make_link("/certifications/cpc/", note=f"note {number}")
        make_link(CertificationFactory().get_absolute_url(), note=f"note {number}")
    with CaptureQueriesContext(connection) as many:
        response = counselor_client.get("/counselor/")
    assert response.status_code == 200
    assert len(many) == len(few)
