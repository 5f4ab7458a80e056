from django.contrib import admin

from .models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["code", "target", "owner", "created", "retired_at"]
    list_filter = [("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["code", "target", "note", "owner__username"]
    readonly_fields = ["code", "created", "updated"]
    fields = ["code", "target", "note", "owner", "retired_at", "created", "updated"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "created"

    def save_model(self, request, obj, form, change):
        if obj.owner_id is None and not change:
            obj.owner = request.user
        super().save_model(request, obj, form, change)
