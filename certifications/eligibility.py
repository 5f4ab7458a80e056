"""Can a student sit a certification's exam now, what would they hold on passing,
and what does keeping it take? Read from the certification's own fields, so a
page that has loaded the certification (with its body) needs no more queries."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import EducationLevel


@dataclass(frozen=True)
class Upkeep:
    ceus: int | None  # per cycle; None when no renewal rule is recorded
    cycle_years: int | None
    confirmed: bool  # False: the rule is recorded but not confirmed, so not shown as fact
    citation: object
    membership_body: str  # the body's abbreviation when membership is required, else ""
    detail: str

    @property
    def is_known(self):
        return self.ceus is not None and self.confirmed


@dataclass(frozen=True)
class Eligibility:
    certification: object
    education: EducationLevel | None  # the student's answer; None when not given
    required: EducationLevel
    can_sit_now: bool | None  # None: we do not know the student's education
    reasons: tuple[str, ...]
    other_prerequisites: str  # the body's own words, for the student to check
    apprentice_designation: str
    apprentice_ends: str
    upkeep: Upkeep


def education_level(value):
    """An EducationLevel from a submitted value, or None for anything else."""
    try:
        return EducationLevel(int(value))
    except (TypeError, ValueError, OverflowError):
        return None


def check_eligibility(certification, education=None):
    """The eligibility check for one certification and (optionally) the student's education."""
    required = EducationLevel(certification.min_education)
    reasons = []
    can_sit_now = None
    if education is not None:
        education = EducationLevel(education)
        can_sit_now = education >= required
        if not can_sit_now:
            reasons.append(
                _("You need at least: %(required)s. You told us: %(education)s.")
                % {"required": required.label, "education": education.label}
            )
        elif required == EducationLevel.NONE:
            reasons.append(_("No proof of education is required to sit this exam."))
        else:
            reasons.append(
                _("Your education (%(education)s) meets the requirement (%(required)s).")
                % {"education": education.label, "required": required.label}
            )
    if certification.membership_required:
        reasons.append(_("Membership of %(body)s is required.") % {"body": certification.body.abbreviation})
    return Eligibility(
        certification=certification,
        education=education,
        required=required,
        can_sit_now=can_sit_now,
        reasons=tuple(reasons),
        other_prerequisites=certification.prerequisites,
        apprentice_designation=certification.apprentice_designation,
        apprentice_ends=certification.apprentice_rules,
        upkeep=Upkeep(
            ceus=certification.renewal_ceus,
            cycle_years=certification.renewal_cycle_years,
            confirmed=certification.renewal_citation.is_confirmed,
            citation=certification.renewal_citation,
            membership_body=certification.body.abbreviation if certification.membership_required else "",
            detail=certification.renewal_detail,
        ),
    )
