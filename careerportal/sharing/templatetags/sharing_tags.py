from django import template
from django.utils import timezone

from publishing.seo import page_record

from ..qr import qr_svg

register = template.Library()


@register.simple_tag
def qr_code(url):
    """`{% qr_code canonical %}`: inline SVG QR code of the page's canonical address."""
    return qr_svg(url)


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
