"""Which pages the anonymous page cache may keep, and under which key.

Only the public pages listed in CACHEABLE_PAGES are cached, each with the query
parameters its view reads. The key is built from what was routed
(`request.path_info`), never from a normalised copy of it, and from the known
parameters in a fixed order. A request is not served from or stored in the
cache when its path is not in canonical form (`/x/../`, `//`, `/./`), when it
carries a parameter the page does not read (`?utm_source=...`), or when its
page already has PAGE_CACHE_MAX_VARIANTS entries in this content generation.
"""

import hashlib
from urllib.parse import urlencode

from django.urls import Resolver404, resolve

from careerportal.feeds import RECORD_FEEDS
from careerportal.search.forms import SearchForm
from certifications.compare import CompareForm
from certifications.eligibility import APPLICANT_PARAMETERS
from certifications.filters import CertificationFilter
from qualifications.forms import PathFinderForm

CACHEABLE_PAGES = {
    "home": (),
    "certifications:list": tuple(CertificationFilter.base_filters),
    "certifications:compare": tuple(CompareForm.base_fields),
    "certifications:detail": APPLICANT_PARAMETERS,  # the eligibility check
    "qualifications:path-list": (),
    "qualifications:path-detail": (),
    "qualifications:education-list": (),
    "qualifications:education-detail": (),
    "qualifications:skill-list": (),
    "qualifications:skill-detail": (),
    "qualifications:careers": (),
    "qualifications:path-finder": tuple(PathFinderForm.base_fields),
    "search:results": tuple(SearchForm.base_fields),
    "site:sitemap": (),
    "site:robots": (),
    "updates-feed": (),
    **{name: () for _prefix, name in RECORD_FEEDS.values()},
}


def is_canonical_path(path):
    """False for a path with empty, `.` or `..` segments, which a browser or proxy
    would normalise into another address."""
    segments = path.split("/")
    return segments[0] == "" and "" not in segments[1:-1] and not {".", ".."} & set(segments)


def cacheable_page(request):
    """The URL name of the cacheable page this request routes to, or None."""
    if not is_canonical_path(request.path_info):
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    known = CACHEABLE_PAGES.get(match.view_name)
    if known is None or not set(request.GET).issubset(known):
        return None
    return match.view_name


def page_key(request, *, page, generation, kind="page"):
    """The cache key of this page for this request: the routed path, the page's own
    parameters in a fixed order, and the language the page is written in. `kind` keeps
    whole responses ("page") and rendered bodies ("body", careerportal.page_bodies) apart."""
    query = urlencode([(name, value) for name in CACHEABLE_PAGES[page] for value in request.GET.getlist(name)])
    address = hashlib.sha256(f"{request.path_info}?{query}".encode()).hexdigest()
    return f"{kind}:g{generation}:{request.LANGUAGE_CODE}:{address}"


def variants_key(request, *, generation, kind="page"):
    """The key counting the entries of `kind` this path has in this generation."""
    return f"{kind}-variants:g{generation}:{hashlib.sha256(request.path_info.encode()).hexdigest()}"


def is_shareable_response(response):
    """A response that may be given to every anonymous visitor of the same page: a complete 200
    that sets no cookie and that the view did not mark private (previews) or no-store."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )
