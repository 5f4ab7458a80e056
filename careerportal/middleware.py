import logging
import re
import time

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import override

from publishing.seo import path_language

from .cache import CacheUnavailable, cache_get, cache_set, claim_variant, content_generation
from .cacheable import CACHEABLE_PAGES, cacheable_page, is_shareable_response, page_key, variants_key
from .page_bodies import PageBodyCache

request_log = logging.getLogger("careerportal.requests")


class RequestLogMiddleware:
    """One log line per request: method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_log.info(
            "%s %s %s %.1fms",
            request.method,
            request.get_full_path()[:500],
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for a site whose language is in the address alone: with
    i18n_patterns and English unprefixed, an unprefixed address is English whatever the browser
    asks, so no response varies by Accept-Language (Django adds that Vary to every unprefixed page)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [name for name in cc_delim_re.split(response["Vary"]) if name.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


class InputRulesMiddleware:
    """Answers 405 to a method the site does not use (TRACE, PUT, DELETE...), and
    400 before any view or database lookup runs when the path, the query
    or the form data holds a control character. NUL would otherwise reach
    PostgreSQL, which rejects it with an error (a 500 and a logged traceback);
    no address or form field of this site has a use for the others. Tab, line
    feed and carriage return stay allowed in query and form values (a textarea)."""

    PATH_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f]")
    VALUE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED_METHODS:
            return HttpResponseNotAllowed(self.ALLOWED_METHODS)
        if self.PATH_FORBIDDEN.search(request.path_info) or self.has_forbidden_value(request):
            # The address's language is not active yet (the thread still has the previous request's).
            with override(path_language(request.path_info)):
                message = _("The address or the form holds characters that are not allowed.")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def has_forbidden_value(self, request):
        data = [request.GET] if request.method != "POST" else [request.GET, request.POST]
        return any(
            self.VALUE_FORBIDDEN.search(text)
            for query in data
            for name, values in query.lists()
            for text in (name, *values)
        )


class ResponseHeadersMiddleware:
    """Adds Permissions-Policy to every page, and says who may keep a copy of it:
    a public page for an anonymous visitor may be kept briefly by browsers and
    proxies (`public, max-age=PAGE_BROWSER_CACHE_SECONDS, must-revalidate`); a page for a
    signed-in user, or from a non-public area (admin, counselor pages, share
    links, health checks), is `private, no-store`. A Cache-Control set by the
    view (previews, the admin) is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if response.has_header("Cache-Control"):
            return response
        match = request.resolver_match
        if request.user.is_authenticated or response.cookies or (match and match.view_name not in CACHEABLE_PAGES):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code == 200 and match:
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_BROWSER_CACHE_SECONDS, must_revalidate=True
            )
        return response


class AnonymousPageCacheMiddleware:
    """Caches public pages for anonymous visitors under the current content
    generation (see careerportal.cache), so any content change is visible at once.
    Which pages, and under which key: careerportal.cacheable. Signed-in users
    (staff, counselors), previews, share links and every non-public area always
    get a fresh page. The same requests get a PageBodyCache (careerportal.page_bodies),
    which their view uses when the page cache is off or misses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page = cacheable_page(request) if self.is_anonymous_visit(request) else None
        if page is None:
            return self.get_response(request)
        generation = content_generation()
        if settings.PAGE_BODY_CACHE_SECONDS > 0:
            request.page_body_cache = PageBodyCache(request, page=page, generation=generation)
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        key = page_key(request, page=page, generation=generation)
        try:
            cached = cache_get(key)
        except CacheUnavailable:
            return self.get_response(request)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if is_shareable_response(response):
            try:
                if claim_variant(variants_key(request, generation=generation), settings.PAGE_CACHE_SECONDS):
                    cache_set(key, response, settings.PAGE_CACHE_SECONDS)
                    response["X-Cache"] = "miss"
            except CacheUnavailable:
                pass
        return response

    @staticmethod
    def is_anonymous_visit(request):
        cookies = request.COOKIES
        return (
            (settings.PAGE_CACHE_SECONDS > 0 or settings.PAGE_BODY_CACHE_SECONDS > 0)
            and request.method in ("GET", "HEAD")
            # An anonymous session or a pending message may show on the page.
            and settings.SESSION_COOKIE_NAME not in cookies
            and "messages" not in cookies
            and not request.user.is_authenticated
        )
