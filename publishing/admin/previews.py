"""Previews of unpublished content: "View on site", signed preview links, and an
admin page for records without a public page of their own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ManyToManyField
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext

from ..models import PendingChange, display_value
from ..services import preview_link_max_age, preview_token_create
from .forms import CHANGE_NOTE_FIELDS, PUBLICATION_FIELDS


class PreviewForAdmin:
    """The `preview` the banner reads, for the admin-side preview page."""

    by_link = False

    def __init__(self, record, pending, admin_url):
        self.record, self.pending, self.admin_url = record, pending, admin_url

    @property
    def is_draft(self):
        return not self.record.is_published


class PreviewsMixin:
    """For PublishableAdmin."""

    #: False for records shown inside other pages (no detail page of their own):
    #: their drafts are previewed on an admin page instead.
    has_detail_page = True

    def view_on_site(self, obj):
        if self.has_detail_page or (obj.is_published and not getattr(obj, "has_pending_change", False)):
            return obj.get_absolute_url()
        return self._admin_url(obj, "preview")

    def preview_link_url(self, request, obj):
        if obj is not None and obj.pk and self.has_detail_page and self.has_publish_permission(request):
            return self._admin_url(obj, "preview_link")
        return None

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
                    if field_name in PUBLICATION_FIELDS or field_name in CHANGE_NOTE_FIELDS:
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
