from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "careerportal.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from .index import connect_signals

        connect_signals()
