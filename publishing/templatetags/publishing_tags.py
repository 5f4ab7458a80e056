import math

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from publishing.rich_text import render_markdown
from publishing.translation import shows_english

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


@register.simple_tag
def english_only(record, name):
    """The visible "English only" label after a text shown in English on a Spanish page; else nothing."""
    if not shows_english(record, name):
        return ""
    return format_html(' <span class="badge text-bg-light english-only">{}</span>', gettext("English only"))


@register.simple_tag
def text_lang(record, name):
    """` lang="en"` for the element holding a text shown in English on a Spanish page; else nothing."""
    return mark_safe(' lang="en"') if shows_english(record, name) else ""


@register.simple_tag
def translated(record, name):
    """A record's text in the page's language; English in a `lang="en"` span, labelled, when it has no translation."""
    text = getattr(record, name)
    if not shows_english(record, name):
        return text
    return format_html('<span lang="en">{}</span>{}', text, english_only(record, name))
