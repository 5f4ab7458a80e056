"""Can a student sit a certification's exam?

The answer comes from the certification's sourced requirement records (see
`Requirement`), combined as the issuer states them: every requirement of a
route must be met, and any one route is enough. There are four answers, and
missing data never yields "Yes": a requirement the student's answers do not
settle, or one whose source is unconfirmed, makes the best answer "Yes, if …".
A certification with no requirement records gets "Not known yet: check with
the issuer".

Reads the certification's prefetched requirements, so a page that loaded them
needs no more queries. The certification page and the path finder both call
`check_eligibility`."""

from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EducationLevel, RequirementKind


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NOT_YET = "not-yet", _("Not yet")
    YES_IF = "yes-if", _("Yes, if …")
    UNKNOWN = "unknown", _("Rules not known to us")


class ProgramAnswer(models.TextChoices):
    NONE = "none", _("No, not yet")
    FINISHED = "finished", _("Yes, a billing or coding training program")
    ACCREDITED = "accredited", _("Yes, an accredited health information program")
    FINAL_TERM = "final-term", _("I am in the final term of an accredited program")


#: Questions beyond education, asked only when the answer would change the verdict.
EDUCATION, PROGRAM, PROGRAM_YEAR, EXPERIENCE = "education", "program", "program_year", "experience_months"
#: Every query parameter `applicant_from` reads.
APPLICANT_PARAMETERS = (EDUCATION, PROGRAM, PROGRAM_YEAR, EXPERIENCE)


@dataclass(frozen=True)
class Applicant:
    """What the student told us; None where they did not say."""

    education: EducationLevel | None = None
    program: ProgramAnswer | None = None
    program_year: int | None = None  # the year they finished it
    experience_months: int | None = None


@dataclass(frozen=True)
class Eligibility:
    certification: object
    answer: Answer
    #: For NOT_YET: what each route still lacks; for YES_IF: what each open route leaves unsettled.
    #: One tuple of requirements per route, so the template can say "one of these".
    needs: tuple[tuple[object, ...], ...]
    routes: tuple[tuple[object, ...], ...]  # every route's requirements, for the details
    recommended: tuple[object, ...]
    questions: frozenset[str]  # the extra questions whose answer could change the verdict

    @property
    def issuer(self):
        return self.certification.body

    @property
    def shared(self):
        """Requirements every route asks for (all of them when there is one route), said once."""
        if not self.routes:
            return ()
        common = set.intersection(*({str(r.need) for r in route} for route in self.routes))
        return tuple(r for r in self.routes[0] if str(r.need) in common)

    @property
    def alternatives(self):
        """What else each route asks for, when there is more than one route."""
        if len(self.routes) < 2:
            return ()
        shared = {str(r.need) for r in self.shared}
        return tuple(tuple(r for r in route if str(r.need) not in shared) for route in self.routes)

    @property
    def need_phrases(self):
        """Each route's `needs` as one phrase: "a high school diploma or GED and AAPC membership"."""
        return [join_phrases([requirement.need for requirement in route]) for route in self.needs]


def join_phrases(phrases):
    """ "a, b and c" """
    phrases = [str(phrase) for phrase in phrases]
    if len(phrases) < 2:
        return "".join(phrases)
    return _("%(first)s and %(last)s") % {"first": ", ".join(phrases[:-1]), "last": phrases[-1]}


MET, NOT_MET, UNSETTLED = "met", "not met", "unsettled"


def _status(requirement, applicant, this_year):
    """Whether the student's answers meet one requirement."""
    if not requirement.rule_citation.is_confirmed:
        return UNSETTLED  # never shown as fact, so never the ground for a "Yes" or a "No"
    kind = requirement.kind
    if kind == RequirementKind.EDUCATION:
        if not requirement.education_level:
            return MET
        if applicant.education is None:
            return UNSETTLED
        return MET if applicant.education >= requirement.education_level else NOT_MET
    if kind == RequirementKind.EXPERIENCE:
        if applicant.experience_months is None:
            return UNSETTLED
        return MET if applicant.experience_months >= requirement.months else NOT_MET
    if kind == RequirementKind.PROGRAM:
        return _program_status(requirement, applicant, this_year)
    return UNSETTLED  # membership: joining is up to the student, so it stays a condition


def _program_status(requirement, applicant, this_year):
    program = applicant.program
    if program is None:
        return UNSETTLED
    if program == ProgramAnswer.NONE:
        return NOT_MET
    if program == ProgramAnswer.FINAL_TERM:
        return MET if requirement.final_term_counts else NOT_MET
    if requirement.accreditor and program != ProgramAnswer.ACCREDITED:
        return NOT_MET
    if requirement.within_years:
        if applicant.program_year is None:
            return UNSETTLED
        if this_year - applicant.program_year > requirement.within_years:
            return NOT_MET
    return MET


def _questions(requirement):
    """The extra questions that settle a requirement."""
    if requirement.kind == RequirementKind.PROGRAM:
        return {PROGRAM, PROGRAM_YEAR} if requirement.within_years else {PROGRAM}
    if requirement.kind == RequirementKind.EXPERIENCE:
        return {EXPERIENCE}
    if requirement.kind == RequirementKind.EDUCATION:
        return {"education"}
    return set()


def check_eligibility(certification, applicant=None, *, today=None):
    """The eligibility check for one certification and what the student told us."""
    applicant = applicant or Applicant()
    this_year = (today or timezone.localdate()).year
    routes = [tuple(route) for route in certification.requirement_routes()]
    statuses = [[_status(r, applicant, this_year) for r in route] for route in routes]

    open_routes = [i for i, route in enumerate(statuses) if NOT_MET not in route]
    if not routes:
        answer, needs = Answer.UNKNOWN, ()
    elif any(all(status == MET for status in statuses[i]) for i in open_routes):
        answer, needs = Answer.YES, ()
    elif open_routes:
        answer = Answer.YES_IF
        needs = tuple(
            tuple(r for r, status in zip(routes[i], statuses[i], strict=True) if status == UNSETTLED)
            for i in open_routes
        )
    else:
        answer = Answer.NOT_YET
        needs = tuple(
            tuple(r for r, status in zip(route, statuses[i], strict=True) if status != MET)
            for i, route in enumerate(routes)
        )
    questions = set()
    if answer == Answer.YES_IF:
        for route in needs:
            for requirement in route:
                questions |= _questions(requirement)
    return Eligibility(
        certification=certification,
        answer=answer,
        needs=_distinct(needs),
        routes=tuple(routes),
        recommended=tuple(r for r in certification.requirements.all() if r.kind == RequirementKind.RECOMMENDED),
        questions=frozenset(questions),
    )


def _distinct(needs):
    """Routes in order, without one that repeats another's requirements word for word."""
    seen, kept = set(), []
    for route in needs:
        words = tuple(str(r.need) for r in route)
        if words not in seen:
            seen.add(words)
            kept.append(route)
    return tuple(kept)


def _int_or_none(value, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if low <= number <= high else None


def education_level(value):
    """An EducationLevel from a submitted value, or None for anything else."""
    number = _int_or_none(value, 0, 1000)
    return EducationLevel(number) if number in EducationLevel.values else None


def applicant_from(query, *, today=None):
    """The student's answers from the page address; missing or invalid answers count as not given."""
    this_year = (today or timezone.localdate()).year
    program = query.get(PROGRAM)
    return Applicant(
        education=education_level(query.get(EDUCATION)),
        program=ProgramAnswer(program) if program in ProgramAnswer.values else None,
        program_year=_int_or_none(query.get(PROGRAM_YEAR), 1950, this_year),
        experience_months=_int_or_none(query.get(EXPERIENCE), 0, 600),
    )
