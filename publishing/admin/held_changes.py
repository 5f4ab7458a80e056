"""Unpublished changes: an editor's save of a published record is held as a
PendingChange for a publisher, who publishes or discards it from the record's
form or from the list of every held change."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..admin_links import admin_url
from ..diffs import pending_changes
from ..models import PendingChange, can_publish
from ..services import (
    clean_note,
    pending_change_consume,
    pending_change_discard,
    pending_change_save,
    record_publish,
)
from .filters import HeldContentTypeFilter


@dataclass
class SaveOutcome:
    """What `save_model` decided for one submitted change form, read by the hooks
    after it (save_related, construct_change_message) from the form: whether the
    edits are held, and which parts' rows (a path's steps) the form replaces."""

    held: bool
    replaces_rows: tuple = ()


class HeldChangesMixin:
    """For admins of what visitors see (content records, sources): an edit by
    someone who may not publish, to something visitors see now, is held as a
    PendingChange for a publisher."""

    def has_publish_permission(self, request, obj=None):
        return can_publish(request.user, self.model)

    def is_visible(self, obj):
        """True when visitors see `obj` now (or will, once scheduled)."""
        raise NotImplementedError

    def holds_changes(self, request, obj):
        """True when saving `obj` must not change what visitors see."""
        return (
            obj is not None and obj.pk is not None and not self.has_publish_permission(request) and self.is_visible(obj)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.pk:
            pending = PendingChange.objects.for_record(obj)
            if pending is not None:
                form = type(form.__name__, (form,), {"pending_initial": pending.form_initial()})
        return form

    def list_names(self, form):
        """The lists (many-to-many fields) the form edits."""
        return [field.name for field in PendingChange.list_fields(self.model) if field.name in form.cleaned_data]

    def save_model(self, request, obj, form, change):
        if change and self.holds_changes(request, obj):
            form.outcome = SaveOutcome(held=True)
            return  # save_related holds the edits, with the rows of the inlines
        note = form.cleaned_data.get("change_note", "")
        note_es = form.cleaned_data.get("change_note_es", "")
        pending = PendingChange.objects.for_record(obj) if change else None
        replaces = tuple(relation.get_accessor_name() for relation in pending.rows()) if pending else ()
        form.outcome = SaveOutcome(held=False, replaces_rows=replaces)
        if pending is not None:
            note, note_es = pending.note or note, pending.note_es or note_es
        obj._change_reason = clean_note(note)
        obj._change_note_es = clean_note(note_es) or ""
        super().save_model(request, obj, form, change)
        if pending is not None:
            # The form showed the pending values: they are now saved, and credited to their author.
            pending_change_consume(record=obj, pending=pending)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if form.outcome.held:
            pending_change_save(
                record=obj,
                edited=obj,
                field_names=form.fields.keys(),
                lists={name: form.cleaned_data[name] for name in self.list_names(form)},
                rows=self.held_rows(obj, formsets),
                user=request.user,
                note=form.cleaned_data.get("change_note", ""),
                note_es=form.cleaned_data.get("change_note_es", ""),
            )
            return
        for name in form.outcome.replaces_rows:
            # The inline showed the held rows as new ones: they replace the published rows.
            getattr(obj, name).all().delete()
        super().save_related(request, form, formsets, change)

    def held_rows(self, obj, formsets):
        """{relation name: [row values]} the inline formsets would save."""
        relations = {relation.related_model: relation for relation in PendingChange.row_relations(self.model)}
        rows = {}
        for formset in formsets:
            relation = relations.get(formset.model)
            if relation is None:
                continue
            kept = []
            for row_form in formset.forms:
                if formset.can_delete and formset._should_delete_form(row_form):
                    continue
                if row_form.instance.pk is None and not row_form.has_changed():
                    continue
                kept.append(PendingChange.row_values(relation, row_form.instance))
            rows[relation.get_accessor_name()] = kept
        return rows

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = inline.held_rows(obj) if isinstance(inline, HeldRowsInlineMixin) else None
        if rows is not None:
            kwargs["queryset"] = inline.model._default_manager.none()
            kwargs["initial"] = [PendingChange.row_values(inline.relation(), row) for row in rows]
        return kwargs

    def construct_change_message(self, request, form, formsets, add=False):
        if form.outcome is not None and form.outcome.held:
            return gettext("Saved unpublished changes for review.")
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if not self.holds_changes(request, obj):
            return super().response_change(request, obj)
        if PendingChange.objects.for_record(obj) is None:
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
        if "_continue" in request.POST:
            return HttpResponseRedirect(self._change_url(obj))
        return self.response_post_save_change(request, obj)

    def pending_context(self, request, obj):
        """What the change form shows about `obj`'s held change."""
        pending = PendingChange.objects.for_record(obj) if obj is not None and obj.pk else None
        return {
            "pending_change": pending,
            "pending_differences": pending_changes(obj, pending) if pending is not None else [],
            "publish_pending_url": self._admin_url(obj, "publish_pending") if pending is not None else None,
            "discard_pending_url": self._admin_url(obj, "discard_pending") if pending is not None else None,
            "can_publish": self.has_publish_permission(request),
            "holds_changes": self.holds_changes(request, obj),
        }

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/pending/publish/", wrap(self.publish_pending_view), name=f"{name}_publish_pending"),
            path("<path:object_id>/pending/discard/", wrap(self.discard_pending_view), name=f"{name}_discard_pending"),
            *super().get_urls(),
        ]

    def _admin_url(self, obj, view):
        return admin_url(self.model, view, obj.pk, current_app=self.admin_site.name)

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


class HeldRowForm(forms.ModelForm):
    """A row of an inline showing held rows: they are new rows to the formset,
    filled from the held change, and count as changed so that they are kept."""

    def has_changed(self):
        return super().has_changed() or (self.instance.pk is None and bool(self.initial))


class HeldRowsInlineMixin:
    """For inlines of a content record (a path's steps): when the record has a
    held change with rows, the inline shows those rows instead of the published
    ones; an editor's edits to them are held with the record's other edits."""

    form = HeldRowForm

    def relation(self):
        return next(r for r in PendingChange.row_relations(self.parent_model) if r.related_model is self.model)

    def held_rows(self, obj):
        """The held rows of `obj` for this inline, or None when none are held."""
        pending = PendingChange.objects.for_record(obj) if obj is not None and obj.pk else None
        return pending.rows().get(self.relation()) if pending is not None else None

    def get_extra(self, request, obj=None, **kwargs):
        rows = self.held_rows(obj)
        return len(rows) + self.extra if rows is not None else super().get_extra(request, obj, **kwargs)


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Every record's unpublished changes in one list, for publishers."""

    list_display = ["record_link", "content_type", "author", "updated", "note"]
    list_filter = [HeldContentTypeFilter]
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
        return format_html('<a href="{}">{}</a>', admin_url(record, "change", record.pk), record)

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
