import logging
import sys

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from certifications.models import Certification
from publishing.seo import absolute_url
from publishing.views import CachedBodyMixin
from qualifications.models import QualificationPath

from .cache import CacheUnavailable, cache_get, cache_set

log = logging.getLogger(__name__)


class HomeView(CachedBodyMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            paths=list(QualificationPath.objects.published().with_steps().with_occupations()),
            featured_certifications=list(Certification.objects.published().entry_level().select_related("body")),
            **kwargs,
        )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('sharing:list')}",
        "",
        f"Sitemap: {absolute_url(reverse('site:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def ping(request):
    """Liveness: a plain "ok" through the whole middleware stack, touching nothing else.
    Also the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


def healthz(request):
    """200 with each dependency's status, or 503 when the database is unreachable."""
    checks = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        log.warning("Health check: database unreachable: %s", error)
        checks["database"] = "unavailable"
    if settings.REDIS_URL:
        try:
            cache_set("healthz", "ok", 10)
            checks["cache"] = "ok" if cache_get("healthz") == "ok" else "unavailable"
        except CacheUnavailable:
            checks["cache"] = "unavailable"
    status = 200 if checks["database"] == "ok" else 503
    response = JsonResponse({"status": "ok" if status == 200 else "unavailable", "checks": checks}, status=status)
    patch_cache_control(response, no_store=True)
    return response


def server_error(request):
    """The 500 handler: a styled 503 page when the database is down, else the 500 page.
    Neither template touches the database."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
    else:
        response = render(request, "500.html", status=500)
    patch_cache_control(response, no_store=True)
    return response
