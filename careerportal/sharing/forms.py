from django import forms

from .models import ShareLink


class ShareLinkForm(forms.ModelForm):
    """A new share link: the page and an optional note. The page is checked in ShareLink.clean_fields()."""

    class Meta:
        model = ShareLink
        fields = ["target", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}


class ShareLinkNoteForm(forms.ModelForm):
    """Editing a link changes its note only: the page a student already has stays the same."""

    class Meta:
        model = ShareLink
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
