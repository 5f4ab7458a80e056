from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import feeds, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("certifications/", include("certifications.urls")),
    path("", include("qualifications.urls")),
    path("", include("careerportal.search.urls")),
    path("", include("careerportal.sharing.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("feed/updates/", feeds.ContentUpdatesFeed(), name="updates-feed"),
    # A feed per detail page, at its address plus feed/ (e.g. /certifications/cpc/feed/).
    *(
        path(f"{prefix}<slug:slug>/feed/", feeds.RecordChangesFeed(model), name=name)
        for model, (prefix, name) in feeds.RECORD_FEEDS.items()
    ),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
]

handler500 = "careerportal.views.server_error"
