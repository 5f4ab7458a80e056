"""Anonymous page caching that never serves stale content.

Every cached page key includes a *content generation* number kept in the cache
itself. Any write to content (save, delete, M2M change, publish, revert, slug
change, redirect) bumps it, so every app server sharing the cache (Redis)
stops serving the old pages on its very next request. Scheduled publication is
handled by remembering the next `publish_from` moment: once it passes, the
generation is bumped as if the record had been saved then.

If the cache backend is down the site serves uncached pages and logs one
warning until the backend answers again.
"""

import logging
import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

log = logging.getLogger(__name__)

STATE_KEY = "content-state"
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


def _next_scheduled_publication():
    """The earliest future `publish_from` of any published record, as a timestamp."""
    from publishing.models import PublicationStatus, PublishableContent

    now = timezone.now()
    moments = []
    for model in apps.get_models():
        if issubclass(model, PublishableContent):
            moment = model.objects.filter(status=PublicationStatus.PUBLISHED, publish_from__gt=now).aggregate(
                next=Min("publish_from")
            )["next"]
            if moment is not None:
                moments.append(moment.timestamp())
    return min(moments, default=None)


def bump_content_generation():
    """Invalidate every cached page at once."""
    try:
        state = cache_get(STATE_KEY)
        generation = (state or (0, None))[0] + 1
        cache_set(STATE_KEY, (generation, _next_scheduled_publication()), None)
    except CacheUnavailable:
        pass  # nothing can be served from a cache that is down


def content_generation():
    """The current generation, bumping it first if a scheduled publication has come due."""
    state = cache_get(STATE_KEY)
    if state is None:
        state = (1, _next_scheduled_publication())
        cache_set(STATE_KEY, state, None)
    generation, next_publication = state
    if next_publication is not None and time.time() >= next_publication:
        bump_content_generation()
        generation += 1
    return generation


def on_content_change(sender, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model.
    Bumps after the commit: bumping before it would let another server cache
    the old content under the new generation. Models of a migration's historical state are
    skipped: the bump reads today's tables, which a data migration may run before."""
    if sender._meta.app_label in CONTENT_APPS and sender._meta.apps is apps:
        transaction.on_commit(bump_content_generation)
