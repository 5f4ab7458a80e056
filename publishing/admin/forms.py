"""The content form and the fieldsets every content admin shares."""

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from ..models import CHANGE_NOTE_MAX_LENGTH, normalise_newlines


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
CHANGE_NOTE_FIELDS = ("change_note", "change_note_es")
CHANGE_NOTE_FIELDSET = (
    _("Change note"),
    {
        "fields": list(CHANGE_NOTE_FIELDS),
        "description": _("Say in one line what you changed and why. Visitors see it under “What changed”."),
    },
)


def change_note_es_field():
    return forms.CharField(
        label=_("Change note in Spanish"),
        max_length=CHANGE_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_("Optional. Spanish pages show it instead of the English note, which they show marked otherwise."),
    )


def change_note_field():
    return forms.CharField(
        label=_("Change note"),
        max_length=CHANGE_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_(
            "Optional, at most 100 characters. For example: “Exam price updated to $399 "
            "(AAPC price list, January 2026)”. Leave empty for small fixes such as typos."
        ),
    )


def normalised_data(data):
    """Submitted form data with Unix line endings, so that cleaning and "has this
    field changed?" both see the text as stored."""
    if isinstance(data, MultiValueDict):
        data = data.copy()
        for key, values in data.lists():
            data.setlist(key, [normalise_newlines(value) for value in values])
        return data
    return {key: normalise_newlines(value) for key, value in data.items()}


class PublishableAdminForm(forms.ModelForm):
    """The form of something visitors see (a record, a source): its fields plus an
    optional change note, showing its unpublished changes (if any) in place of
    the published values."""

    change_note = change_note_field()
    change_note_es = change_note_es_field()
    #: {field name: value} of a pending change shown instead of the published values.
    pending_initial = None
    #: The SaveOutcome of this form's save, set by the admin's save_model.
    outcome = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = normalised_data(self.data)
        for name, value in (self.pending_initial or {}).items():
            if name in self.fields:
                self.initial[name] = value


class RevertForm(forms.Form):
    """The revert confirmation: nothing to edit, only an optional note."""

    change_note = change_note_field()
