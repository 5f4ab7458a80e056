"""The admin site: Django's, with the publisher's desk computed by the index view (views
decide, templates show) rather than by a template tag."""

from django.contrib import admin

from .desk import publisher_desk


class PublishingAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        return super().index(request, {"review": publisher_desk(user=request.user), **(extra_context or {})})
