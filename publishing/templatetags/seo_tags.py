"""Template tags for the <head> metadata of every page."""

from django import template

from publishing import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_metadata(context):
    """`{% seo_metadata as seo %}`: a PageMetadata, or None on error and private pages."""
    return seo.page_metadata(context)


@register.simple_tag(takes_context=True)
def seo_description(context):
    """The meta description: the record's summary, else the site's description."""
    return seo.page_description(context)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """`{% canonical_url as canonical %}`: the page's absolute canonical address, or "" on unlisted pages."""
    if seo.is_unlisted(context):
        return ""
    return seo.absolute_url(seo.canonical_path(context, seo.page_record(context)))
