"""SEO metadata built from any page's context: canonical address, title,
description, Open Graph and Twitter values, and schema.org JSON-LD.

Publishing imports none of the content apps. Apps describe their own records
by registering builders in their `seo` module (discovered by
`PublishingConfig.ready()`, the way the admin finds admin.py):

    @seo.register_record(Certification)
    def certification(record, page): return [{"@type": ..., ...}]

    @seo.register_page("qualifications:careers")
    def careers(page): return [...]

Builders return plain dicts; `PageMetadata.json_ld()` serialises them with
json.dumps and escapes <, > and & so content can never close the script element.
"""

import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_from_path, get_language_info, override
from django.utils.translation import gettext_lazy as _

from .models import PublishableContent

DESCRIPTION_MAX_CHARS = 300

_record_builders = {}
_page_builders = {}


def register_record(model):
    """Register `builder(record, page) -> [node, ...]` for a model's detail pages."""

    def decorator(builder):
        _record_builders[model] = builder
        return builder

    return decorator


def register_page(view_name):
    """Register `builder(page) -> [node, ...]` for the page of a URL name such as "app:name"."""

    def decorator(builder):
        _page_builders[view_name] = builder
        return builder

    return decorator


#: The address of the request being served, when SiteUrlMiddleware uses it (debug without SITE_URL).
request_site_url = ContextVar("request_site_url", default=None)


def site_url():
    """The site's public address: SITE_URL, or in debug without it the address the browser used."""
    return request_site_url.get() or settings.SITE_URL


def absolute_url(path):
    """The public address of a site path, from site_url() (in production SITE_URL, never the request's Host)."""
    return f"{site_url()}{path}"


def path_language(path):
    """The language a site path is written in: its prefix (/es/...), else the default language."""
    return get_language_from_path(path) or settings.LANGUAGE_CODE


def path_in_language(path, language):
    """The same page's path (query kept) in `language`: /certifications/cpc/?x=1 <-> /es/certifications/cpc/?x=1.
    A path that is no page (a 404) leads to that language's home page."""
    translated = translate_url(path, language)
    if translated == path and language != get_language():
        with override(language):
            return reverse("home")
    return translated


def language_alternates(path):
    """[(hreflang, absolute address)] of the page at `path` in every language, then x-default
    (the default language's address), for <link rel="alternate" hreflang> in the page head."""
    alternates = [(code, absolute_url(path_in_language(path, code))) for code, _name in settings.LANGUAGES]
    default = dict(alternates)[settings.LANGUAGE_CODE]
    return [*alternates, ("x-default", default)]


def language_links(path):
    """The language switcher: [{"code", "name" (in its own language), "url"}] of the other languages."""
    current = get_language()
    return [
        {"code": code, "name": get_language_info(code)["name_local"], "url": path_in_language(path, code)}
        for code, _name in settings.LANGUAGES
        if code != current
    ]


def page_path(record):
    """A record's own page address, or None when its address is a filter or an anchor."""
    path = record.get_absolute_url()
    if not path.startswith("/") or "?" in path or "#" in path:
        return None
    return path


def plain_number(value):
    """A Decimal as a JSON number (DjangoJSONEncoder would write a string)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def one_line(text, limit=DESCRIPTION_MAX_CHARS):
    return Truncator(" ".join(str(text).split())).chars(limit)


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class PageMetadata:
    path: str  # the canonical address on this site, e.g. /certifications/cpc/
    canonical: str  # the same, absolute
    title: str
    description: str
    og_type: str
    record: object = None
    context: object = None
    nodes: list = field(default_factory=list)
    alternates: list = field(default_factory=list)

    def json_ld(self):
        """The JSON-LD document, safe to put inside <script type="application/ld+json">."""
        document = {"@context": "https://schema.org", "@graph": self.nodes}
        text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)
        return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped like json_script


def page_record(context):
    """The public record a detail page shows, if the page is one."""
    record = context.get("object")
    if isinstance(record, PublishableContent) and page_path(record):
        return record
    return None


def is_error_page(context):
    # django.views.defaults.page_not_found and friends put these in the context.
    return "exception" in context and "request_path" in context


def is_unlisted(context):
    """Error pages, and pages whose view sets `private_page` (sign-in, counselor pages), get no
    canonical address, social tags, JSON-LD or share panel."""
    return is_error_page(context) or bool(context.get("private_page"))


def page_title(context, record=None):
    return str(context.get("page_title") or record or settings.SITE_NAME)


def page_description(context):
    record = page_record(context)
    summary = getattr(record, "summary", "") if record is not None else ""
    return one_line(summary) if summary else str(settings.SITE_DESCRIPTION)


def canonical_path(context, record=None):
    """The path a page is known by: what its view says, its record's page, else the request path
    (list pages drop their filters)."""
    if context.get("canonical_path"):
        return context["canonical_path"]
    if record is not None:
        return page_path(record)
    request = context.get("request")
    return request.path if request is not None else "/"


def breadcrumb_node(context, canonical):
    crumbs = list(context.get("breadcrumbs") or [])
    if not crumbs:
        crumbs = [(_("Home"), reverse("home"))]
    items = []
    for position, (label, url) in enumerate(crumbs, start=1):
        # The last crumb is this page: name it by its canonical address (keeps the compare query).
        item_url = canonical if position == len(crumbs) else absolute_url(url)
        items.append({"@type": "ListItem", "position": position, "name": str(label), "item": item_url})
    return {"@type": "BreadcrumbList", "itemListElement": items}


def web_page_node(meta):
    node = {
        "@type": "WebPage",
        "url": meta.canonical,
        "name": meta.title,
        "description": meta.description,
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "isPartOf": {"@type": "WebSite", "name": str(settings.SITE_NAME), "url": absolute_url(reverse("home"))},
    }
    if meta.record is not None:
        node["lastReviewed"] = meta.record.reviewed_on
        node["dateModified"] = meta.record.updated
    return node


def page_metadata(context):
    """Everything the <head> needs for the page being rendered, or None on unlisted pages."""
    if is_unlisted(context):
        return None
    record = page_record(context)
    path = canonical_path(context, record)
    meta = PageMetadata(
        path=path,
        canonical=absolute_url(path),
        title=page_title(context, record),
        description=page_description(context),
        og_type="article" if record is not None else "website",
        record=record,
        context=context,
        alternates=language_alternates(path),
    )
    meta.nodes.append(web_page_node(meta))
    if record is not None:
        builder = _record_builders.get(type(record))
        if builder is not None:
            meta.nodes.extend(builder(record, meta))
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in _page_builders:
        meta.nodes.extend(_page_builders[match.view_name](meta))
    meta.nodes.append(breadcrumb_node(context, meta.canonical))
    return meta
