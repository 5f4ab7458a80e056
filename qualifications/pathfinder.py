"""The path finder's ranking: pure functions over paths loaded with
`QualificationPath.objects.published().with_steps()`.

Every rule reads the records (steps, their education levels, durations, costs,
the certifications' focus and minimum education); no path is named here, so a
path an editor adds is ranked like the others. Unknown figures stay unknown:
totals name what they leave out, and no missing cost counts as $0 silently.
"""

from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from certifications.eligibility import Applicant, check_eligibility, join_phrases
from certifications.models import EducationLevel, Focus


class Interest(models.TextChoices):
    BILLING = "billing", gettext_lazy("Billing: claims, payments and insurers")
    CODING = "coding", gettext_lazy("Coding: turning medical records into standard codes")
    BOTH = "both", gettext_lazy("Both billing and coding")
    NOT_SURE = "not-sure", gettext_lazy("Not sure yet")


class Verdict(models.IntegerChoices):
    """In ranking order."""

    GOOD = 0, gettext_lazy("Good fit")
    FITS_WHAT_WE_KNOW = 1, gettext_lazy("Fits what we know")  # no misfit, but a cost or time is unknown
    POSSIBLE = 2, gettext_lazy("Possible, with changes")
    NOT_NOW = 3, gettext_lazy("Not a fit for now")


AREA_NAMES = {Focus.BILLING: gettext_lazy("billing"), Focus.CODING: gettext_lazy("coding")}
FOCUS_AREAS = {
    Focus.BILLING: {Focus.BILLING},
    Focus.CODING: {Focus.CODING},
    Focus.BOTH: {Focus.BILLING, Focus.CODING},
}
INTEREST_AREAS = {
    Interest.BILLING: {Focus.BILLING},
    Interest.CODING: {Focus.CODING},
    Interest.BOTH: {Focus.BILLING, Focus.CODING},
}


@dataclass(frozen=True)
class Answers:
    education: int
    interest: str
    hours_per_week: int
    budget_usd: int
    start_within_months: int


@dataclass(frozen=True)
class PlannedStep:
    step: object  # a PathStep
    done: bool  # the student already holds what this step awards
    needs_first: EducationLevel | None  # education the student lacks when reaching it


@dataclass
class Recommendation:
    path: object
    steps: list
    duration: object  # a models.Range of the steps still to do
    cost: object
    fits: list = field(default_factory=list)
    misfits: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # neither fit nor misfit: unknowns, partial matches
    eligibility: list = field(default_factory=list)
    blocked: bool = False
    interest_rank: int = 0  # 0 full match or any interest, 1 partial or unknown, 2 mismatch

    @property
    def verdict(self):
        if not self.misfits:
            return Verdict.FITS_WHAT_WE_KNOW if self.cost.missing or self.duration.missing else Verdict.GOOD
        if self.blocked or self.interest_rank == 2:
            return Verdict.NOT_NOW
        return Verdict.POSSIBLE

    @property
    def done_steps(self):
        return [planned.step for planned in self.steps if planned.done]

    @property
    def remaining_steps(self):
        return [planned.step for planned in self.steps if not planned.done]

    @property
    def remaining_education_steps(self):
        return [step for step in self.remaining_steps if step.education_step_id]

    def sort_key(self):
        return (self.verdict, len(self.misfits), self.interest_rank, self.path.position, self.path.name)


def about_usd(amount):
    """A dollar amount rounded to the nearest $100 (at least $100), as "$2,000"."""
    return "$" + intcomma(max(100, (amount + 50) // 100 * 100))


def months_phrase(low, high=None):
    """ "1 month", "9 months", "9–12 months": the plural follows the longest (as in the templates' ranges)."""
    high = low if high is None else high
    months = ngettext("%(months)s month", "%(months)s months", high) % {"months": high}
    return months if low == high else f"{low}–{months}"


def plan_steps(path, education):
    """Each step of the path with whether it is done and what must come first.
    Steps awarding a level the student holds are done; a step needing more
    education than the student will hold when reaching it needs that first."""
    level = education
    planned = []
    for step in path.ordered_steps():
        awards = step.education_step.awards_level if step.education_step_id else None
        if awards is not None and awards <= education:
            planned.append(PlannedStep(step=step, done=True, needs_first=None))
            continue
        needed = step.requires_level
        planned.append(
            PlannedStep(step=step, done=False, needs_first=EducationLevel(needed) if needed > level else None)
        )
        level = max(level, needed, awards or 0)
    return planned


def recommend(path, answers):
    """How one path fits one student, with the reasons in plain words."""
    planned = plan_steps(path, answers.education)
    done = [item.step for item in planned if item.done]
    recommendation = Recommendation(
        path=path,
        steps=planned,
        duration=path.total_duration_months(skip=done),
        cost=path.total_cost_usd(skip=done),
        eligibility=[
            check_eligibility(certification, Applicant(education=EducationLevel(answers.education)))
            for certification in path.certifications()
        ],
    )
    _explain_done(recommendation, answers)
    _explain_education(recommendation)
    _explain_interest(recommendation, answers)
    _explain_cost(recommendation, answers)
    _explain_time(recommendation, answers)
    return recommendation


def rank_paths(paths, answers):
    """Every path's recommendation, best fit first (editors' order breaks ties)."""
    return sorted((recommend(path, answers) for path in paths), key=Recommendation.sort_key)


def general_notes(answers):
    """Statements about all results at once."""
    return [
        ngettext(
            "You said you can study %(hours)s hour a week. The times shown are typical program lengths: "
            "ask each program how many hours a week it expects, because with fewer hours a program takes longer.",
            "You said you can study %(hours)s hours a week. The times shown are typical program lengths: "
            "ask each program how many hours a week it expects, because with fewer hours a program takes longer.",
            answers.hours_per_week,
        )
        % {"hours": answers.hours_per_week}
    ]


def _names(steps):
    """Steps as a counselor names them: "the certificate program and the CPC exam"."""
    return join_phrases([_step_name(step) for step in steps])


def _step_name(step):
    if step.certification_id:
        return _("the %(code)s exam") % {"code": step.certification.code}
    name = str(step)
    if len(name) > 1 and name[1].islower():  # "Certificate program", not an acronym such as "HIM ..."
        name = name[0].lower() + name[1:]
    return _("the %(step)s") % {"step": name}


def _missing(recommendation, missing):
    """The remaining steps a Range names as missing (it names them by str(step))."""
    return [step for step in recommendation.remaining_steps if str(step) in missing]


def _explain_done(recommendation, answers):
    done = recommendation.done_steps
    if done:
        recommendation.fits.append(
            ngettext(
                "You already have %(level)s, so you can skip that step.",
                "You already have %(level)s, so you can skip %(steps)s.",
                len(done),
            )
            % {"steps": _names(done), "level": EducationLevel(answers.education).phrase}
        )


def _explain_education(recommendation):
    seen = set()
    for planned in recommendation.steps:
        needed = planned.needs_first
        if needed is None or needed in seen:
            continue
        seen.add(needed)
        recommendation.blocked = True
        recommendation.misfits.append(
            _("You need %(level)s before %(step)s.") % {"level": needed.phrase, "step": _step_name(planned.step)}
        )


def _explain_interest(recommendation, answers):
    certifications = recommendation.path.certifications()
    if not certifications:
        if answers.interest != Interest.NOT_SURE:
            recommendation.interest_rank = 1
            recommendation.notes.append(
                _("This path names no certification yet, so we cannot match it to your interest.")
            )
        return
    offered = set().union(*(FOCUS_AREAS[certification.focus] for certification in certifications))
    codes = ", ".join(certification.code for certification in certifications)
    if answers.interest == Interest.NOT_SURE:
        recommendation.notes.append(
            _("Leads to %(offered)s credentials (%(codes)s).") % {"offered": _area_names(offered), "codes": codes}
        )
        return
    wanted = INTEREST_AREAS[answers.interest]
    if wanted <= offered:
        recommendation.fits.append(_("Matches your interest: it leads to %(codes)s.") % {"codes": codes})
    elif wanted & offered:
        recommendation.interest_rank = 1
        recommendation.notes.append(
            _("Covers %(covered)s but not %(missing)s (it leads to %(codes)s).")
            % {
                "covered": _area_names(wanted & offered),
                "missing": _area_names(wanted - offered),
                "codes": codes,
            }
        )
    else:
        recommendation.interest_rank = 2
        recommendation.misfits.append(
            _("Leads to %(offered)s credentials (%(codes)s), not %(wanted)s.")
            % {"offered": _area_names(offered), "codes": codes, "wanted": _area_names(wanted)}
        )


def _area_names(areas):
    return _(" and ").join(str(AREA_NAMES[area]) for area in (Focus.BILLING, Focus.CODING) if area in areas)


def _explain_cost(recommendation, answers):
    cost, budget = recommendation.cost, answers.budget_usd
    known = bool(cost.counted)
    if cost.unknown:
        # Named by part, not by step: an exam's fee may be known while the dues needed to sit it are not.
        recommendation.notes.append(
            ngettext(
                "One cost is not known yet, so the total leaves it out: %(parts)s. Ask for it before you enrol.",
                "Some costs are not known yet, so the total leaves them out: %(parts)s. Ask for them before you enrol.",
                len(cost.unknown),
            )
            % {"parts": "; ".join(str(part.label) for part in cost.unknown)}
        )
    if not known:
        return
    if cost.low > budget:
        recommendation.misfits.append(
            _("Over your budget by about %(amount)s (it costs at least %(low)s).")
            % {"amount": about_usd(cost.low - budget), "low": "$" + intcomma(cost.low)}
        )
    elif cost.high > budget:
        recommendation.notes.append(
            _("The cheaper options fit your budget; the most expensive are over it by about %(amount)s.")
            % {"amount": about_usd(cost.high - budget)}
        )
    elif cost.missing:
        recommendation.fits.append(_("The costs we know fit your budget."))
    else:
        recommendation.fits.append(_("Fits your budget."))


def _explain_time(recommendation, answers):
    duration, months = recommendation.duration, answers.start_within_months
    # Exams add no time of their own (preparing for one is an education step).
    studies = recommendation.remaining_education_steps
    if not studies:
        if recommendation.remaining_steps:
            recommendation.fits.append(
                ngettext(
                    "No schooling left on this path: only the exam.",
                    "No schooling left on this path: only the exams.",
                    len(recommendation.remaining_steps),
                )
            )
        return
    known = len(duration.missing) < len(studies)
    if duration.missing:
        unknown = _missing(recommendation, duration.missing)
        recommendation.notes.append(
            ngettext(
                "We don't know how long %(steps)s takes, so the total leaves it out.",
                "We don't know how long %(steps)s take, so the total leaves them out.",
                len(unknown),
            )
            % {"steps": _names(unknown)}
        )
    if not known:
        return
    if duration.low > months:
        recommendation.misfits.append(
            ngettext(
                "Takes at least %(low)s, longer than the %(months)s month you gave.",
                "Takes at least %(low)s, longer than the %(months)s months you gave.",
                months,
            )
            % {"low": months_phrase(duration.low), "months": months}
        )
    elif duration.high > months:
        recommendation.notes.append(
            ngettext(
                "Can take up to %(high)s, more than the %(months)s month you gave; shorter programs fit.",
                "Can take up to %(high)s, more than the %(months)s months you gave; shorter programs fit.",
                months,
            )
            % {"high": months_phrase(duration.high), "months": months}
        )
    else:
        recommendation.fits.append(
            ngettext(
                "Can be done within the %(months)s month you gave (%(span)s).",
                "Can be done within the %(months)s months you gave (%(span)s).",
                months,
            )
            % {"months": months, "span": months_phrase(duration.low, duration.high)}
        )
