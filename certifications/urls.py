from django.urls import path

from . import views
from .compare import CertificationCompareView

app_name = "certifications"
urlpatterns = [
    path("", views.CertificationListView.as_view(), name="list"),
    path("compare/", CertificationCompareView.as_view(), name="compare"),
    path("<slug:slug>/", views.CertificationDetailView.as_view(), name="detail"),
]
