from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from certifications.models import EducationLevel

from .pathfinder import Answers, Interest

LIMITS = {
    "hours_per_week": (1, 80),
    "budget_usd": (0, 500_000),
    "start_within_months": (1, 120),
}


def _whole_number_field(name, label, help_text, unit_message):
    low, high = LIMITS[name]
    # Filled in when shown, so the message is in the language of the page, not of the import.
    message = lazy(lambda: unit_message % {"low": f"{low:,}", "high": f"{high:,}"}, str)()
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=low,
        max_value=high,
        error_messages={
            "required": _("Please answer this question."),
            "invalid": _("Enter a whole number, for example 10."),
            "min_value": message,
            "max_value": message,
        },
    )


class PathFinderForm(forms.Form):
    """The path finder's questions. Sent by GET, so the answers stay in the address."""

    education = forms.TypedChoiceField(
        label=_("Your highest education so far"),
        choices=[("", _("Choose one"))] + EducationLevel.choices,
        coerce=int,
        error_messages={
            "required": _("Please choose your highest education."),
            "invalid_choice": _("Please choose one of the listed education levels."),
        },
    )
    interest = forms.ChoiceField(
        label=_("What interests you?"),
        choices=Interest.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what interests you, or “Not sure yet”."),
            "invalid_choice": _("Please choose one of the listed interests."),
        },
    )
    hours_per_week = _whole_number_field(
        "hours_per_week",
        _("Hours a week you can study"),
        _("A rough number is fine."),
        _("Enter a number of hours from %(low)s to %(high)s."),
    )
    budget_usd = _whole_number_field(
        "budget_usd",
        _("Your budget for education and exams (US dollars)"),
        _("In whole dollars, without the $ sign. Enter 0 if you have no budget yet."),
        _("Enter an amount from $%(low)s to $%(high)s."),
    )
    start_within_months = _whole_number_field(
        "start_within_months",
        _("How soon do you want to start working? (months from now)"),
        _("For example 12 for a year from now."),
        _("Enter a number of months from %(low)s to %(high)s."),
    )

    def answers(self):
        """The cleaned answers for the ranking; only call once the form is valid."""
        return Answers(**self.cleaned_data)
