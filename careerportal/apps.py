from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import m2m_changed, post_delete, post_save


class CareerPortalConfig(AppConfig):
    name = "careerportal"
    verbose_name = "Career portal"

    def ready(self):
        from .cache import on_content_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_content_change, dispatch_uid=f"page-cache-{signal}")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with publishing's site (the publisher's desk on its index)."""

    default = False  # not careerportal's own config (AdminConfig sets True)
    default_site = "publishing.admin_site.PublishingAdminSite"
