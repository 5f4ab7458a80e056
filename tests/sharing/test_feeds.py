"""careerportal/sharing/feeds.py: /feed/updates/ is an Atom feed of content changes, newest first."""

import datetime
import html
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import CertificationFactory, OutlookFigureFactory, SkillFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def feed(client):
    response = client.get("/feed/updates/")
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
