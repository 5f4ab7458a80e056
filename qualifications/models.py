from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from certifications.models import Certification, EducationLevel
from publishing.models import (
    PublishableContent,
    PublishableQuerySet,
    sourced_figure,
    validate_citation,
    validate_range,
)


class EmployerExpectation(models.TextChoices):
    REQUIRED = "required", _("Usually required by employers")
    PREFERRED = "preferred", _("Often preferred by employers")
    OPTIONAL = "optional", _("Helpful, not expected")


class EducationStep(
    PublishableContent,
    sourced_figure("duration", _("duration")),
    sourced_figure("cost", _("cost")),
):
    figures = ("duration", "cost")

    name = models.CharField(_("name"), max_length=150, help_text=_("e.g. Certificate program."))
    summary = models.TextField(_("summary"), help_text=_("Two or three plain sentences for a student."))
    description = models.TextField(_("description"), blank=True, help_text=_("Longer text in Markdown."))
    covers = models.TextField(_("what it covers"), blank=True, help_text=_("Subjects taught, one per line."))
    employer_expectation = models.CharField(
        _("employers"),
        max_length=10,
        choices=EmployerExpectation.choices,
        default=EmployerExpectation.OPTIONAL,
        help_text=_("Do employers require or prefer this step?"),
    )
    requires_level = models.PositiveSmallIntegerField(
        _("education needed to start"),
        choices=EducationLevel.choices,
        default=EducationLevel.NONE,
        help_text=_("What a student must already hold to enrol."),
    )
    awards_level = models.PositiveSmallIntegerField(
        _("education it gives"),
        choices=EducationLevel.choices,
        null=True,
        blank=True,
        help_text=_(
            "The level a student holds after it. Students already at this level skip the step. "
            "Leave empty for training that no diploma replaces, such as a coding certificate."
        ),
    )
    duration_min_months = models.PositiveSmallIntegerField(
        _("shortest duration (months)"), null=True, blank=True, help_text=_("Typical shortest time, in months.")
    )
    duration_max_months = models.PositiveSmallIntegerField(
        _("longest duration (months)"), null=True, blank=True, help_text=_("Typical longest time, in months.")
    )
    cost_min_usd = models.PositiveIntegerField(
        _("lowest cost (USD)"), null=True, blank=True, help_text=_("Typical lowest total cost, whole dollars.")
    )
    cost_max_usd = models.PositiveIntegerField(
        _("highest cost (USD)"), null=True, blank=True, help_text=_("Typical highest total cost, whole dollars.")
    )
    prepares_for = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="education_steps",
        verbose_name=_("prepares for"),
        help_text=_("Certifications this step prepares a student to sit."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    class Meta:
        verbose_name = _("education step")
        verbose_name_plural = _("education steps")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qualifications:education-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {
            **validate_range(self, "duration_min_months", "duration_max_months"),
            **validate_range(self, "cost_min_usd", "cost_max_usd"),
            **validate_citation(self, "duration", "duration_min_months", "duration_max_months"),
            **validate_citation(self, "cost", "cost_min_usd", "cost_max_usd"),
        }
        if self.awards_level is not None and self.awards_level <= self.requires_level:
            errors["awards_level"] = _("The education it gives must be higher than the education needed to start.")
        if errors:
            raise ValidationError(errors)


@dataclass
class Range:
    """A derived low–high total; `missing` names the parts with no figure."""

    low: int = 0
    high: int = 0
    missing: list = field(default_factory=list)

    def add(self, low, high, name):
        if low is None and high is None:
            self.missing.append(name)
            return
        self.low += low if low is not None else high
        self.high += high if high is not None else low


class QualificationPathQuerySet(PublishableQuerySet):
    def with_steps(self, *, published_only=True):
        """Prefetch the steps a page shows; visitors see only published targets."""
        steps = (
            PathStep.objects.select_related(
                "education_step", "certification", "certification__body", "certification__price_source"
            )
            .order_by("position")
            .prefetch_related(Certification.objects.requirements_prefetch("certification__"))
        )
        if published_only:
            steps = steps.published()
        return self.prefetch_related(Prefetch("steps", queryset=steps))


class QualificationPath(PublishableContent):
    name = models.CharField(_("name"), max_length=150, help_text=_("e.g. Certificate program to CPC."))
    role = models.CharField(_("role"), max_length=150, help_text=_("The job this path leads to, e.g. Medical coder."))
    summary = models.TextField(_("summary"), help_text=_("Two or three plain sentences for a student."))
    description = models.TextField(_("description"), blank=True, help_text=_("Longer text in Markdown."))
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    objects = QualificationPathQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification path")
        verbose_name_plural = _("qualification paths")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qualifications:path-detail", kwargs={"slug": self.slug})

    # The totals read the prefetched `steps`, so a list of paths costs no extra queries.
    def ordered_steps(self):
        return sorted(self.steps.all(), key=lambda step: step.position)

    def total_duration_months(self, skip=()):
        total = Range()
        for step in self.ordered_steps():
            if step not in skip:
                total.add(*step.duration_months, str(step))
        return total

    def total_cost_usd(self, skip=()):
        total = Range()
        for step in self.ordered_steps():
            if step not in skip:
                total.add(*step.cost_usd, str(step))
        return total

    def entry_education(self):
        steps = self.ordered_steps()
        return EducationLevel(steps[0].requires_level if steps else EducationLevel.NONE)

    def certifications(self):
        return [step.certification for step in self.ordered_steps() if step.certification_id]


class PathStepQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            Q(education_step__in=EducationStep.objects.published())
            | Q(certification__in=Certification.objects.published())
        )


class PathStep(models.Model):
    path = models.ForeignKey(QualificationPath, on_delete=models.CASCADE, related_name="steps", verbose_name=_("path"))
    position = models.PositiveSmallIntegerField(
        _("step number"), help_text=_("1 for the first step, 2 for the next, and so on.")
    )
    education_step = models.ForeignKey(
        EducationStep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="path_steps",
        verbose_name=_("education step"),
        help_text=_("Choose an education step or a certification, not both."),
    )
    certification = models.ForeignKey(
        Certification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="path_steps",
        verbose_name=_("certification"),
        help_text=_("Choose an education step or a certification, not both."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Optional advice shown with this step."))

    objects = PathStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")
        ordering = ["path", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "position"],
                name="unique_step_position",
                violation_error_message=_("Two steps of this path have the same step number."),
            ),
            models.CheckConstraint(
                condition=Q(education_step__isnull=False, certification__isnull=True)
                | Q(education_step__isnull=True, certification__isnull=False),
                name="step_is_education_or_certification",
                violation_error_message=_("Choose either an education step or a certification for each step."),
            ),
        ]

    def __str__(self):
        return str(self.target)

    def clean(self):
        super().clean()
        if (self.education_step_id is None) == (self.certification_id is None):
            raise ValidationError(
                _("Choose either an education step or a certification for this step, not both and not neither.")
            )

    @property
    def target(self):
        return self.education_step or self.certification

    @property
    def requires_level(self):
        if self.education_step_id:
            return self.education_step.requires_level
        return self.certification.least_education()

    @property
    def duration_months(self):
        if self.education_step_id:
            return self.education_step.duration_min_months, self.education_step.duration_max_months
        return 0, 0  # the exam itself; preparing for it is an education step

    @property
    def cost_usd(self):
        if self.education_step_id:
            return self.education_step.cost_min_usd, self.education_step.cost_max_usd
        cert = self.certification
        if cert.price_usd is None or not cert.price_citation.is_confirmed:
            return None, None
        return cert.price_usd, cert.price_usd


class SkillCategory(models.TextChoices):
    PERSONAL = "personal", _("Personal")
    ANALYTICAL = "analytical", _("Analytical")
    TECHNICAL = "technical", _("Technical")
    COMMUNICATION = "communication", _("Communication")


class Skill(PublishableContent):
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Attention to detail."))
    category = models.CharField(
        _("category"), max_length=20, choices=SkillCategory.choices, help_text=_("Used to group skills.")
    )
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences."))
    on_the_job = models.TextField(_("on the job"), help_text=_("What this skill means in daily work."))
    how_to_build = models.TextField(_("how to build it"), help_text=_("Practical ways to develop it."))
    certifications = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="skills",
        verbose_name=_("certifications that test it"),
        help_text=_("Certifications whose exams rely on this skill."),
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qualifications:skill-detail", kwargs={"slug": self.slug})


class OutlookFigure(PublishableContent, sourced_figure("figure", _("figure"))):
    """A pay, jobs or growth figure shown on the careers page."""

    figures = ("figure",)

    class Kind(models.TextChoices):
        MEDIAN_PAY = "median_pay", _("Median yearly pay")
        MEAN_PAY = "mean_pay", _("Average (mean) yearly pay")
        HOURLY_PAY = "hourly_pay", _("Median hourly pay")
        JOBS = "jobs", _("Jobs")
        GROWTH = "growth", _("Projected growth")
        SALARY_SURVEY = "salary_survey", _("Salary survey average")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, help_text=_("What the number measures."))
    label = models.CharField(_("label"), max_length=200, help_text=_("What visitors read next to the number."))
    occupation = models.CharField(_("occupation"), max_length=200, help_text=_("As the source names it."))
    soc_code = models.CharField(
        _("SOC code"), max_length=10, blank=True, help_text=_("Standard Occupational Classification, e.g. 29-2072.")
    )
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, help_text=_("Dollars, a count, or a percentage.")
    )
    period = models.CharField(
        _("period"), max_length=80, help_text=_("The period the figure covers, e.g. May 2020 or 2019–29.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    class Meta:
        verbose_name = _("career outlook figure")
        verbose_name_plural = _("career outlook figures")
        ordering = ["position", "kind"]

    def __str__(self):
        return f"{self.label}: {self.value} ({self.period})"

    def get_absolute_url(self):
        return reverse("qualifications:careers") + f"#{self.slug}"

    def clean(self):
        super().clean()
        errors = validate_citation(self, "figure", "value")
        if errors:
            raise ValidationError(errors)

    @property
    def is_money(self):
        return self.kind in {self.Kind.MEDIAN_PAY, self.Kind.MEAN_PAY, self.Kind.HOURLY_PAY, self.Kind.SALARY_SURVEY}


class CareerTopic(PublishableContent):
    """A benefit of the career or a practical tip, on the careers page."""

    class Kind(models.TextChoices):
        BENEFIT = "benefit", _("Benefit")
        TIP = "tip", _("Practical tip")

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, help_text=_("Benefits and tips are listed apart.")
    )
    title = models.CharField(_("title"), max_length=150, help_text=_("e.g. Job security."))
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences."))
    description = models.TextField(_("description"), blank=True, help_text=_("Longer text in Markdown."))
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    class Meta:
        verbose_name = _("career benefit or tip")
        verbose_name_plural = _("career benefits and tips")
        ordering = ["kind", "position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("qualifications:careers") + f"#{self.slug}"
