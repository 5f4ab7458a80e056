"""Old addresses keep working after an editor changes a slug.

Every saved rename of a public record becomes a row of django.contrib.redirects
(old path -> new path), which RedirectFallbackMiddleware answers with a 301
whenever the old path would otherwise be a 404. Rows stay editable in the admin
under "Redirects". Chains are kept flat (a -> b then b -> c leaves a -> c and
b -> c) and a path that becomes live again loses its redirect, so no loops.

Connected for every concrete PublishableContent model by `PublishingConfig.ready()`;
records whose address carries a query or fragment (certifying bodies, career
figures) have no page of their own and are skipped.

Rows hold default-language (English) paths; the same rename also moves the page in
every other language: /es/old/ redirects to /es/new/ (`redirected_path`).
"""

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils.translation import get_language_from_path, override

from .models import PublishableContent, published_now
from .seo import page_path, path_language

_OLD_PATH = "_publishing_old_path"


def was_ever_public(record):
    """Only addresses visitors could have seen are kept alive: a draft's slug
    changes freely, and its new address is not revealed through a redirect."""
    if record.is_published:
        return True
    return record.history.filter(published_now()).exists()


def remember_old_path(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is None or old.slug == instance.slug:
        return
    if was_ever_public(old):
        with override(settings.LANGUAGE_CODE):
            setattr(instance, _OLD_PATH, page_path(old))


def record_rename(sender, instance, raw=False, **kwargs):
    old_path = instance.__dict__.pop(_OLD_PATH, None)
    with override(settings.LANGUAGE_CODE):
        new_path = page_path(instance)
    if raw or old_path is None or new_path is None or old_path == new_path:
        return
    add_redirect(old_path=old_path, new_path=new_path)


def add_redirect(*, old_path, new_path, site_id=None):
    """Send `old_path` to `new_path` permanently, keeping every chain one hop long."""
    site_id = site_id or settings.SITE_ID
    redirects = Redirect.objects.filter(site_id=site_id)
    with transaction.atomic():
        # The new address is a live page again: a redirect away from it would loop.
        redirects.filter(old_path=new_path).delete()
        # Earlier names of this page now point straight at the newest one.
        redirects.filter(new_path=old_path).update(new_path=new_path)
        redirects.update_or_create(site_id=site_id, old_path=old_path, defaults={"new_path": new_path})


def connect_signals(models):
    """Connect the rename handlers to every concrete PublishableContent model given."""
    for model in models:
        if issubclass(model, PublishableContent) and not model._meta.abstract:
            uid = f"publishing.redirects.{model._meta.label_lower}"
            pre_save.connect(remember_old_path, sender=model, dispatch_uid=f"{uid}.pre")
            post_save.connect(record_rename, sender=model, dispatch_uid=f"{uid}.post")


def redirected_path(path):
    """Where the redirects send `path` in its own language (/es/old/ -> /es/new/), "" for a page
    that is gone, None when `path` has no redirect."""
    language = path_language(path)
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    new_path = (
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path=path.removeprefix(prefix))
        .values_list("new_path", flat=True)
        .first()
    )
    return f"{prefix}{new_path}" if new_path else new_path


class QueryTolerantRedirectFallbackMiddleware(RedirectFallbackMiddleware):
    """RedirectFallbackMiddleware that also matches an old address when a
    messenger or campaign tool appended a query string (?fbclid=..., ?utm_...),
    keeping the query on the new address, and an old address in another language
    than the default (/es/old/ -> /es/new/). To use it, replace
    django.contrib.redirects.middleware.RedirectFallbackMiddleware in MIDDLEWARE."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        query = request.META.get("QUERY_STRING")
        if response.status_code != 404 or not (query or get_language_from_path(request.path)):
            return response  # the plain old address was looked up just now
        new_path = redirected_path(request.path)
        if new_path is None:
            return response
        if new_path == "":
            return self.response_gone_class()
        separator = "&" if "?" in new_path else "?"
        return self.response_redirect_class(f"{new_path}{separator}{query}" if query else new_path)
