from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("certifications/", include("certifications.urls")),
    path("", include("qualifications.urls")),
    path("", include("careerportal.search.urls")),
    path("", include("careerportal.sharing.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
]

handler500 = "careerportal.views.server_error"
