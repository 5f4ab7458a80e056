from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

# Language-neutral addresses: the admin (editors work in English), health checks, and the
# share-link, sitemap, robots and card addresses whose language is in what they point at.
urlpatterns = [
    path("", include("careerportal.sharing.site_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
]
# Every public and counselor page: English at today's addresses, Spanish under /es/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("certifications/", include("certifications.urls")),
    path("", include("qualifications.urls")),
    path("", include("careerportal.search.urls")),
    path("", include("careerportal.sharing.urls")),
    prefix_default_language=False,
)

handler500 = "careerportal.views.server_error"
