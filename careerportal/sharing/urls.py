from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, views
from .feeds import RECORD_FEEDS
from .sitemaps import SITEMAPS

app_name = "sharing"
urlpatterns = [
    path("counselor/", views.ShareLinkListView.as_view(), name="list"),
    path("counselor/new/", views.ShareLinkCreateView.as_view(), name="create"),
    path("counselor/<int:pk>/edit/", views.ShareLinkUpdateView.as_view(), name="edit"),
    path("counselor/<int:pk>/retire/", views.ShareLinkRetireView.as_view(), name="retire"),
    path("counselor/login/", views.CounselorLoginView.as_view(), name="login"),
    path("counselor/logout/", views.CounselorLogoutView.as_view(), name="logout"),
    path("s/<slug:code>/", views.open_share_link, name="open"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("feed/updates/", feeds.ContentUpdatesFeed(), name="updates-feed"),
    path("cards/<path:name>.png", views.social_card, name="card"),
]
# A feed per detail page, at its address plus feed/ (e.g. /certifications/cpc/feed/).
urlpatterns += [
    path(f"{prefix}<slug:slug>/feed/", feeds.RecordChangesFeed(model), name=name)
    for model, (prefix, name) in RECORD_FEEDS.items()
]
