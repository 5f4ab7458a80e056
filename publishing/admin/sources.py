"""Sources: the pages figures and statements are taken from."""

from django.contrib import admin

from ..models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "url"]
    search_fields = ["title", "publisher", "url"]
    list_filter = ["publisher"]
    fields = ["title", "url", "publisher"]
