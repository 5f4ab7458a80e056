"""Anonymous page caching that never serves stale content.

Every cached page key includes a *content generation* number kept in the
database (careerportal.models.ContentGeneration, one row read per cacheable
request). Any write to content (save, delete, M2M change, publish, revert, slug
change, redirect) bumps it in the same transaction, so every app server stops
serving the old pages on its very next request, even if the server that made
the change could not reach the cache. Scheduled publication is handled by
remembering the next `publish_from` moment: once it passes, the generation is
bumped as if the record had been saved then.

If the cache backend is down the site serves uncached pages and logs one
warning until the backend answers again.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from .models import ContentGeneration

log = logging.getLogger(__name__)

CONTENT_APPS = ("publishing", "certifications", "qualifications", "redirects")


class CacheUnavailable(Exception):
    pass


class _Health:
    """Logs a warning the first time the cache fails, and once more when it recovers."""

    failing = False

    @classmethod
    def call(cls, operation, *args, **kwargs):
        try:
            result = operation(*args, **kwargs)
        except Exception as error:  # any backend error: connection refused, timeout, protocol
            if not cls.failing:
                cls.failing = True
                log.warning("Cache unavailable, serving pages uncached: %s", error)
            raise CacheUnavailable from error
        if cls.failing:
            cls.failing = False
            log.warning("Cache available again")
        return result


def cache_get(key, default=None):
    return _Health.call(cache.get, key, default)


def cache_set(key, value, timeout):
    return _Health.call(cache.set, key, value, timeout)


def claim_variant(counter_key, timeout):
    """Count one more cached entry under `counter_key`; False once the page has
    PAGE_CACHE_MAX_VARIANTS of them, so a flood of queries cannot fill the cache."""

    def claim():
        cache.add(counter_key, 0, timeout)
        try:
            return cache.incr(counter_key) <= settings.PAGE_CACHE_MAX_VARIANTS
        except ValueError:  # the counter expired between add and incr
            return False

    return _Health.call(claim)


def _next_scheduled_publication():
    """The earliest future `publish_from` of any published record."""
    from publishing.models import content_models

    moments = [model.objects.scheduled().aggregate(next=Min("publish_from"))["next"] for model in content_models()]
    return min((moment for moment in moments if moment is not None), default=None)


def bump_content_generation():
    """Invalidate every cached page at once."""
    ContentGeneration.objects.bump()


def content_generation():
    """The current generation, bumping it first if a scheduled publication has come due."""
    number, next_publication, known = ContentGeneration.objects.state()
    if not known:
        next_publication = _next_scheduled_publication()
        ContentGeneration.objects.record_next_publication(number=number, moment=next_publication)
    if next_publication is not None and timezone.now() >= next_publication:
        ContentGeneration.objects.bump_from(number)
        return content_generation()
    return number


def on_content_change(sender, action="post", **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model.
    Bumps inside the change's transaction: other servers read the new generation
    only once the change is committed, and an unreachable cache cannot lose it.
    Historical models (data migrations) are skipped: the table may not exist yet."""
    if sender._meta.app_label in CONTENT_APPS and sender._meta.apps is apps and action.startswith("post"):
        bump_content_generation()
