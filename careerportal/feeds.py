"""Atom feeds of content changes, newest first: /feed/updates/ for the whole
site, and one per detail page (/certifications/cpc/feed/) so a counselor can
follow one credential.

Each entry is one saved version (from django-simple-history) of a record that
is published now and was published in that version, with the editor's change
note when there is one. Drafts never appear, and neither do figure values.
Both feeds name the site as their author (RFC 4287 requires one) and pages
link to them for discovery (includes/seo_meta.html)."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from certifications.models import Certification
from publishing.models import PublicationStatus, PublicNote, PublishableContent, content_models, public_note
from publishing.seo import absolute_url, site_url
from qualifications.models import EducationStep, QualificationPath, Skill

FEED_LENGTH = 30
#: Detail pages with a feed of their own at their address plus feed/: the pages' path prefix
#: and the feed's URL name.
RECORD_FEEDS = {
    Certification: ("certifications/", "certification-feed"),
    QualificationPath: ("paths/", "path-feed"),
    EducationStep: ("education/", "education-feed"),
    Skill: ("skills/", "skill-feed"),
}


@dataclass(frozen=True)
class ContentChange:
    record: PublishableContent
    history_id: int
    date: datetime
    created: bool
    note: str

    @property
    def title(self):
        # A figure's str() carries its value, which may be unconfirmed: use its label.
        return str(getattr(self.record, "label", "") or self.record)

    @property
    def url(self):
        return absolute_url(self.record.get_absolute_url())


def published_versions(history, limit):
    """(history_id, id, date, kind, note, Spanish note) of the newest `limit` versions in which a record
    was published."""
    return list(
        history.filter(history_type__in=["+", "~"], status=PublicationStatus.PUBLISHED)
        .order_by("-history_date", "-history_id")
        .values_list("history_id", "id", "history_date", "history_type", "history_change_reason", "change_note_es")[
            :limit
        ]
    )


def latest_changes(limit=FEED_LENGTH):
    """The newest `limit` saved versions of published records, newest first (two queries per model)."""
    changes = []
    for model in content_models():
        published = model.objects.published()
        rows = published_versions(model.history.filter(id__in=published.values("pk")), limit)
        if not rows:
            continue
        records = published.in_bulk({row[1] for row in rows})
        for history_id, pk, date, kind, note, note_es in rows:
            if pk in records:
                note = PublicNote.in_page_language(public_note(note), note_es)
                changes.append(ContentChange(records[pk], history_id, date, kind == "+", note))
    changes.sort(key=lambda change: change.date, reverse=True)
    return changes[:limit]


def record_changes(record, limit=FEED_LENGTH):
    """The newest `limit` published versions of one record, newest first (one query)."""
    return [
        ContentChange(record, history_id, date, kind == "+", PublicNote.in_page_language(note or "", note_es))
        for history_id, _pk, date, kind, note, note_es in published_versions(record.history.all(), limit)
    ]


def record_feed_url(record):
    """The absolute address of a record's own feed, or None when its kind of page has none."""
    if type(record) not in RECORD_FEEDS:
        return None
    _prefix, name = RECORD_FEEDS[type(record)]
    return absolute_url(reverse(name, kwargs={"slug": record.slug}))


class ChangesFeed(Feed):
    """What the site feed and the record feeds share: author, entries and their ids."""

    feed_type = Atom1Feed

    def author_name(self):
        return str(settings.SITE_NAME)

    def author_link(self):
        return absolute_url(reverse("home"))

    def item_title(self, change):
        # Atom titles are plain text (the base class escapes them for RSS).
        return change.title

    def item_description(self, change):
        # Atom <summary type="html">: the note is plain text, so it is escaped here.
        if change.note:
            return escape(change.note)
        return escape(gettext("New page.") if change.created else gettext("Page updated."))

    def item_link(self, change):
        return change.url

    def item_guid(self, change):
        # One id per saved version (a page changes many times): a tag: URI, RFC 4151.
        host = urlsplit(site_url()).hostname
        return f"tag:{host},{change.date:%Y-%m-%d}:{change.record._meta.label_lower}/{change.history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.date

    def item_updateddate(self, change):
        return change.date


class ContentUpdatesFeed(ChangesFeed):
    subtitle = _("What changed on the site: new and updated pages, with the editors' notes.")

    def title(self):
        return site_feed_title()

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("updates-feed"))

    def items(self):
        return latest_changes()


class RecordChangesFeed(ChangesFeed):
    """/certifications/cpc/feed/ and the like: one published record's changes; 404 for anything else."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.published(), slug=slug)

    def title(self, record):
        return record_feed_title(record)

    def subtitle(self, record):
        return gettext("New versions of this page, with the editors' notes.")

    def link(self, record):
        return absolute_url(record.get_absolute_url())

    def feed_url(self, record):
        return record_feed_url(record)

    def items(self, record):
        return record_changes(record)


def site_feed_title():
    return gettext("What changed · %(site)s") % {"site": settings.SITE_NAME}


def record_feed_title(record):
    return gettext("What changed on %(page)s · %(site)s") % {"page": record, "site": settings.SITE_NAME}
