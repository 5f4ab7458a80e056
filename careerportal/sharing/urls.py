from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("counselor/", views.ShareLinkListView.as_view(), name="list"),
    path("counselor/new/", views.ShareLinkCreateView.as_view(), name="create"),
    path("counselor/<int:pk>/edit/", views.ShareLinkUpdateView.as_view(), name="edit"),
    path("counselor/<int:pk>/retire/", views.ShareLinkRetireView.as_view(), name="retire"),
    path("counselor/login/", views.CounselorLoginView.as_view(), name="login"),
    path("counselor/logout/", views.CounselorLogoutView.as_view(), name="logout"),
    path("s/<slug:code>/", views.open_share_link, name="open"),
    path("cards/<path:name>.png", views.social_card, name="card"),
]
