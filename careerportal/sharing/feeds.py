"""/feed/updates/: an Atom feed of the latest content changes, newest first.

Each entry is one saved version (from django-simple-history) of a record that
is published now and was published in that version, with the editor's change
note when there is one. Drafts never appear, and neither do figure values."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.models import PublicationStatus, PublishableContent, public_note
from publishing.seo import absolute_url

FEED_LENGTH = 30


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


def content_models():
    return [model for model in apps.get_models() if issubclass(model, PublishableContent) and not model._meta.abstract]


def latest_changes(limit=FEED_LENGTH):
    """The newest `limit` saved versions of published records, newest first (two queries per model)."""
    changes = []
    for model in content_models():
        published = model.objects.published()
        rows = list(
            model.history.filter(
                history_type__in=["+", "~"],
                status=PublicationStatus.PUBLISHED,
                id__in=published.values("pk"),
            )
            .order_by("-history_date", "-history_id")
            .values_list("history_id", "id", "history_date", "history_type", "history_change_reason")[:limit]
        )
        if not rows:
            continue
        records = published.in_bulk({row[1] for row in rows})
        for history_id, pk, date, kind, note in rows:
            if pk in records:
                changes.append(ContentChange(records[pk], history_id, date, kind == "+", public_note(note)))
    changes.sort(key=lambda change: change.date, reverse=True)
    return changes[:limit]


class ContentUpdatesFeed(Feed):
    feed_type = Atom1Feed
    subtitle = _("What changed on the site: new and updated pages, with the editors' notes.")

    def title(self):
        return gettext("What changed · %(site)s") % {"site": settings.SITE_NAME}

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse("sharing:updates-feed"))

    def items(self):
        return latest_changes()

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
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},{change.date:%Y-%m-%d}:{change.record._meta.label_lower}/{change.history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.date

    def item_updateddate(self, change):
        return change.date
