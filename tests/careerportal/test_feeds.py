"""careerportal/feeds.py: /feed/updates/ is an Atom feed of content changes, newest first."""

import datetime
import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from careerportal.feeds import RECORD_FEEDS, record_feed_url
from tests.factories import (
    CertificationFactory,
    EducationStepFactory,
    OutlookFigureFactory,
    SkillFactory,
    build_path,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def feed(client, url="/feed/updates/"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            # <summary type="html">: what a feed reader shows is the HTML, unescaped once more.
            "summary": html.unescape(entry.findtext(f"{ATOM}summary")),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def change(record, note, days_ago):
    record._change_reason = note
    record.save()
    when = timezone.now() - datetime.timedelta(days=days_ago)
    record.history.filter(history_change_reason=note).update(history_date=when)


def test_feed_parses_as_atom_with_absolute_links(client, db):
    CertificationFactory(slug="cpc")
    root = feed(client)
    assert root.findtext(f"{ATOM}title").startswith("What changed")
    assert root.findtext(f"{ATOM}updated")
    self_links = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_links == [f"{SITE}/feed/updates/"]
    links = [entry["link"] for entry in entries(root)]
    assert f"{SITE}/certifications/cpc/" in links
    assert all(link.startswith(SITE + "/") for link in links)
    assert all(entry["updated"] for entry in entries(root))


def test_changes_come_newest_first_each_with_its_note_once(client, db):
    cert = CertificationFactory(slug="cpc", code="CPC")
    skill = SkillFactory(slug="detail", name="Attention to detail")
    change(cert, "Price updated to $425.", days_ago=3)
    change(skill, "Added examples <b>from</b> practice.", days_ago=1)

    found = entries(feed(client))
    noted = [e for e in found if e["summary"] not in ("New page.", "Page updated.")]

    assert [e["summary"] for e in noted] == ["Added examples <b>from</b> practice.", "Price updated to $425."]
    assert [e["updated"] for e in found] == sorted((e["updated"] for e in found), reverse=True)
    assert len({e["id"] for e in found}) == len(found)
    summaries = [e["summary"] for e in found]
    assert summaries.count("Price updated to $425.") == 1


def test_note_text_is_escaped_once_for_html_summaries(client, db):
    cert = CertificationFactory(slug="cpc")
    change(cert, "Use <b> tags & more", days_ago=1)
    raw = client.get("/feed/updates/").content.decode()
    # escaped as HTML (the note is plain text), then as XML
    assert '<summary type="html">Use &amp;lt;b&amp;gt; tags &amp;amp; more</summary>' in raw
    assert "Use <b> tags & more" in [entry["summary"] for entry in entries(feed(client))]


def test_drafts_and_their_changes_never_appear(client, db):
    draft = CertificationFactory(slug="secret", code="SECRET", status="draft")
    change(draft, "Secret change", days_ago=1)
    withdrawn = CertificationFactory(slug="withdrawn", code="WITHDRAWN")
    withdrawn.status = "draft"
    withdrawn.save()
    raw = client.get("/feed/updates/").content.decode()
    assert "SECRET" not in raw and "Secret change" not in raw and "WITHDRAWN" not in raw


def test_figure_entries_are_titled_by_label_never_by_value(client, db):
    OutlookFigureFactory(label="Median pay", value=77777, figure_confirmation="unconfirmed")
    raw = client.get("/feed/updates/").content.decode()
    assert "Median pay" in raw
    assert "77777" not in raw and "77,777" not in raw


def test_feed_costs_a_bounded_number_of_queries(client, db, django_assert_max_num_queries):
    for _ in range(5):
        CertificationFactory()
        SkillFactory()
    # two per content model (versions, current records), at most eight models
    with django_assert_max_num_queries(16):
        client.get("/feed/updates/")


# --- The W3C feed validator's rules, for the site feed and a record's feed ---------------------


def assert_valid_atom(client, root, self_url):
    """An author (RFC 4287: on the feed, or on every entry), unique ids, links that resolve."""
    author = root.find(f"{ATOM}author")
    assert author is not None and author.findtext(f"{ATOM}name"), "the feed has no author"
    assert root.findtext(f"{ATOM}id")
    assert [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"] == [self_url]
    found = entries(root)
    assert found
    assert len({entry["id"] for entry in found}) == len(found), "entry ids repeat"
    alternates = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    for url in {*alternates, self_url, *(entry["link"] for entry in found)}:
        assert url.startswith(SITE + "/")
        assert client.get(url.removeprefix(SITE)).status_code == 200, url


def test_site_feed_follows_the_w3c_feed_rules(client, db):
    cert = CertificationFactory(slug="cpc")
    change(cert, "Price checked.", days_ago=1)
    SkillFactory(slug="detail")
    assert_valid_atom(client, feed(client), f"{SITE}/feed/updates/")


def test_a_certification_has_a_feed_of_its_own_changes_only(client, db):
    cert = CertificationFactory(slug="cpc", code="CPC")
    change(cert, "Price updated to $425.", days_ago=2)
    change(cert, "Exam length checked.", days_ago=1)
    other = CertificationFactory(slug="cpb", code="CPB")
    change(other, "Not about CPC.", days_ago=1)
    root = feed(client, "/certifications/cpc/feed/")
    assert_valid_atom(client, root, f"{SITE}/certifications/cpc/feed/")
    assert "CPC" in root.findtext(f"{ATOM}title")
    found = entries(root)
    assert {entry["link"] for entry in found} == {f"{SITE}/certifications/cpc/"}
    noted = [e["summary"] for e in found if e["summary"] not in ("New page.", "Page updated.")]
    assert noted == ["Exam length checked.", "Price updated to $425."]


@pytest.mark.parametrize("url", ["/certifications/nope/feed/", "/certifications/secret/feed/", "/skills/x/feed/"])
def test_no_feed_for_unknown_or_draft_records(client, db, url):
    CertificationFactory(slug="secret", status="draft")
    assert client.get(url).status_code == 404


def test_every_detail_page_kind_has_a_feed_at_its_address_plus_feed(client, db):
    cert = CertificationFactory(slug="cpc")
    step = EducationStepFactory(slug="certificate-program")
    records = [cert, step, SkillFactory(slug="detail"), build_path(step, cert, slug="coder-path")]
    assert {type(record) for record in records} == set(RECORD_FEEDS)
    for record in records:
        url = record_feed_url(record)
        assert url == f"{SITE}{record.get_absolute_url()}feed/"
        feed(client, url.removeprefix(SITE))


def alternate_feeds(html):
    head = html.split("</head>", 1)[0]
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)


def test_pages_link_to_their_feeds_for_discovery(client, db):
    CertificationFactory(slug="cpc")
    assert alternate_feeds(client.get("/certifications/cpc/").content.decode()) == [
        f"{SITE}/certifications/cpc/feed/",
        f"{SITE}/feed/updates/",
    ]
    assert alternate_feeds(client.get("/certifications/").content.decode()) == [f"{SITE}/feed/updates/"]
    assert alternate_feeds(client.get("/counselor/login/").content.decode()) == []
    panel = client.get("/certifications/cpc/").content.decode().split('class="share-feeds', 1)[1].split("</p>")[0]
    assert f'<a href="{SITE}/certifications/cpc/feed/" type="application/atom+xml">' in panel


def test_spanish_feeds_carry_the_spanish_note_or_the_english_one(client, db):
    cert = CertificationFactory(slug="cpc", code="CPC")
    cert._change_note_es = "Precio actualizado a $425."
    change(cert, "Price updated to $425.", days_ago=2)
    cert._change_note_es = ""
    change(cert, "Exam length corrected.", days_ago=1)

    for url in ("/es/feed/updates/", "/es/certifications/cpc/feed/"):
        summaries = [entry["summary"] for entry in entries(feed(client, url))]
        assert "Precio actualizado a $425." in summaries and "Price updated to $425." not in summaries, url
        assert "Exam length corrected." in summaries, url
    english = [entry["summary"] for entry in entries(feed(client, "/feed/updates/"))]
    assert "Price updated to $425." in english and "Precio actualizado a $425." not in english
