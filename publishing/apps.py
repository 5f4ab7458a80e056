from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import redirects
        from .permissions import create_publish_permissions

        post_migrate.connect(create_publish_permissions, dispatch_uid="publishing.publish_permissions")

        redirects.connect_signals(apps.get_models())
        # Each content app may register schema.org builders for its records in
        # its own `seo` module (as admin.py registers with the admin), so that
        # publishing never imports the apps built on it.
        autodiscover_modules("seo")
