from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EducationLevel


class EligibilityForm(forms.Form):
    """The one question on a certification page: the student's education. Sent by GET."""

    education = forms.TypedChoiceField(
        label=_("Your highest education so far"),
        choices=[("", _("Choose one"))] + EducationLevel.choices,
        coerce=int,
        required=False,
    )
