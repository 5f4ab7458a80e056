from django.conf import settings

from publishing.seo import site_url


def site(request):
    """Site-wide values every template may need."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_DESCRIPTION": settings.SITE_DESCRIPTION, "SITE_URL": site_url()}
