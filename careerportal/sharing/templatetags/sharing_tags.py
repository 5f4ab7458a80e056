from django import template
from django.urls import reverse
from django.utils import timezone

from careerportal.feeds import record_feed_title, record_feed_url, site_feed_title
from publishing.seo import absolute_url, page_record

from ..cards import CAREERS_VIEW, HEIGHT, WIDTH, card_url_path, page_card
from ..compose import email_href, text_href
from ..qr import qr_svg

register = template.Library()

SHARED_QUERY_MAX_LENGTH = 300


@register.simple_tag(takes_context=True)
def share_url(context, meta):
    """`{% share_url page_meta as address %}`: what the share panel copies, encodes and prints:
    the page's canonical address ("" on private pages), keeping the query of a view without a
    record of its own (a filtered list, a search, a path-finder result) so the student sees the
    same view. A view that names its canonical address (compare) has already put its state in it."""
    if not meta:  # private and error pages
        return ""
    canonical = meta.canonical
    request = context.get("request")
    keeps_query = meta.record is None and not context.get("canonical_path")
    if request is not None and request.GET and keeps_query:
        query = request.GET.urlencode()
        if len(query) <= SHARED_QUERY_MAX_LENGTH:  # a garbage query would not fit a QR code
            return f"{canonical}?{query}"
    return canonical


@register.simple_tag
def qr_code(url):
    """`{% qr_code canonical %}`: inline SVG QR code of the page's canonical address."""
    return qr_svg(url)


@register.simple_tag
def message_links(title, url):
    """`{% message_links title url as message %}`: message.email (mailto:) and message.text (sms:)
    links that open a new message with the page's title and address."""
    return {"email": email_href(title=title, url=url), "text": text_href(title=title, url=url)}


@register.simple_tag(takes_context=True)
def social_card(context, meta):
    """`{% social_card page_meta as card %}`: the page's 1200×630 card: card.url, card.alt,
    card.width, card.height."""
    match = getattr(context.get("request"), "resolver_match", None)
    on_careers = match is not None and match.view_name == CAREERS_VIEW
    figures = [figure for occupation in context.get("occupations", ()) for figure in occupation.published_figures]
    figures = figures if on_careers else ()
    card = page_card(title=meta.title, record=meta.record, figures=figures)
    path = meta.path.partition("?")[0]
    return {"url": absolute_url(card_url_path(path)), "alt": card.alt, "width": WIDTH, "height": HEIGHT}


@register.simple_tag
def page_feeds(record):
    """`{% page_feeds page_meta.record as feeds %}`: the Atom feeds a public page links to for
    discovery, [{"title": ..., "url": ...}]: the page's own record's feed, then the site's."""
    feeds = []
    url = record_feed_url(record) if record is not None else None
    if url is not None:
        feeds.append({"title": record_feed_title(record), "url": url})
    feeds.append({"title": site_feed_title(), "url": absolute_url(reverse("updates-feed"))})
    return feeds


@register.simple_tag(takes_context=True)
def shared_page_changes(context):
    """When the page was opened through a share link and its record changed after
    the link was made: {"date": ..., "notes": [(date, note), ...]}; else None. The notes are
    those of the page's latest `change_notes` (from its view) made after the link."""
    request = context.get("request")
    link = getattr(request, "share_link", None)
    record = page_record(context)
    if link is None or record is None or record.updated <= link.created:
        return None
    return {
        "date": timezone.localtime(record.updated).date(),
        "notes": [(date, note) for date, note in context.get("change_notes", ()) if date > link.created],
    }
