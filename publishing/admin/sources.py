"""Sources: the pages figures and statements are taken from. Published pages
show a source's title and address, so an edit to a source that a published
record cites waits for a publisher, like an edit to the record itself."""

from django.contrib import admin

from ..models import Source
from .forms import PublishableAdminForm
from .held_changes import HeldChangesMixin


@admin.register(Source)
class SourceAdmin(HeldChangesMixin, admin.ModelAdmin):
    form = PublishableAdminForm
    list_display = ["title", "publisher", "url"]
    search_fields = ["title", "publisher", "url"]
    list_filter = ["publisher"]
    fields = ["title", "url", "publisher", "change_note"]
    change_form_template = "admin/publishing/source_change_form.html"

    def is_visible(self, obj):
        return bool(obj.published_records())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.pending_context(request, obj))
        context["published_records"] = obj.published_records() if obj is not None and obj.pk else []
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
