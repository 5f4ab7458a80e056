import logging
import time

from django.conf import settings
from django.utils.cache import get_cache_key, learn_cache_key

from .cache import CacheUnavailable, cache_get, cache_set, content_generation

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


class AnonymousPageCacheMiddleware:
    """Caches public pages for anonymous visitors under the current content
    generation (see careerportal.cache), so any content change is visible at once.
    Signed-in users (staff, counselors), previews, share links and every
    non-public area always get a fresh page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        try:
            prefix = f"g{content_generation()}"
            key = get_cache_key(request, prefix, "GET")
            cached = cache_get(key) if key else None
        except CacheUnavailable:
            return self.get_response(request)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            try:
                timeout = settings.PAGE_CACHE_SECONDS
                cache_set(learn_cache_key(request, response, timeout, prefix), response, timeout)
                response["X-Cache"] = "miss"
            except CacheUnavailable:
                pass
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
            and "preview" not in request.GET
            and not request.user.is_authenticated
        )

    @staticmethod
    def is_cacheable_response(response):
        return (
            response.status_code in (200, 404)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
