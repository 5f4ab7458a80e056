from django import template
from django.urls import reverse
from django.utils import timezone

from publishing.seo import absolute_url, canonical_path, page_record, page_title

from ..cards import CAREERS_VIEW, HEIGHT, WIDTH, card_url_path, page_card
from ..compose import email_href, text_href
from ..feeds import record_feed_title, record_feed_url, site_feed_title
from ..qr import qr_svg

register = template.Library()


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
def shared_page_title(context):
    """The title of the page the share panel is on, for messages: the record's name or the view's title."""
    return page_title(context, page_record(context))


@register.simple_tag(takes_context=True)
def social_card(context):
    """`{% social_card as card %}`: the page's 1200×630 card: card.url, card.alt, card.width, card.height."""
    record = page_record(context)
    match = getattr(context.get("request"), "resolver_match", None)
    on_careers = match is not None and match.view_name == CAREERS_VIEW
    figures = [figure for occupation in context.get("occupations", ()) for figure in occupation.published_figures]
    figures = figures if on_careers else ()
    card = page_card(title=page_title(context, record), record=record, figures=figures)
    path = canonical_path(context, record).partition("?")[0]
    return {"url": absolute_url(card_url_path(path)), "alt": card.alt, "width": WIDTH, "height": HEIGHT}


@register.simple_tag(takes_context=True)
def page_feeds(context):
    """`{% page_feeds as feeds %}`: the Atom feeds a public page links to for discovery,
    [{"title": ..., "url": ...}]: the page's own record's feed, then the site's."""
    feeds = []
    record = page_record(context)
    url = record_feed_url(record) if record is not None else None
    if url is not None:
        feeds.append({"title": record_feed_title(record), "url": url})
    feeds.append({"title": site_feed_title(), "url": absolute_url(reverse("sharing:updates-feed"))})
    return feeds


@register.simple_tag(takes_context=True)
def shared_page_changes(context):
    """When the page was opened through a share link and its record changed after
    the link was made: {"date": ..., "notes": [(date, note), ...]}; else None."""
    request = context.get("request")
    link = getattr(request, "share_link", None)
    record = page_record(context)
    if link is None or record is None or record.updated <= link.created:
        return None
    return {
        "date": timezone.localtime(record.updated).date(),
        "notes": record.change_notes(since=link.created),
    }
