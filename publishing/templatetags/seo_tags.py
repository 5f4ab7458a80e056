"""Template tags for the <head> metadata and share panel of every page."""

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


SHARED_QUERY_MAX_LENGTH = 300


@register.simple_tag(takes_context=True)
def share_url(context):
    """`{% share_url as address %}`: what the share panel copies, encodes and prints: the
    canonical address, keeping the query of a view without a record of its own
    (a filtered list, a search, a path-finder result) so the student sees the same view. A view
    that names its canonical address (compare) has already put its state in it."""
    canonical = canonical_url(context)
    request = context.get("request")
    keeps_query = seo.page_record(context) is None and not context.get("canonical_path")
    if canonical and request is not None and request.GET and keeps_query:
        query = request.GET.urlencode()
        if len(query) <= SHARED_QUERY_MAX_LENGTH:  # a garbage query would not fit a QR code
            return f"{canonical}?{query}"
    return canonical


@register.simple_tag(takes_context=True)
def language_links(context):
    """`{% language_links as languages %}`: this page in the other languages, query kept, for the switcher."""
    request = context.get("request")
    return seo.language_links(request.get_full_path() if request is not None else "/")
