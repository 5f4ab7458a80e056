"""List filters every content list shares."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import PublicationStatus


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published and visible")),
            ("pending", _("Has unpublished changes")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "draft":
            return queryset.filter(status=PublicationStatus.DRAFT)
        if value == "scheduled":
            return queryset.filter(status=PublicationStatus.PUBLISHED, publish_from__gt=now)
        if value == "live":
            return queryset.published()
        if value == "pending":
            return queryset.filter(has_pending_change=True)
        return queryset


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("needed", _("Needs review")), ("current", _("Reviewed recently"))]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.needs_review()
        if self.value() == "current":
            return queryset.filter(last_reviewed__gte=queryset.model.review_cutoff())
        return queryset
