from django.urls import path

from . import views

# Counselor pages: under i18n_patterns, so each also answers in Spanish under /es/.
# The language-neutral addresses (/s/<code>/, sitemap.xml, robots.txt, /cards/) are in
# careerportal/site_urls.py; the feeds are the shell's (careerportal/urls.py).
app_name = "sharing"
urlpatterns = [
    path("counselor/", views.ShareLinkListView.as_view(), name="list"),
    path("counselor/new/", views.ShareLinkCreateView.as_view(), name="create"),
    path("counselor/<int:pk>/edit/", views.ShareLinkUpdateView.as_view(), name="edit"),
    path("counselor/<int:pk>/retire/", views.ShareLinkRetireView.as_view(), name="retire"),
    path("counselor/login/", views.CounselorLoginView.as_view(), name="login"),
    path("counselor/logout/", views.CounselorLogoutView.as_view(), name="logout"),
]
