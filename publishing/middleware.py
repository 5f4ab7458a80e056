"""Signs staff out after a period without activity (STAFF_SESSION_IDLE_MINUTES); in debug,
builds absolute addresses from the request's own address; computes each page's metadata once."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext

from .seo import page_metadata, request_site_url

SESSION_KEY = "_staff_last_activity"
#: Write the activity time at most this often, so each request does not save the session.
RESOLUTION_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """A staff member who has been idle longer than STAFF_SESSION_IDLE_MINUTES
    (default 30) is signed out on the next request and told why. Visitors
    without a session are not touched, so public pages stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated and request.user.is_staff:
            self.check_idle(request)
        return self.get_response(request)

    @staticmethod
    def check_idle(request):
        now = int(time.time())
        idle_limit = getattr(settings, "STAFF_SESSION_IDLE_MINUTES", 30) * 60
        last = request.session.get(SESSION_KEY)
        if isinstance(last, int) and now - last > idle_limit:
            logout(request)
            messages.info(
                request,
                gettext("You were signed out after %(minutes)d minutes without activity. Please sign in again.")
                % {"minutes": idle_limit // 60},
            )
            return
        if not isinstance(last, int) or now - last >= RESOLUTION_SECONDS:
            request.session[SESSION_KEY] = now


class SiteUrlMiddleware:
    """With SITE_URL_FROM_REQUEST (debug, SITE_URL unset), canonical, share, QR, sitemap, feed and
    counselor addresses use the address this request came to (scheme and Host, which get_host()
    checks against ALLOWED_HOSTS), so a server on any port or host links to itself. Otherwise
    nothing changes: production builds every address from SITE_URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.DEBUG and settings.SITE_URL_FROM_REQUEST):
            return self.get_response(request)
        token = request_site_url.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            request_site_url.reset(token)


class PageMetadataMiddleware:
    """Puts `page_meta` (publishing.seo.PageMetadata, or None on private pages) in the context of
    every TemplateResponse, computed once from what the view decided, before the template renders:
    <head>, social tags, feeds and the share panel all read it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data
        if context is not None and "page_meta" not in context:
            context["page_meta"] = page_metadata({**context, "request": request})
        return response
