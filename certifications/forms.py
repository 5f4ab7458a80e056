from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .eligibility import EXPERIENCE, PROGRAM, PROGRAM_YEAR, ProgramAnswer
from .models import EducationLevel, RequirementKind


class EligibilityForm(forms.Form):
    """The questions on a certification page, sent by GET. Only the questions
    whose answer could change the verdict (or that were answered) are kept."""

    education = forms.TypedChoiceField(
        label=_("Your highest education so far"),
        choices=[("", _("Choose one"))] + EducationLevel.choices,
        coerce=int,
        required=False,
    )
    program = forms.ChoiceField(label=_("Have you finished a training program?"), required=False)
    program_year = forms.IntegerField(
        label=_("The year you finished it"), min_value=1950, required=False, help_text=_("For example 2024.")
    )
    experience_months = forms.IntegerField(
        label=_("Months of supervised work experience in billing or coding"),
        min_value=0,
        max_value=600,
        required=False,
        help_text=_("For example 12 for one year. Enter 0 if you have none."),
    )

    def __init__(self, *args, eligibility, applicant, **kwargs):
        super().__init__(*args, **kwargs)
        answered = {name for name in (PROGRAM, PROGRAM_YEAR, EXPERIENCE) if getattr(applicant, name) is not None}
        rules = [requirement for route in eligibility.routes for requirement in route]
        if not any(r.education_level for r in rules if r.kind == RequirementKind.EDUCATION):
            del self.fields["education"]  # the issuer asks for no education: the question changes nothing
        for name in (PROGRAM, PROGRAM_YEAR, EXPERIENCE):
            if name not in eligibility.questions | answered:
                del self.fields[name]
        if PROGRAM in self.fields:
            programs = [r for r in rules if r.kind == RequirementKind.PROGRAM]
            self.fields[PROGRAM].choices = self._program_choices(programs)
        if PROGRAM_YEAR in self.fields:
            self.fields[PROGRAM_YEAR].max_value = timezone.localdate().year

    @staticmethod
    def _program_choices(programs):
        accreditors = sorted({r.accreditor for r in programs if r.accreditor})
        choices = [("", _("Choose one")), (ProgramAnswer.NONE, ProgramAnswer.NONE.label)]
        if any(not r.accreditor for r in programs):
            choices.append((ProgramAnswer.FINISHED, ProgramAnswer.FINISHED.label))
        for accreditor in accreditors[:1]:
            choices.append(
                (ProgramAnswer.ACCREDITED, _("Yes, a %(accreditor)s-accredited program") % {"accreditor": accreditor})
            )
            if any(r.final_term_counts for r in programs):
                choices.append(
                    (
                        ProgramAnswer.FINAL_TERM,
                        _("I am in the final term of a %(accreditor)s-accredited program") % {"accreditor": accreditor},
                    )
                )
        return choices
