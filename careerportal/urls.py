from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import feeds, views

# Language-neutral addresses: the admin (editors work in English), health checks, and the
# share-link, sitemap, robots and card addresses whose language is in what they point at.
urlpatterns = [
    path("", include("careerportal.site_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
]
# Every public and counselor page and feed: English at today's addresses, Spanish under /es/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("certifications/", include("certifications.urls")),
    path("", include("qualifications.urls")),
    path("", include("careerportal.search.urls")),
    path("", include("careerportal.sharing.urls")),
    path("feed/updates/", feeds.ContentUpdatesFeed(), name="updates-feed"),
    # A feed per detail page, at its address plus feed/ (e.g. /certifications/cpc/feed/).
    *(
        path(f"{prefix}<slug:slug>/feed/", feeds.RecordChangesFeed(model), name=name)
        for model, (prefix, name) in feeds.RECORD_FEEDS.items()
    ),
    prefix_default_language=False,
)

handler500 = "careerportal.views.server_error"
