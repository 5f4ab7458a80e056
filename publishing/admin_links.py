"""The one way to build the address of a record's or model's admin page."""

from django.urls import reverse


def admin_url(model_or_record, view, *args, current_app=None):
    """The address of an admin page of a model ("changelist") or record ("change", "history", ...):
    admin_url(Certification, "changelist"), admin_url(record, "change", record.pk)."""
    opts = model_or_record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args, current_app=current_app)
