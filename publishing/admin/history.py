"""History: every saved version with who, when, why and what changed, and
revert as a confirmation step (a read-only difference, a note, one button)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_noop

from ..diffs import field_changes
from ..models import Authorship
from ..services import record_revert
from .forms import PUBLICATION_FIELDS, RevertForm

#: History differences leave out fields that change on every save.
HISTORY_DIFF_EXCLUDED = ["updated", "created"]
#: The history table's actions are django-simple-history's words, and it ships no Spanish: marked here so
#: that makemessages keeps them in our catalogue, which translates them.
HISTORY_ACTIONS = (gettext_noop("Created"), gettext_noop("Changed"), gettext_noop("Deleted"))


class HistoryMixin:
    """For PublishableAdmin (a SimpleHistoryAdmin)."""

    def history_view(self, request, object_id, extra_context=None):
        if not str(unquote(object_id)).isdigit():
            raise Http404
        return super().history_view(request, object_id, extra_context=extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        credits = Authorship.objects.for_versions(self.model, historical_records)
        for version in historical_records:
            version.authorship = credits.get(version.history_id)
        previous = None
        for current in historical_records:
            if previous is not None:
                previous.history_delta_changes = field_changes(
                    self.model, current, previous, excluded=HISTORY_DIFF_EXCLUDED
                )
            previous = current

    def revert_differences(self, request, record, version):
        """What reverting to `version` changes, compared with the latest version."""
        latest = self.model.history.filter(**{self.model._meta.pk.attname: record.pk}).order_by("-history_date").first()
        if latest is None or latest.pk == version.pk:
            return []
        return field_changes(self.model, latest, version, excluded=HISTORY_DIFF_EXCLUDED + list(PUBLICATION_FIELDS))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page: what reverting restores, read-only, an optional note and
        one button. Reverting needs the change permission, restores content fields
        only (publishing is a separate, permissioned act) and, for an editor on a
        published record, waits for a publisher like any other change."""
        if not (str(object_id).isdigit() and str(version_id).isdigit()):
            raise Http404
        record = get_object_or_404(self.model, pk=unquote(object_id))
        version = get_object_or_404(
            self.model.history.model, history_id=version_id, **{self.model._meta.pk.attname: record.pk}
        )
        if not self.has_view_history_or_change_history_permission(request, record):
            raise PermissionDenied
        may_revert = self.has_change_permission(request, record) and not self.revert_disabled(request, record)
        form = RevertForm(request.POST or None)
        if request.method == "POST":
            if not may_revert:
                raise PermissionDenied
            if form.is_valid():
                return self._revert(request, record, version, form.cleaned_data["change_note"])
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Revert %(record)s") % {"record": record} if may_revert else str(record),
            "opts": self.model._meta,
            "original": record,
            "revert_version": version,
            "revert_differences": self.revert_differences(request, record, version),
            "form": form if may_revert else None,
            "holds_changes": self.holds_changes(request, record),
            "change_url": self._change_url(record),
            "history_url": self._admin_url(record, "history"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_form_template, context)

    def _revert(self, request, record, version, note):
        held = self.holds_changes(request, record)
        try:
            record_revert(record=record, version=version, user=request.user, note=note)
        except ValidationError as error:
            self.message_user(
                request, gettext("Not reverted, fix this first: %s") % "; ".join(error.messages), messages.ERROR
            )
            return HttpResponseRedirect(request.path)
        if held:
            self.log_change(request, record, gettext("Saved unpublished changes for review."))
            self.message_user(
                request,
                gettext(
                    "The revert of “%(record)s” is saved for review. Visitors still see the published "
                    "version until a publisher publishes it."
                )
                % {"record": record},
                messages.SUCCESS,
            )
        else:
            self.log_change(request, record, gettext("Reverted."))
            self.message_user(request, gettext("“%(record)s” is reverted.") % {"record": record}, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(record))
