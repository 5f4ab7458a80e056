from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CareerPortalConfig(AppConfig):
    name = "careerportal"
    verbose_name = "Career portal"

    def ready(self):
        from .cache import on_content_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_content_change, dispatch_uid=f"page-cache-{signal}")
