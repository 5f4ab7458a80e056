from django.conf import settings

from publishing.seo import language_links, site_url


def site(request):
    """Site-wide values every template may need, including the language switcher's links
    (this page in the other languages, query kept; docs/languages.md). None of them queries."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "SITE_URL": site_url(),
        "language_links": language_links(request.get_full_path()),
    }
