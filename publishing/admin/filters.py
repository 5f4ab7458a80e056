"""List filters every content list shares."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from ..models import PublicationStatus, Source, content_models


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
        value = self.value()
        if value == "draft":
            return queryset.filter(status=PublicationStatus.DRAFT)
        if value == "scheduled":
            return queryset.scheduled()
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
            return queryset.reviewed_recently()
        return queryset


class HeldContentTypeFilter(admin.SimpleListFilter):
    """The kinds of record a change can be held for: content models and sources,
    not every content type in the database."""

    title = _("content type")
    parameter_name = "content_type"

    def lookups(self, request, model_admin):
        models = [*content_models(), Source]
        types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
        return [(str(types[model].pk), model._meta.verbose_name_plural.capitalize()) for model in models]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(content_type_id=int(value))
