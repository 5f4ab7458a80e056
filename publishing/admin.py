from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Source


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


class PublishableAdmin(SimpleHistoryAdmin):
    """Shared admin behaviour for every public record."""

    list_filter = ["status"]
    readonly_fields = ["created", "updated"]
    autocomplete_fields = ["sources"]
    save_on_top = True


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "url"]
    search_fields = ["title", "publisher", "url"]
    list_filter = ["publisher"]
