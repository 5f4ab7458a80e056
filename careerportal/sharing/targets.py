"""Which addresses a share link may lead to: public pages of this site only.

A target is accepted when it resolves to a public view (a published record's
page, a list page, the home page) and is not under /admin/, /counselor/ (or /es/counselor/) or /s/.
A target keeps its language: /es/certifications/cpc/ is the Spanish page, and is resolved in
Spanish whatever language the counselor's own page is in.
Full addresses copied from the browser are accepted when they are on the site's address
(SITE_URL, or in debug the address the browser used: publishing.seo.site_url).
An old address that now redirects is stored as its new address.
"""

from collections import defaultdict
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from publishing.models import PublishableContent
from publishing.redirects import redirected_path
from publishing.seo import path_language, site_url
from publishing.views import BreadcrumbMixin

PRIVATE_NAMESPACES = {"admin", "sharing"}
#: Query parameters never kept: previews of drafts are not for share links.
DROPPED_PARAMETERS = {"preview"}


def private_prefixes():
    counselor_pages = []
    for language, _name in settings.LANGUAGES:
        with override(language):
            counselor_pages.append(reverse("sharing:list"))
    return (reverse("admin:index"), *counselor_pages, "/s/")


def resolve_in_own_language(path):
    """resolve(path) with the path's own language active (a /es/ path resolves only in Spanish)."""
    with override(path_language(path)):
        return resolve(path)


def public_match(path):
    """The ResolverMatch of a public page at `path`, in English or Spanish, or None."""
    if path.startswith(private_prefixes()):
        return None
    try:
        match = resolve_in_own_language(path)
    except Resolver404:
        return None
    if PRIVATE_NAMESPACES.intersection(match.namespaces):
        return None
    view_class = getattr(match.func, "view_class", None)
    # Public pages are the home page and views built on BreadcrumbMixin, none that needs a login.
    is_public_view = view_class is not None and issubclass(view_class, BreadcrumbMixin)
    if match.view_name != "home" and (not is_public_view or issubclass(view_class, AccessMixin)):
        return None
    model = getattr(view_class, "model", None)
    if "slug" in match.kwargs and model is not None and issubclass(model, PublishableContent):
        return match if model.objects.published().filter(slug=match.kwargs["slug"]).exists() else None
    return match


def normalize_target(value):
    """The path (and query) of the public page `value` points to; ValidationError otherwise."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Enter the address of the page to share."), code="required")
    if any(ord(character) < 32 or ord(character) == 127 for character in text):
        # Control characters (NUL among them) belong in no address, and PostgreSQL rejects NUL outright.
        raise ValidationError(
            _("The address contains characters that cannot be part of a web address."), code="invalid"
        )
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url())
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != site.netloc.lower():
            raise ValidationError(
                _("Enter the address of a page on this site (%(site)s), not of another website."),
                code="external",
                params={"site": site_url()},
            )
    path = parts.path or "/"
    if not path.startswith("/"):
        path = f"/{path}"
    if not path.endswith("/") and public_match(path) is None and public_match(f"{path}/") is not None:
        path = f"{path}/"
    if public_match(path) is None:
        new_path = redirected_path(path)
        if not new_path or public_match(new_path) is None:
            raise ValidationError(
                _(
                    "There is no public page at %(path)s. Open the page you want to share and copy its "
                    "address from the browser."
                ),
                code="not_public",
                params={"path": path},
            )
        path = new_path
    query = urlencode([(key, val) for key, val in parse_qsl(parts.query) if key not in DROPPED_PARAMETERS])
    target = f"{path}?{query}" if query else path
    if len(target) > 300:
        raise ValidationError(_("This address is too long to share (at most 300 characters)."), code="too_long")
    return target


def page_titles(targets):
    """{target: title} for share-link targets, in the target page's language (the language the link's
    message is sent in): the record's name, the view's page title, or the site's name for the home page;
    a target that no longer resolves is left out (one query per model)."""
    titles, wanted = {}, defaultdict(dict)
    for target in targets:
        try:
            match = resolve_in_own_language(target.partition("?")[0])
        except Resolver404:
            continue
        view_class = getattr(match.func, "view_class", None)
        model = getattr(view_class, "model", None)
        with override(path_language(target)):
            if "slug" in match.kwargs and model is not None:
                wanted[model][target] = match.kwargs["slug"]
            elif match.view_name == "home":
                titles[target] = str(settings.SITE_NAME)
            elif getattr(view_class, "page_title", ""):
                titles[target] = str(view_class.page_title)
    for model, slugs in wanted.items():
        records = {record.slug: record for record in model.objects.filter(slug__in=set(slugs.values()))}
        for target, slug in slugs.items():
            if slug in records:
                with override(path_language(target)):
                    titles[target] = str(records[slug])
    return titles
