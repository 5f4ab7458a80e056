"""PublishableAdmin: the admin of every public record. It joins the jobs kept in
this package's other modules (held changes, previews, history) with the lists,
columns, actions and extra addresses every content admin shares."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from ..models import PendingChange, PublicationStatus
from ..services import record_publish, record_unpublish, records_mark_reviewed
from .filters import NeedsReviewFilter, PublicationFilter
from .forms import CHANGE_NOTE_FIELDSET, PUBLICATION_FIELDS, PublishableAdminForm
from .held_changes import HeldChangesMixin
from .history import HistoryMixin
from .previews import PreviewsMixin


class PublishableAdmin(HeldChangesMixin, PreviewsMixin, HistoryMixin, TranslationAdmin, SimpleHistoryAdmin):
    """Shared admin behaviour for every public record. Each translated field shows as its
    languages side by side ("summary [en]", "summary [es]"); only the English one may be required."""

    form = PublishableAdminForm
    list_filter = ["status"]
    readonly_fields = ["created", "updated"]
    autocomplete_fields = ["sources"]
    save_on_top = True
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/object_history.html"
    object_history_form_template = "admin/publishing/object_history_form.html"
    object_history_list_template = "admin/publishing/object_history_list.html"
    actions = ["publish_selected", "unpublish_selected", "mark_reviewed_today"]

    # --- permissions -------------------------------------------------------

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    def is_visible(self, obj):
        return obj.status == PublicationStatus.PUBLISHED

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += [name for name in PUBLICATION_FIELDS if name not in fields]
        return fields

    # --- lists -------------------------------------------------------------

    def get_queryset(self, request):
        pending = PendingChange.objects.for_model(self.model).filter(object_id=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_pending_change=Exists(pending))

    def get_list_filter(self, request):
        filters = [PublicationFilter if item == "status" else item for item in super().get_list_filter(request)]
        if PublicationFilter not in filters:
            filters.insert(0, PublicationFilter)
        return [*filters, NeedsReviewFilter]

    @admin.display(description=_("publication"), ordering="status")
    def publication_state(self, obj):
        if obj.status == PublicationStatus.DRAFT:
            label, css = gettext("Draft"), "draft"
        elif obj.publish_from is not None and obj.publish_from > timezone.now():
            label = gettext("Scheduled for %(moment)s") % {
                "moment": date_format(timezone.localtime(obj.publish_from), "SHORT_DATETIME_FORMAT")
            }
            css = "scheduled"
        else:
            label, css = gettext("Published"), "published"
        if getattr(obj, "has_pending_change", False):
            return format_html(
                '<span class="publication publication-{}">{}</span> <span class="publication-pending">{}</span>',
                css,
                label,
                gettext("+ unpublished changes"),
            )
        return format_html('<span class="publication publication-{}">{}</span>', css, label)

    @admin.display(description=_("last reviewed"), ordering="last_reviewed")
    def review_state(self, obj):
        reviewed = date_format(obj.last_reviewed, "SHORT_DATE_FORMAT")
        if obj.needs_review:
            return format_html('{} <span class="needs-review">{}</span>', reviewed, gettext("needs review"))
        return reviewed

    # --- change form -------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        may_edit = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        if may_edit:
            fieldsets.append(CHANGE_NOTE_FIELDSET)
        return fieldsets

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                **self.pending_context(request, obj),
                "is_live": obj is not None and obj.pk is not None and obj.is_published,
                "preview_link_url": self.preview_link_url(request, obj),
            }
        )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    # --- actions -----------------------------------------------------------

    @admin.action(description=_("Publish selected records (and their unpublished changes)"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        published, failed = 0, []
        for record in queryset:
            try:
                if record_publish(record=record, user=request.user):
                    published += 1
            except ValidationError as error:
                failed.append(f"{record}: {'; '.join(error.messages)}")
        if published:
            self.message_user(
                request,
                gettext("Published %(count)d record(s). They are visible from their publish-from time, if set.")
                % {"count": published},
                messages.SUCCESS,
            )
        elif not failed:
            self.message_user(request, gettext("Nothing to publish: the selected records were already published."))
        for failure in failed:
            self.message_user(request, gettext("Not published, fix this first: %s") % failure, messages.ERROR)

    @admin.action(description=_("Unpublish selected records (back to draft)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = sum(record_unpublish(record=record, user=request.user) for record in queryset)
        self.message_user(
            request,
            gettext("Unpublished %(count)d record(s): visitors no longer see them.") % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark reviewed today"), permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        marked, held = records_mark_reviewed(records=queryset, user=request.user)
        if marked:
            self.message_user(
                request,
                gettext("Marked %(count)d record(s) as reviewed today.") % {"count": marked},
                messages.SUCCESS,
            )
        if held:
            self.message_user(
                request,
                gettext(
                    "The new review date of %(count)d published record(s) waits for a publisher, "
                    "like any change visitors see."
                )
                % {"count": held},
                messages.SUCCESS,
            )

    # --- extra addresses ---------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/preview-link/", wrap(self.preview_link_view), name=f"{name}_preview_link"),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=f"{name}_preview"),
            *super().get_urls(),
        ]
