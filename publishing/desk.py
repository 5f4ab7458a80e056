"""The publisher's desk on the admin index: what needs an editor's attention."""

from django.urls import NoReverseMatch

from .admin_links import admin_url
from .models import PendingChange, review_summary


def _admin_url(model, view, *args):
    """An admin address, or None for a model without that admin page."""
    try:
        return admin_url(model, view, *args)
    except NoReverseMatch:
        return None


def _record_rows(pairs, detail):
    """One row per (record, what to check) pair, linked to the record's admin page."""
    return [
        {
            "record": record,
            "status": record.get_status_display(),
            detail: details,
            "url": _admin_url(type(record), "change", record.pk),
        }
        for record, details in pairs
    ]


def publisher_desk(*, user):
    """Changes waiting for review, records needing review per model (with a link to the
    filtered list), records with unconfirmed figures and records whose figures are possibly
    out of date, undated or third-party only, limited to what `user` may view."""
    summary = review_summary(user)
    changelist = "{}?review=needed"
    may_see_pending = user.has_perm("publishing.view_pendingchange")
    return {
        "pending_count": PendingChange.objects.count() if may_see_pending else None,
        "pending_url": _admin_url(PendingChange, "changelist") if may_see_pending else None,
        "needs_review_total": summary["needs_review_total"],
        "needing_review": [
            {
                "label": model._meta.verbose_name_plural,
                "count": count,
                "url": changelist.format(_admin_url(model, "changelist")),
            }
            for model, count in summary["needing_review"]
        ],
        "unconfirmed": _record_rows(summary["unconfirmed"], "figures"),
        "figures_to_check": _record_rows(summary["figures_to_check"], "warnings"),
    }
