import math

from django import template
from django.urls import NoReverseMatch
from django.utils.safestring import mark_safe

from publishing.admin.links import admin_url
from publishing.models import PendingChange, review_summary
from publishing.rich_text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitized HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitized it


@register.filter
def lines(text):
    """Non-empty lines of a plain-text field, for bulleted lists."""
    return [line.strip(" -*\t") for line in (text or "").splitlines() if line.strip(" -*\t")]


@register.filter
def timedelta_minutes(value):
    """A timedelta as whole minutes, rounded up (for "try again in N minutes")."""
    try:
        return max(1, math.ceil(value.total_seconds() / 60))
    except AttributeError:
        return ""


def _admin_url(model, view, *args):
    """An admin address, or None for a model without that admin page."""
    try:
        return admin_url(model, view, *args)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def content_review_summary(context):
    """For the admin index, the publisher's desk: changes waiting for review, records
    needing review per model (with a link to the filtered list), records with unconfirmed
    figures and records whose figures are possibly out of date, undated or third-party
    only, limited to what the user may view."""
    user = context["request"].user
    summary = review_summary(user)
    changelist = "{}?review=needed"
    may_see_pending = user.has_perm("publishing.view_pendingchange")
    return {
        "pending_count": PendingChange.objects.count() if may_see_pending else None,
        "pending_url": _admin_url(PendingChange, "changelist") if may_see_pending else None,
        "needs_review_total": summary["needs_review_total"],
        "needing_review": [
            {
                "label": model._meta.verbose_name_plural,
                "count": count,
                "url": changelist.format(_admin_url(model, "changelist")),
            }
            for model, count in summary["needing_review"]
        ],
        "unconfirmed": [
            {
                "record": record,
                "status": record.get_status_display(),
                "figures": figures,
                "url": _admin_url(type(record), "change", record.pk),
            }
            for record, figures in summary["unconfirmed"]
        ],
        "figures_to_check": [
            {
                "record": record,
                "status": record.get_status_display(),
                "warnings": warnings,
                "url": _admin_url(type(record), "change", record.pk),
            }
            for record, warnings in summary["figures_to_check"]
        ],
    }
