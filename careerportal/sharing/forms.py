from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import ShareLink


class CounselorSignInForm(AuthenticationForm):
    """Django's sign-in form with its wrong-password message in the portal's catalogue: the same English,
    and Spanish with "tú" (Django's own Spanish is Spain's formal "introduzca ... clave")."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
        ),
    }


# Django's own length message is Spain's formal Spanish ("Asegúrese de que..."): the portal says it itself.
NOTE_TOO_LONG = {"max_length": _("A note can be at most %(limit_value)d characters (it has %(show_value)d).")}


class ShareLinkForm(forms.ModelForm):
    """A new share link: the page and an optional note. The page is checked in ShareLink.clean_fields()."""

    class Meta:
        model = ShareLink
        fields = ["target", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "target": {"max_length": _("This address is too long to share (at most 300 characters).")},
            "note": NOTE_TOO_LONG,
        }


class ShareLinkNoteForm(forms.ModelForm):
    """Editing a link changes its note only: the page a student already has stays the same."""

    class Meta:
        model = ShareLink
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"note": NOTE_TOO_LONG}
