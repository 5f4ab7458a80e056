"""Admin behaviour every content model shares: publication with a publish
permission, unpublished changes held for publishers, previews, change notes,
history with differences and revert, and review reminders.

Who may do what is decided on the server, here and in publishing.services:
- publishing, unpublishing and deleting need `<app>.publish_<model>`
  (and the model's delete permission for deleting);
- without it, `status` and `publish_from` are read-only, the publish actions
  are absent, and saving a published record stores the edits as a
  PendingChange instead of changing what visitors see.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, ManyToManyField, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .models import (
    CHANGE_NOTE_MAX_LENGTH,
    PendingChange,
    PublicationStatus,
    Source,
    can_publish,
    display_value,
)
from .services import (
    clean_note,
    pending_change_consume,
    pending_change_discard,
    pending_change_save,
    preview_link_max_age,
    preview_token_create,
    record_publish,
    record_unpublish,
    records_mark_reviewed,
)


def citation_fieldset(prefix, title):
    """The admin fieldset for one sourced figure's citation fields."""
    return (
        title,
        {
            "fields": [
                f"{prefix}_source",
                (f"{prefix}_as_of", f"{prefix}_as_of_label"),
                f"{prefix}_confirmation",
                f"{prefix}_editor_note",
            ]
        },
    )


PUBLICATION_FIELDSET = (
    _("Publication and review"),
    {"fields": ["status", "publish_from", "last_reviewed", "sources"]},
)
PUBLICATION_FIELDS = ("status", "publish_from")
#: Fields that only exist in the admin form, never on the model.
CHANGE_NOTE_FIELDSET = (
    _("Change note"),
    {
        "fields": ["change_note"],
        "description": _("Say in one line what you changed and why. Visitors see it under “What changed”."),
    },
)
#: History differences leave out fields that change on every save.
HISTORY_DIFF_EXCLUDED = ["updated", "created"]


class PublishableAdminForm(forms.ModelForm):
    """The content form: the model's fields plus an optional change note, showing
    the record's unpublished changes (if any) in place of the published values."""

    change_note = forms.CharField(
        label=_("Change note"),
        max_length=CHANGE_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_(
            "Optional, at most 100 characters. For example: “Exam price updated to $399 "
            "(AAPC price list, January 2026)”. Leave empty for small fixes such as typos."
        ),
    )
    #: {field name: value} of a pending change shown instead of the published values.
    pending_initial = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, value in (self.pending_initial or {}).items():
            if name in self.fields:
                self.initial[name] = value


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


class LockedWhenPublishedInlineMixin:
    """For inlines of a content record (a path's steps): a pending change holds
    no rows, so on a published record only publishers may add, change or delete them."""

    def _locked(self, request, obj):
        return (
            obj is not None
            and obj.status == PublicationStatus.PUBLISHED
            and not can_publish(request.user, self.parent_model)
        )

    def has_add_permission(self, request, obj):
        return not self._locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)


class PublishableAdmin(SimpleHistoryAdmin):
    """Shared admin behaviour for every public record."""

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
    #: False for records shown inside other pages (no detail page of their own):
    #: their drafts are previewed on an admin page instead.
    has_detail_page = True

    # --- permissions -------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        return can_publish(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    def holds_changes(self, request, obj):
        """True when saving `obj` must not change the live record: it is
        published and the user may not publish."""
        return (
            obj is not None
            and obj.pk is not None
            and self._live_status(request, obj) == PublicationStatus.PUBLISHED
            and not self.has_publish_permission(request)
        )

    def _live_status(self, request, obj):
        live = getattr(request, "_publishing_live_record", None)
        if live is not None and live.pk == obj.pk:
            return live.status
        return obj.status

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

    # --- forms -------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += [name for name in PUBLICATION_FIELDS if name not in fields]
            if self.holds_changes(request, obj):
                # A pending change holds only concrete fields: lists stay as published.
                fields += [
                    field.name
                    for field in self.model._meta.get_fields()
                    if isinstance(field, ManyToManyField) and field.name not in fields
                ]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if getattr(request, "_publishing_revert", None) is not None:
            # A revert restores content, never publication state (see history_form_view).
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f not in PUBLICATION_FIELDS]})
                for name, options in fieldsets
            ]
        may_edit = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        if may_edit:
            fieldsets.append(CHANGE_NOTE_FIELDSET)
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.pk and getattr(request, "_publishing_revert", None) is None:
            pending = PendingChange.objects.for_record(obj)
            if pending is not None:
                form = type(form.__name__, (form,), {"pending_initial": pending.form_initial()})
        return form

    # --- saving ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("change_note", "")
        version = getattr(request, "_publishing_revert", None)
        if version is not None:
            reverted = gettext("Reverted to the version of %(date)s") % {
                "date": date_format(timezone.localtime(version.history_date), "j F Y, H:i")
            }
            note = f"{reverted}: {note}" if note else reverted
        if change and self.holds_changes(request, obj):
            request._publishing_pending = pending_change_save(
                record=obj, edited=obj, field_names=form.fields.keys(), user=request.user, note=note
            )
            request._publishing_held = True
            return
        if version is not None:
            live = request._publishing_live_record
            obj.status, obj.publish_from = live.status, live.publish_from
        elif change:
            pending = PendingChange.objects.for_record(obj)
            if pending is not None:
                note = note or pending.note
        obj._change_reason = clean_note(note)
        super().save_model(request, obj, form, change)
        if change and version is None:
            # The form showed the pending values: they are now saved.
            pending_change_consume(record=obj)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_publishing_held", False):
            return
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_publishing_held", False):
            return ""  # nothing was saved: log_change says what happened instead
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "_publishing_held", False):
            message = gettext("Saved unpublished changes for review.")
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "_publishing_held", False):
            return super().response_change(request, obj)
        if request._publishing_pending is None:
            self.message_user(
                request,
                gettext("“%(record)s” now matches the published version: there are no unpublished changes.")
                % {"record": obj},
                messages.INFO,
            )
        else:
            self.message_user(
                request,
                gettext(
                    "Your changes to “%(record)s” are saved for review. Visitors still see the published "
                    "version until a publisher publishes them."
                )
                % {"record": obj},
                messages.SUCCESS,
            )
        if "_continue" in request.POST or getattr(request, "_publishing_revert", None) is not None:
            return HttpResponseRedirect(self._change_url(obj))
        return self.response_post_save_change(request, obj)

    # --- change form -------------------------------------------------------

    def view_on_site(self, obj):
        if self.has_detail_page or (obj.is_published and not getattr(obj, "has_pending_change", False)):
            return obj.get_absolute_url()
        return self._admin_url(obj, "preview")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        pending = PendingChange.objects.for_record(obj) if obj is not None and obj.pk else None
        context.update(
            {
                "pending_change": pending,
                "pending_rows": pending.changes(obj) if pending is not None else [],
                "publish_pending_url": self._admin_url(obj, "publish_pending") if pending is not None else None,
                "discard_pending_url": self._admin_url(obj, "discard_pending") if pending is not None else None,
                "can_publish": self.has_publish_permission(request),
                "holds_changes": self.holds_changes(request, obj),
                "is_live": obj is not None and obj.pk is not None and obj.is_published,
                "preview_link_url": self._admin_url(obj, "preview_link")
                if obj is not None and obj.pk and self.has_detail_page and self.has_publish_permission(request)
                else None,
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
        count = records_mark_reviewed(records=queryset, user=request.user)
        self.message_user(
            request,
            gettext("Marked %(count)d record(s) as reviewed today.") % {"count": count},
            messages.SUCCESS,
        )

    # --- extra views -------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/pending/publish/", wrap(self.publish_pending_view), name=f"{name}_publish_pending"),
            path("<path:object_id>/pending/discard/", wrap(self.discard_pending_view), name=f"{name}_discard_pending"),
            path("<path:object_id>/preview-link/", wrap(self.preview_link_view), name=f"{name}_preview_link"),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=f"{name}_preview"),
            *super().get_urls(),
        ]

    def _admin_url(self, obj, view):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk], current_app=self.admin_site.name
        )

    def _change_url(self, obj):
        return self._admin_url(obj, "change")

    def _get_record_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(gettext("No such record."))
        return obj

    @method_decorator(require_POST)
    def publish_pending_view(self, request, object_id):
        obj = self._get_record_or_404(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        try:
            published = record_publish(record=obj, user=request.user, note=request.POST.get("change_note", ""))
        except ValidationError as error:
            self.message_user(
                request,
                gettext("Not published, fix this first: %s") % "; ".join(error.messages),
                messages.ERROR,
            )
            return HttpResponseRedirect(self._change_url(obj))
        if published:
            self.log_change(request, obj, gettext("Published."))
            self.message_user(request, gettext("“%(record)s” is published.") % {"record": obj}, messages.SUCCESS)
        else:
            self.message_user(request, gettext("Nothing to publish."), messages.INFO)
        return HttpResponseRedirect(self._change_url(obj))

    @method_decorator(require_POST)
    def discard_pending_view(self, request, object_id):
        obj = self._get_record_or_404(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if pending_change_discard(record=obj, user=request.user):
            self.log_change(request, obj, gettext("Discarded unpublished changes."))
            self.message_user(request, gettext("The unpublished changes were discarded."), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(obj))

    def preview_link_view(self, request, object_id):
        obj = self._get_record_or_404(request, object_id)
        if not self.has_publish_permission(request) or not self.has_detail_page:
            raise PermissionDenied
        try:
            token = preview_token_create(record=obj, user=request.user)
        except ValueError:
            self.message_user(
                request,
                gettext("“%(record)s” is published with no unpublished changes: its public page is the preview.")
                % {"record": obj},
                messages.WARNING,
            )
            return HttpResponseRedirect(self._change_url(obj))
        link = request.build_absolute_uri(f"{obj.get_absolute_url()}?preview={token}")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Preview link for %(record)s") % {"record": obj},
            "opts": self.model._meta,
            "original": obj,
            "link": link,
            "expires": timezone.now() + preview_link_max_age(),
            "change_url": self._change_url(obj),
        }
        response = TemplateResponse(request, "admin/publishing/preview_link.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    def preview_view(self, request, object_id):
        """A staff preview for records without a page of their own (a figure, a
        certifying body): their fields as visitors would read them."""
        obj = self._get_record_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        pending = PendingChange.objects.for_record(obj)
        if pending is not None:
            pending.apply_to(obj)
        rows = []
        for _name, options in self.get_fieldsets(request, obj):
            for item in options["fields"]:
                for field_name in item if isinstance(item, tuple | list) else [item]:
                    if field_name in PUBLICATION_FIELDS or field_name == "change_note":
                        continue
                    field = obj._meta.get_field(field_name)
                    if isinstance(field, ManyToManyField):
                        value = ", ".join(str(related) for related in getattr(obj, field_name).all()) or "—"
                    else:
                        value = display_value(field, field.value_from_object(obj))
                    rows.append((field.verbose_name, value, field_name == "description"))
        context = {
            "object": obj,
            "rows": rows,
            "preview": PreviewForAdmin(obj, pending, self._change_url(obj)),
            "page_title": str(obj),
        }
        response = TemplateResponse(request, "publishing/record_preview.html", context)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    # --- history -----------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page. simple-history lets anyone who may view the history
        post it; here reverting needs the change permission, restores content
        fields only (publication state stays as it is: publishing is a separate,
        permissioned act) and records a note naming the version."""
        if not (str(object_id).isdigit() and str(version_id).isdigit()):
            raise Http404
        live = get_object_or_404(self.model, pk=unquote(object_id))
        version = get_object_or_404(
            self.model.history.model, history_id=version_id, **{self.model._meta.pk.attname: live.pk}
        )
        if request.method == "POST" and not self.has_change_permission(request, live):
            raise PermissionDenied
        request._publishing_live_record = live
        request._publishing_revert = version
        current = self.model.history.filter(**{self.model._meta.pk.attname: live.pk}).order_by("-history_date")
        latest = current.first()
        differences = []
        if latest is not None and latest.pk != version.pk:
            delta = latest.diff_against(version, excluded_fields=HISTORY_DIFF_EXCLUDED + list(PUBLICATION_FIELDS))
            helper = HistoricalRecordContextHelper(self.model, latest)
            differences = helper.context_for_delta_changes(delta)
        context = {"revert_differences": differences, "revert_version": version, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, extra_context=context)

    def history_view(self, request, object_id, extra_context=None):
        if not str(unquote(object_id)).isdigit():
            raise Http404
        return super().history_view(request, object_id, extra_context=extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=HISTORY_DIFF_EXCLUDED, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class PreviewForAdmin:
    """The `preview` the banner reads, for the admin-side preview page."""

    by_link = False

    def __init__(self, record, pending, admin_url):
        self.record, self.pending, self.admin_url = record, pending, admin_url

    @property
    def is_draft(self):
        return not self.record.is_published


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "url"]
    search_fields = ["title", "publisher", "url"]
    list_filter = ["publisher"]
    fields = ["title", "url", "publisher"]


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Every record's unpublished changes in one list, for publishers."""

    list_display = ["record_link", "content_type", "author", "updated", "note"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "author"]
    search_fields = ["note", "author__username"]
    actions = ["publish_selected", "discard_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_publish_permission(self, request):
        models = [ct.model_class() for ct in self._content_types()]
        return any(can_publish(request.user, model) for model in models if model is not None)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    def _content_types(self):
        return ContentType.objects.filter(pk__in=PendingChange.objects.values("content_type"))

    @admin.display(description=_("record"))
    def record_link(self, obj):
        record = obj.record
        if record is None:
            return gettext("(deleted)")
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    def _each_record(self, request, queryset):
        for pending in queryset.select_related("content_type"):
            record = pending.record
            if record is None:
                continue
            if not can_publish(request.user, type(record)):
                self.message_user(
                    request, gettext("You may not publish %(record)s.") % {"record": record}, messages.ERROR
                )
                continue
            yield record

    @admin.action(description=_("Publish the selected changes"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = 0
        for record in self._each_record(request, queryset):
            try:
                count += record_publish(record=record, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    gettext("Not published, fix this first: %s") % f"{record}: {'; '.join(error.messages)}",
                    messages.ERROR,
                )
        if count:
            self.message_user(request, gettext("Published %(count)d change(s).") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Discard the selected changes"), permissions=["publish"])
    def discard_selected(self, request, queryset):
        count = sum(pending_change_discard(record=r, user=request.user) for r in self._each_record(request, queryset))
        if count:
            self.message_user(request, gettext("Discarded %(count)d change(s).") % {"count": count}, messages.SUCCESS)
