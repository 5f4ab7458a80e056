import math

from django import template
from django.utils.safestring import mark_safe

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
