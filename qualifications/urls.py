from django.urls import path

from . import views

app_name = "qualifications"
urlpatterns = [
    path("paths/", views.PathListView.as_view(), name="path-list"),
    path("paths/<slug:slug>/", views.PathDetailView.as_view(), name="path-detail"),
    path("education/", views.EducationListView.as_view(), name="education-list"),
    path("education/<slug:slug>/", views.EducationDetailView.as_view(), name="education-detail"),
    path("skills/", views.SkillListView.as_view(), name="skill-list"),
    path("skills/<slug:slug>/", views.SkillDetailView.as_view(), name="skill-detail"),
    path("careers/", views.CareersView.as_view(), name="careers"),
    path("careers/<slug:slug>/", views.OccupationDetailView.as_view(), name="occupation-detail"),
]
urlpatterns += [
    path("plan/", views.PathFinderView.as_view(), name="path-finder"),
]
