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
