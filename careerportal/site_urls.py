"""Addresses that are the same in every language, outside i18n_patterns: a share link
/s/<code>/ opens its page in the page's own language, /cards/es/... is the card of a Spanish
page, and the sitemap lists both languages' addresses (docs/languages.md)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from careerportal.sharing import views as sharing_views

from . import views
from .sitemaps import SITEMAPS

app_name = "site"
urlpatterns = [
    path("s/<slug:code>/", sharing_views.open_share_link, name="open"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("cards/<path:name>.png", sharing_views.social_card, name="card"),
]
