from django.conf import settings


def site(request):
    """Site-wide values every template may need."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
