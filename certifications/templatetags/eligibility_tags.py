from django import template

from ..eligibility import check_eligibility, education_level
from ..forms import EligibilityForm

register = template.Library()


def _education_answer(context):
    """The student's education from ?education=, or None (missing or invalid: ignored)."""
    request = context.get("request")
    return education_level(request.GET.get("education")) if request is not None else None


@register.simple_tag(takes_context=True)
def eligibility_for(context, certification):
    """{% eligibility_for certification as eligibility %}: the eligibility check for the answer in the address."""
    return check_eligibility(certification, _education_answer(context))


@register.simple_tag(takes_context=True)
def eligibility_form(context):
    """{% eligibility_form as form %}: the education question, showing the valid answer given."""
    return EligibilityForm(initial={"education": _education_answer(context)})
