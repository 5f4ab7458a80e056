"""Rendered page bodies kept under the content generation: what makes a page cheap when the
whole-page cache (careerportal.middleware.AnonymousPageCacheMiddleware) is off or misses.

The shell decides which requests may share a body, by the page cache's rules (an anonymous visitor
without a session or pending messages; a cacheable page with only the parameters it reads; never a
preview, a share link or the admin), and attaches a PageBodyCache to them as `request.page_body_cache`.
A view with publishing.views.CachedBodyMixin answers from it without computing its context, or
renders as usual and hands the rendered response back to keep. The key is the page cache's (content
generation, language, path, the page's own parameters), so an edit is visible on the next request of
every server. Only the body is kept: each response gets its own headers (CSP, Cache-Control, ETag,
Content-Language), and a body that carries a per-request value (a CSRF token, a CSP nonce) is never kept.
"""

from django.conf import settings

from .cache import CacheUnavailable, cache_get, cache_set, claim_variant
from .cacheable import is_shareable_response, page_key, variants_key


class PageBodyCache:
    """The rendered body of one page variant (this request's page, language and parameters)."""

    def __init__(self, request, *, page, generation):
        self.request = request
        self.key = page_key(request, page=page, generation=generation, kind="body")
        self.variants_key = variants_key(request, generation=generation, kind="body")

    def get(self):
        """The kept body (bytes), or None."""
        try:
            return cache_get(self.key)
        except CacheUnavailable:
            return None

    def keep(self, response):
        """Post-render callback of the view's TemplateResponse; returns None so the response stays."""
        if not self.may_share(response):
            return
        try:
            if claim_variant(self.variants_key, settings.PAGE_BODY_CACHE_SECONDS):
                cache_set(self.key, response.content, settings.PAGE_BODY_CACHE_SECONDS)
        except CacheUnavailable:
            pass

    def may_share(self, response):
        """A page anyone would get: a shareable response (not a preview, no cookie) whose rendering
        used no CSRF token, no CSP nonce and did not touch the session."""
        request = self.request
        return (
            is_shareable_response(response)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and getattr(request, "_csp_nonce", None) is None
            and not request.session.modified
        )
