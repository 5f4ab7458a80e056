import datetime
from dataclasses import dataclass, field
from functools import cached_property

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


class WithAddressQuerySet(PublishableQuerySet):
    def select_for_update(self, **kwargs):
        # Lock the record alone: PostgreSQL cannot lock the nullable side of the outer join the
        # manager adds, and the related record is only read.
        return super().select_for_update(**kwargs).select_related(None)


class WithAddressManager(models.Manager.from_queryset(WithAddressQuerySet)):
    """Fetches the record a model's address is built from along with it, so lists of these records
    (search hits, the updates feed) never cost a query each."""

    def __init__(self, *related):
        super().__init__()
        self.related = related

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related)


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
        ordering = ["position", "name_en"]

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


@dataclass(frozen=True)
class Part:
    """One part of a total: what it is, its low–high figure (None when not known) and what the range spans."""

    label: str
    low: int | None = None
    high: int | None = None
    detail: str = ""
    citation: object = None

    @property
    def is_known(self):
        return self.low is not None or self.high is not None


@dataclass
class Range:
    """A derived low–high total. `counted` and `unknown` are the parts behind it, in order;
    `missing` names the steps with a part not known (the path finder reads it)."""

    low: int = 0
    high: int = 0
    missing: list = field(default_factory=list)
    counted: list = field(default_factory=list)
    unknown: list = field(default_factory=list)

    def add(self, parts, step_name):
        for part in parts:
            if part.is_known:
                self.low += part.low if part.low is not None else part.high
                self.high += part.high if part.high is not None else part.low
                self.counted.append(part)
            else:
                self.unknown.append(part)
                if step_name not in self.missing:
                    self.missing.append(step_name)


class QualificationPathQuerySet(PublishableQuerySet):
    def with_steps(self, *, published_only=True):
        """Prefetch the steps a page shows; visitors see only published targets."""
        steps = (
            PathStep.objects.select_related(
                "education_step",
                "certification",
                "certification__body",
                "certification__price_source",
                "certification__exam_source",
                "education_step__duration_source",
                "education_step__cost_source",
                "certification__exam_cost__fee_source",
                "certification__exam_cost__dues_source",
            )
            .order_by("position")
            .prefetch_related(Certification.objects.requirements_prefetch("certification__"))
        )
        if published_only:
            steps = steps.published()
        return self.prefetch_related(Prefetch("steps", queryset=steps))

    def shortest_to(self, certifications):
        """{certification pk: the path here leading to it with the shortest known time}, steps prefetched.
        A path whose time is wholly unknown comes after any path with a known time."""
        wanted = {cert.pk for cert in certifications}
        best = {}
        for path in self.filter(steps__certification__in=wanted).distinct().with_steps():
            key = path.shortness()
            for cert in path.certifications():
                if cert.pk in wanted and (cert.pk not in best or key < best[cert.pk][0]):
                    best[cert.pk] = (key, path)
        return {pk: path for pk, (_key, path) in best.items()}

    def with_occupations(self):
        """Prefetch the published occupations a path leads to, with their figures."""
        return self.prefetch_related(
            Prefetch(
                "occupations",
                queryset=Occupation.objects.published().with_figures(),
                to_attr="published_occupations",
            )
        )


class QualificationPath(PublishableContent):
    name = models.CharField(_("name"), max_length=150, help_text=_("e.g. Certificate program to CPC."))
    role = models.CharField(_("role"), max_length=150, help_text=_("The job this path leads to, e.g. Medical coder."))
    summary = models.TextField(_("summary"), help_text=_("Two or three plain sentences for a student."))
    description = models.TextField(_("description"), blank=True, help_text=_("Longer text in Markdown."))
    occupations = models.ManyToManyField(
        "Occupation",
        blank=True,
        related_name="paths",
        verbose_name=_("occupations it leads to"),
        help_text=_("The work this path prepares for; its pay is shown with the path."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    objects = QualificationPathQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification path")
        verbose_name_plural = _("qualification paths")
        ordering = ["position", "name_en"]

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
                total.add(step.duration_parts(), str(step))
        return total

    def total_cost_usd(self, skip=()):
        total = Range()
        for step in self.ordered_steps():
            if step not in skip:
                total.add(step.cost_parts(), str(step))
        return total

    def shortness(self):
        """A sort key: paths with a known time first, then the shortest."""
        duration = self.total_duration_months()
        return (not duration.counted, duration.low, duration.high, self.position, self.name)

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

    def duration_parts(self):
        """The months this step adds; an exam adds none of its own (preparing for it is an education step)."""
        if not self.education_step_id:
            return []
        step = self.education_step
        if not step.duration_citation.is_confirmed:
            return [Part(str(step))]
        return [Part(str(step), step.duration_min_months, step.duration_max_months)]

    def cost_parts(self):
        """What this step costs: an education step's price range, or an exam's fee and the dues needed to sit it."""
        if self.education_step_id:
            step = self.education_step
            if not step.cost_citation.is_confirmed:
                return [Part(str(step))]
            return [Part(str(step), step.cost_min_usd, step.cost_max_usd, citation=step.cost_citation)]
        return ExamCost.parts_for(self.certification)


class ExamCost(
    PublishableContent,
    sourced_figure("fee", _("exam fee")),
    sourced_figure("dues", _("membership dues")),
):
    """What it costs to sit one certification exam: the fee range and, where membership is needed
    to sit, the dues. Path totals add these up; retakes are never counted."""

    figures = ("fee", "dues")

    certification = models.OneToOneField(
        Certification,
        on_delete=models.PROTECT,
        related_name="exam_cost",
        verbose_name=_("certification"),
        help_text=_("The exam these costs are for."),
    )
    fee_low_usd = models.PositiveIntegerField(
        _("lowest exam fee (USD)"), null=True, blank=True, help_text=_("e.g. the member price. Whole dollars.")
    )
    fee_high_usd = models.PositiveIntegerField(
        _("highest exam fee (USD)"), null=True, blank=True, help_text=_("e.g. the non-member price. Whole dollars.")
    )
    fee_spread = models.CharField(
        _("what the fee range spans"),
        max_length=200,
        blank=True,
        help_text=_("In plain words, e.g. AHIMA members $199, others $299."),
    )
    dues_low_usd = models.PositiveIntegerField(
        _("lowest yearly dues (USD)"),
        null=True,
        blank=True,
        help_text=_("Only when the certification's body requires membership to sit the exam."),
    )
    dues_high_usd = models.PositiveIntegerField(
        _("highest yearly dues (USD)"), null=True, blank=True, help_text=_("e.g. the professional rate. Whole dollars.")
    )
    dues_spread = models.CharField(
        _("what the dues range spans"), max_length=200, blank=True, help_text=_("e.g. student to professional.")
    )
    retakes = models.CharField(
        _("retakes"),
        max_length=300,
        blank=True,
        help_text=_("What a retake costs or includes, in plain words. Totals never count retakes."),
    )

    objects = WithAddressManager("certification")

    class Meta:
        verbose_name = _("exam cost")
        verbose_name_plural = _("exam costs")
        ordering = ["certification__code"]

    def __str__(self):
        return _("Cost to sit %(code)s") % {"code": self.certification.code}

    def get_absolute_url(self):
        return self.certification.get_absolute_url() + "#cost"

    def clean(self):
        super().clean()
        errors = {
            **validate_range(self, "fee_low_usd", "fee_high_usd"),
            **validate_range(self, "dues_low_usd", "dues_high_usd"),
            **validate_citation(self, "fee", "fee_low_usd", "fee_high_usd"),
            **validate_citation(self, "dues", "dues_low_usd", "dues_high_usd"),
        }
        has_dues = self.dues_low_usd is not None or self.dues_high_usd is not None
        if has_dues and self.certification_id and not self.certification.membership_required:
            errors["dues_low_usd"] = _(
                "This certification does not require membership to sit the exam, so dues would never be counted: "
                "clear them, or add membership of the body to every route of the certification's requirements."
            )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def fee_label(certification):
        return _("%(code)s exam fee") % {"code": certification.code}

    @staticmethod
    def dues_label(certification):
        return _("%(body)s membership dues, needed to sit the exam") % {"body": certification.body.abbreviation}

    @classmethod
    def published_range_for(cls, certification):
        """The cost of sitting one exam as a Range (its fee and any dues, with what is not known),
        or None while the certification has no published exam cost."""
        cost = getattr(certification, "exam_cost", None)
        if cost is None or not cost.is_published:
            return None
        total = Range()
        total.add(cost.parts(), str(certification))
        return total

    @classmethod
    def parts_for(cls, certification):
        """The fee and (when membership is needed) the dues of an exam; unpublished, missing or
        unconfirmed figures are parts not known."""
        cost = getattr(certification, "exam_cost", None)
        if cost is None or not cost.is_published:
            parts = [Part(cls.fee_label(certification))]
            if certification.membership_required:
                parts.append(Part(cls.dues_label(certification)))
            return parts
        return cost.parts()

    def parts(self):
        fee_known = self.fee_citation.is_confirmed
        parts = [
            Part(
                self.fee_label(self.certification),
                self.fee_low_usd if fee_known else None,
                self.fee_high_usd if fee_known else None,
                self.fee_spread if fee_known else "",
                self.fee_citation,
            )
        ]
        if self.certification.membership_required:
            dues_known = self.dues_citation.is_confirmed
            parts.append(
                Part(
                    self.dues_label(self.certification),
                    self.dues_low_usd if dues_known else None,
                    self.dues_high_usd if dues_known else None,
                    self.dues_spread if dues_known else "",
                    self.dues_citation,
                )
            )
        return parts


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
    how_to_build = models.TextField(
        _("how people build it"),
        blank=True,
        help_text=_(
            "Only what a cited source says about how people develop it; add those pages to the sources. "
            "Leave empty when no source says: the page then says so instead."
        ),
    )
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
        ordering = ["category", "name_en"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qualifications:skill-detail", kwargs={"slug": self.slug})


class OutlookFigure(PublishableContent, sourced_figure("figure", _("figure"))):
    """One sourced pay, jobs or outlook figure of an occupation (or a labelled salary survey)."""

    figures = ("figure",)

    class Kind(models.TextChoices):
        MEDIAN_PAY = "median_pay", _("Median yearly pay")
        HOURLY_PAY = "hourly_pay", _("Median hourly pay")
        P10_PAY = "p10_pay", _("Yearly pay, 10th percentile")
        P25_PAY = "p25_pay", _("Yearly pay, 25th percentile")
        P75_PAY = "p75_pay", _("Yearly pay, 75th percentile")
        P90_PAY = "p90_pay", _("Yearly pay, 90th percentile")
        MEAN_PAY = "mean_pay", _("Average (mean) yearly pay")
        JOBS = "jobs", _("Jobs")
        GROWTH = "growth", _("Projected growth")
        OPENINGS = "openings", _("Openings a year")
        SALARY_SURVEY = "salary_survey", _("Salary survey average")

    #: Yearly pay kinds in the order their values must rise within one period.
    PAY_ORDER = (Kind.P10_PAY, Kind.P25_PAY, Kind.MEDIAN_PAY, Kind.P75_PAY, Kind.P90_PAY)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, help_text=_("What the number measures."))
    label = models.CharField(_("label"), max_length=200, help_text=_("What visitors read next to the number."))
    occupation = models.ForeignKey(
        "Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outlook_figures",
        verbose_name=_("occupation"),
        help_text=_("The occupation whose page shows this figure. Leave empty for a salary survey of a credential."),
    )
    certification = models.ForeignKey(
        Certification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="salary_surveys",
        verbose_name=_("credential surveyed"),
        help_text=_("For a salary survey only: the credential whose holders were surveyed."),
    )
    group = models.CharField(
        _("group the figure describes"),
        max_length=200,
        db_column="occupation",  # its column before occupations were records; the search migrations name it
        help_text=_(
            "As the source names it, e.g. Medical records specialists, or Financial clerks (a wider BLS group). "
            "Visitors read it next to the figure."
        ),
    )
    soc_code = models.CharField(
        _("SOC code"), max_length=10, blank=True, help_text=_("The code of that group, e.g. 29-2072.")
    )
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, help_text=_("Dollars, a count, or a percentage.")
    )
    period = models.CharField(
        _("period"), max_length=80, help_text=_("The period the figure covers, e.g. May 2024 or 2024–34.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    objects = WithAddressManager("occupation")

    class Meta:
        verbose_name = _("pay or outlook figure")
        verbose_name_plural = _("pay and outlook figures")
        ordering = ["position", "kind"]

    def __str__(self):
        return f"{self.label}: {self.value} ({self.period})"

    def get_absolute_url(self):
        if self.occupation_id:
            return self.occupation.get_absolute_url() + f"#{self.slug}"
        return reverse("qualifications:careers") + f"#{self.slug}"

    def clean(self):
        super().clean()
        errors = validate_citation(self, "figure", "value")
        if self.kind == self.Kind.SALARY_SURVEY and self.occupation_id:
            errors["occupation"] = _(
                "A salary survey describes the holders of a credential, not an occupation: "
                "leave the occupation empty and choose the credential surveyed."
            )
        if self.certification_id and self.kind != self.Kind.SALARY_SURVEY:
            errors["certification"] = _("Only a salary survey names a credential surveyed; clear this field.")
        if self.kind in self.PAY_ORDER and self.occupation_id and self.value is not None:
            errors.update(self.percentile_order_errors())
        if errors:
            raise ValidationError(errors)

    def percentile_order_errors(self):
        """The yearly pay percentiles of one occupation, group and period must rise: 10th ≤ 25th ≤ median ≤ ..."""
        rank = self.PAY_ORDER.index(self.kind)
        siblings = OutlookFigure.objects.filter(
            occupation_id=self.occupation_id, group=self.group, period=self.period, kind__in=self.PAY_ORDER
        ).exclude(pk=self.pk)
        for other in siblings:
            other_rank = self.PAY_ORDER.index(other.kind)
            if (other_rank < rank and other.value > self.value) or (other_rank > rank and other.value < self.value):
                return {
                    "value": _("%(kind)s cannot be %(relation)s the %(other)s (%(value)s) of the same period.")
                    % {
                        "kind": self.get_kind_display(),
                        "relation": _("below") if other_rank < rank else _("above"),
                        "other": other.get_kind_display().lower(),
                        "value": other.value,
                    }
                }
        return {}

    @property
    def is_money(self):
        return self.kind not in {self.Kind.JOBS, self.Kind.GROWTH, self.Kind.OPENINGS}


@dataclass
class OccupationPay:
    """An occupation's newest confirmed median yearly pay with the figures of the same period."""

    median: OutlookFigure
    by_kind: dict

    @property
    def low(self):
        return self.by_kind.get(OutlookFigure.Kind.P10_PAY) or self.by_kind.get(OutlookFigure.Kind.P25_PAY)

    @property
    def high(self):
        return self.by_kind.get(OutlookFigure.Kind.P90_PAY) or self.by_kind.get(OutlookFigure.Kind.P75_PAY)

    @property
    def range_label(self):
        low = "10th" if OutlookFigure.Kind.P10_PAY in self.by_kind else "25th"
        high = "90th" if OutlookFigure.Kind.P90_PAY in self.by_kind else "75th"
        labels = {
            ("10th", "90th"): _("10th to 90th percentile"),
            ("25th", "75th"): _("25th to 75th percentile"),
            ("10th", "75th"): _("10th to 75th percentile"),
            ("25th", "90th"): _("25th to 90th percentile"),
        }
        return labels[low, high]

    @property
    def hourly(self):
        return self.by_kind.get(OutlookFigure.Kind.HOURLY_PAY)

    def percentiles(self):
        """(kind label, figure) for each sourced yearly percentile, lowest first."""
        found = [self.by_kind[kind] for kind in OutlookFigure.PAY_ORDER if kind in self.by_kind]
        return [(figure.get_kind_display(), figure) for figure in found]


@dataclass
class OccupationFacts:
    pay: OccupationPay | None
    jobs: OutlookFigure | None
    growth: OutlookFigure | None
    openings: OutlookFigure | None
    history: list
    unconfirmed_count: int

    @property
    def outlook_figures(self):
        return [figure for figure in (self.jobs, self.growth, self.openings) if figure is not None]

    @classmethod
    def from_figures(cls, figures):
        confirmed = [
            f for f in figures if f.figure_citation.is_confirmed and f.kind != OutlookFigure.Kind.SALARY_SURVEY
        ]
        # Newest first: the as-of date, then the editor's order.
        confirmed.sort(key=lambda f: (f.figure_as_of or datetime.date.min, -f.position), reverse=True)
        newest = {}
        for figure in confirmed:
            newest.setdefault(figure.kind, figure)
        pay = None
        median = newest.get(OutlookFigure.Kind.MEDIAN_PAY)
        if median is not None:
            same_period = {
                f.kind: f
                for f in reversed(confirmed)
                if f.period == median.period and f.group == median.group and f.kind != OutlookFigure.Kind.MEDIAN_PAY
            }
            same_period[median.kind] = median
            pay = OccupationPay(median=median, by_kind=same_period)
        current = set(pay.by_kind.values()) if pay else set()
        facts = cls(
            pay=pay,
            jobs=newest.get(OutlookFigure.Kind.JOBS),
            growth=newest.get(OutlookFigure.Kind.GROWTH),
            openings=newest.get(OutlookFigure.Kind.OPENINGS),
            history=[],
            unconfirmed_count=len(figures) - len([f for f in figures if f.figure_citation.is_confirmed]),
        )
        current |= set(facts.outlook_figures)
        facts.history = [f for f in confirmed if f not in current]
        return facts


class OccupationQuerySet(PublishableQuerySet):
    def with_figures(self):
        """Prefetch the published figures and the published credentials and paths a page shows."""
        return self.prefetch_related(
            Prefetch(
                "outlook_figures",
                queryset=OutlookFigure.objects.published().select_related("figure_source").prefetch_related("sources"),
                to_attr="published_figures",
            )
        )

    def with_links(self):
        return self.with_figures().prefetch_related(
            Prefetch(
                "certifications",
                queryset=Certification.objects.published().select_related("body"),
                to_attr="published_certifications",
            ),
            Prefetch("paths", queryset=QualificationPath.objects.published().with_steps(), to_attr="published_paths"),
            Prefetch("related_occupations", queryset=Occupation.objects.published(), to_attr="published_related"),
            "sources",
        )


class Occupation(PublishableContent):
    """A kind of work the paths lead to, as labour statistics describe it (BLS, O*NET)."""

    name = models.CharField(
        _("name"), max_length=150, help_text=_("As BLS or O*NET names it, e.g. Medical records specialists.")
    )
    soc_code = models.CharField(
        _("SOC code"), max_length=10, help_text=_("Standard Occupational Classification, e.g. 29-2072.")
    )
    onet_code = models.CharField(
        _("O*NET code"), max_length=12, blank=True, help_text=_("O*NET-SOC code, e.g. 29-2072.00.")
    )
    summary = models.TextField(_("summary"), help_text=_("What the work is, in two or three plain sentences."))
    description = models.TextField(_("description"), blank=True, help_text=_("Longer text in Markdown."))
    tasks = models.TextField(
        _("tasks"), blank=True, help_text=_("What the work involves, one task per line, most common first.")
    )
    work_settings = models.TextField(
        _("work settings"), blank=True, help_text=_("Where and how people do the work, one point per line.")
    )
    entry_education = models.CharField(
        _("typical entry education"),
        max_length=200,
        blank=True,
        help_text=_("As BLS states it, e.g. Postsecondary nondegree award."),
    )
    sample_titles = models.TextField(
        _("sample job titles"), blank=True, help_text=_("Job titles people in this work hold, one per line.")
    )
    related_occupations = models.ManyToManyField(
        "self", blank=True, verbose_name=_("related occupations"), help_text=_("Similar work a student may compare.")
    )
    certifications = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="occupations",
        verbose_name=_("credentials that lead here"),
        help_text=_("Certifications employers in this work ask for or prefer."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    objects = OccupationQuerySet.as_manager()

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["position", "name_en"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qualifications:occupation-detail", kwargs={"slug": self.slug})

    @staticmethod
    def lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def task_list(self):
        return self.lines(self.tasks)

    def work_setting_list(self):
        return self.lines(self.work_settings)

    def sample_title_list(self):
        return self.lines(self.sample_titles)

    def shortest_path(self):
        """The published path here with the shortest known time, from the prefetched `published_paths`."""
        return min(getattr(self, "published_paths", []), key=QualificationPath.shortness, default=None)

    @cached_property
    def facts(self):
        """The newest confirmed figures of each kind, from the prefetched `published_figures`."""
        return OccupationFacts.from_figures(getattr(self, "published_figures", None) or [])


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
        ordering = ["kind", "position", "title_en"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("qualifications:careers") + f"#{self.slug}"
