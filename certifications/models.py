from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publishing.models import (
    PublishableContent,
    PublishableQuerySet,
    http_url_validator,
    sourced_figure,
    validate_citation,
)


class EducationLevel(models.IntegerChoices):
    """Highest education a person holds; shared by exam eligibility and the
    education steps that award it."""

    NONE = 0, _("No diploma yet")
    HIGH_SCHOOL = 10, _("High school diploma or GED")
    SOME_COLLEGE = 20, _("Some college")
    ASSOCIATE = 30, _("Associate's degree")
    BACHELOR = 40, _("Bachelor's degree")

    @property
    def entry_label(self):
        """The level as the education a route needs to start: "None needed", not "No diploma yet"."""
        return _("None needed") if self == EducationLevel.NONE else self.label

    @property
    def phrase(self):
        """The level as it reads inside a sentence: "you need a high school diploma or GED"."""
        return LEVEL_PHRASES[self]


LEVEL_PHRASES = {
    EducationLevel.NONE: _("no diploma"),
    EducationLevel.HIGH_SCHOOL: _("a high school diploma or GED"),
    EducationLevel.SOME_COLLEGE: _("some college"),
    EducationLevel.ASSOCIATE: _("an associate's degree"),
    EducationLevel.BACHELOR: _("a bachelor's degree"),
}


class CertifyingBody(PublishableContent):
    name = models.CharField(
        _("name"), max_length=150, help_text=_("Full name, e.g. American Academy of Professional Coders.")
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=20, help_text=_("Short name, e.g. AAPC."))
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences on who they are."))
    official_url = models.URLField(
        _("official website"), validators=[http_url_validator], help_text=_("Starts with https:// or http://.")
    )
    official_domains = models.CharField(
        _("official domains"),
        max_length=300,
        blank=True,
        help_text=_(
            "The body's own web domains, separated by spaces, e.g. “aapc.com”. Subdomains count, except staging, "
            "test and copy hosts. A figure marked official must cite a page on one of them."
        ),
    )

    class Meta:
        verbose_name = _("certifying body")
        verbose_name_plural = _("certifying bodies")
        ordering = ["abbreviation"]
        constraints = [
            models.UniqueConstraint(
                Lower("abbreviation"),
                name="unique_body_abbreviation_ci",
                violation_error_message=_("A certifying body with this abbreviation already exists."),
            )
        ]

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return reverse("certifications:list") + f"?body={self.slug}"

    @property
    def domains(self):
        return [domain.strip(".").lower() for domain in self.official_domains.split()]

    def clean(self):
        super().clean()
        bad = [domain for domain in self.domains if "/" in domain or "." not in domain]
        if bad:
            raise ValidationError(
                {"official_domains": _("Write bare domains such as aapc.com, not %(bad)s.") % {"bad": ", ".join(bad)}}
            )


class CodeSet(PublishableContent):
    name = models.CharField(_("name"), max_length=80, help_text=_("Short name, e.g. ICD-10-CM."))
    full_name = models.CharField(
        _("full name"), max_length=200, blank=True, help_text=_("e.g. Current Procedural Terminology.")
    )
    maintainer = models.CharField(
        _("maintainer"), max_length=150, help_text=_("Who owns and updates it, e.g. AMA, CMS, NCHS (CDC).")
    )
    codes_what = models.TextField(_("what it codes"), help_text=_("What the codes describe, in plain words."))
    update_cadence = models.TextField(
        _("update cadence"), help_text=_("When new codes take effect, e.g. every 1 January.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are listed first."))

    class Meta:
        verbose_name = _("code set")
        verbose_name_plural = _("code sets")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_code_set_name_ci",
                violation_error_message=_("A code set with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("certifications:list") + f"?code_set={self.slug}"


class Focus(models.TextChoices):
    BILLING = "billing", _("Billing")
    CODING = "coding", _("Coding")
    BOTH = "both", _("Billing and coding")


class CertificationQuerySet(PublishableQuerySet):
    def entry_level(self):
        return self.filter(entry_level=True)

    def for_focus(self, focus):
        """Certifications useful for an interest in billing, coding or both."""
        if focus == Focus.BOTH:
            return self
        return self.filter(focus__in=[focus, Focus.BOTH])

    def with_related(self):
        """What a certification page shows; drafts among its code sets stay hidden."""
        return self.select_related(
            "body",
            "exam_source",
            "price_source",
            "renewal_source",
            "exam_cost__fee_source",
            "exam_cost__dues_source",
        ).prefetch_related(
            Prefetch("code_sets", queryset=CodeSet.objects.published().prefetch_related("sources")),
            "sources",
            self.requirements_prefetch(),
        )

    @staticmethod
    def requirements_prefetch(prefix=""):
        """The requirement records (with their sources) the eligibility check reads."""
        return Prefetch(f"{prefix}requirements", queryset=Requirement.objects.select_related("rule_source"))


class Certification(
    PublishableContent,
    sourced_figure("exam", _("exam facts")),
    sourced_figure("price", _("price")),
    sourced_figure("renewal", _("renewal")),
):
    figures = ("exam", "price", "renewal")
    figure_prefetch = ("requirements__rule_source",)

    code = models.CharField(
        _("code"), max_length=20, help_text=_("The credential's letters, e.g. CPC. Unique, whatever the case.")
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("e.g. Certified Professional Coder."))
    body = models.ForeignKey(
        CertifyingBody,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("certifying body"),
        help_text=_("The organisation that awards it."),
    )
    focus = models.CharField(
        _("focus"),
        max_length=10,
        choices=Focus.choices,
        help_text=_("Is this credential about billing, coding or both?"),
    )
    entry_level = models.BooleanField(
        _("entry level"),
        default=False,
        help_text=_("Tick if a newcomer without work experience can reasonably start here."),
    )
    summary = models.TextField(_("summary"), help_text=_("Two or three plain sentences for a student."))
    description = models.TextField(_("description"), blank=True, help_text=_("Longer text in Markdown."))

    exam_questions = models.PositiveSmallIntegerField(
        _("exam questions"), null=True, blank=True, help_text=_("Number of questions.")
    )
    exam_questions_detail = models.CharField(
        _("exam questions: detail"),
        max_length=120,
        blank=True,
        help_text=_("Shown after the number, e.g. “scored; unscored pretest items come on top”."),
    )
    exam_minutes = models.PositiveSmallIntegerField(
        _("exam minutes"), null=True, blank=True, help_text=_("Time allowed, in minutes.")
    )
    exam_open_book = models.BooleanField(
        _("open book"),
        null=True,
        blank=True,
        help_text=_("Can candidates bring code books? Leave unknown if not confirmed."),
    )
    exam_delivery = models.CharField(
        _("exam delivery"), max_length=200, blank=True, help_text=_("e.g. Online or in person at a testing centre.")
    )
    exam_passing = models.CharField(
        _("passing score"), max_length=120, blank=True, help_text=_("e.g. 70% (70 of 100).")
    )

    price_usd = models.PositiveIntegerField(_("exam price (USD)"), null=True, blank=True, help_text=_("Whole dollars."))
    price_detail = models.CharField(
        _("price detail"), max_length=200, blank=True, help_text=_("e.g. member price; non-member $299.")
    )

    prerequisites = models.TextField(
        _("prerequisites in words"),
        blank=True,
        help_text=_(
            "Optional background in plain words, e.g. routes the requirements below cannot check "
            "(foreign programs). The eligibility check reads the requirements, not this text."
        ),
    )
    apprentice_designation = models.CharField(
        _("apprentice designation"),
        max_length=20,
        blank=True,
        help_text=_("What a new holder without experience holds, e.g. CPC-A."),
    )
    apprentice_rules = models.TextField(
        _("how apprentice status ends"), blank=True, help_text=_("What removes the apprentice mark.")
    )

    renewal_ceus = models.PositiveSmallIntegerField(
        _("CEUs per cycle"),
        null=True,
        blank=True,
        help_text=_("Continuing education units per renewal cycle, for one credential."),
    )
    renewal_cycle_years = models.PositiveSmallIntegerField(
        _("cycle length (years)"), null=True, blank=True, help_text=_("Length of a renewal cycle in years.")
    )
    renewal_detail = models.TextField(_("renewal detail"), blank=True, help_text=_("Other upkeep: dues, special CEUs."))

    code_sets = models.ManyToManyField(
        CodeSet,
        blank=True,
        related_name="certifications",
        verbose_name=_("code sets covered"),
        help_text=_("Code sets the exam tests."),
    )
    official_url = models.URLField(
        _("official page"), validators=[http_url_validator], help_text=_("The body's page for this credential.")
    )

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                name="unique_certification_code_ci",
                violation_error_message=_("A certification with this code already exists (codes ignore case)."),
            )
        ]

    def __str__(self):
        return f"{self.code} ({self.name})"

    def get_absolute_url(self):
        return reverse("certifications:detail", kwargs={"slug": self.slug})

    # Paths, occupations and exam costs are declared in qualifications, which this app never
    # imports: their models are reached through the reverse relations they declare.
    @classmethod
    def related_model(cls, name):
        return cls._meta.get_field(name).related_model

    @classmethod
    def path_model(cls):
        return cls.related_model("path_steps")._meta.get_field("path").related_model

    @classmethod
    def pay_and_paths(cls, certifications):
        """Attach to each certification its published occupations with their figures
        (`published_occupations`) and its shortest published path (`shortest_path`)."""
        occupations = cls.related_model("occupations").objects.published().with_figures()
        prefetch_related_objects(
            certifications, Prefetch("occupations", queryset=occupations, to_attr="published_occupations")
        )
        shortest = cls.path_model().objects.published().shortest_to(certifications)
        for cert in certifications:
            cert.shortest_path = shortest.get(cert.pk)
        return certifications

    def clean(self):
        super().clean()
        domains = self.body.domains if self.body_id else ()
        errors = {
            **validate_citation(
                self, "exam", "exam_questions", "exam_minutes", "exam_passing", official_domains=domains
            ),
            **validate_citation(self, "price", "price_usd", official_domains=domains),
            **validate_citation(self, "renewal", "renewal_ceus", official_domains=domains),
        }
        if self.apprentice_rules and not self.apprentice_designation:
            errors["apprentice_designation"] = _("Name the apprentice designation (e.g. CPC-A) the rules apply to.")
        if errors:
            raise ValidationError(errors)

    def citations(self):
        """The exam, price and renewal figures, then each eligibility requirement's."""
        return super().citations() + [
            (_("requirement: %(need)s") % {"need": r.need}, r.rule_citation) for r in self.requirements.all()
        ]

    def requirement_routes(self):
        """The issuer's ways in, as lists of requirements that must all be met;
        meeting every requirement of any one route is enough. Recommendations
        are left out. Reads prefetched `requirements` when there are any."""
        routes = {}
        for requirement in self.requirements.all():
            if requirement.kind != RequirementKind.RECOMMENDED:
                routes.setdefault(requirement.route, []).append(requirement)
        return [routes[number] for number in sorted(routes)]

    @property
    def membership_required(self):
        """True when every way in asks for membership of the body, so its dues are part of what
        sitting the exam costs. Reads prefetched `requirements` when there are any."""
        routes = self.requirement_routes()
        return bool(routes) and all(any(r.kind == RequirementKind.MEMBERSHIP for r in route) for route in routes)

    def least_education(self):
        """The lowest education any route asks for (NONE when no route names one)."""
        levels = [
            max((r.education_level for r in route if r.kind == RequirementKind.EDUCATION), default=0)
            for route in self.requirement_routes()
        ]
        return EducationLevel(min(levels, default=EducationLevel.NONE))


class RequirementKind(models.TextChoices):
    EDUCATION = "education", _("Minimum education")
    PROGRAM = "program", _("Training program (optionally accredited, optionally recent)")
    EXPERIENCE = "experience", _("Supervised work experience")
    MEMBERSHIP = "membership", _("Membership of the certifying body")
    RECOMMENDED = "recommended", _("Recommended only (not required)")


class RequirementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(certification__in=Certification.objects.published())


class Requirement(sourced_figure("rule", _("requirement"))):
    """One condition an issuer sets before its exam, with its source.

    Requirements sharing a route number must all be met; meeting any one route
    is enough (the issuer's "A and B, or C" is route 1: A, B; route 2: C).
    Edited inline on the certification, under the same publishing rules as its
    path steps: on a published certification only publishers change them."""

    figures = ("rule",)

    certification = models.ForeignKey(
        Certification,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("certification"),
    )
    route = models.PositiveSmallIntegerField(
        _("route"),
        default=1,
        help_text=_(
            "Requirements with the same route number must all be met; meeting any one route is enough. "
            "Use 1 when the issuer states a single set of requirements."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=RequirementKind.choices,
        help_text=_("What the issuer asks for. Fill in the matching field below."),
    )
    education_level = models.PositiveSmallIntegerField(
        _("education at least"),
        choices=EducationLevel.choices,
        null=True,
        blank=True,
        help_text=_('For "minimum education": the lowest level accepted ("No diploma yet" when none is asked).'),
    )
    accreditor = models.CharField(
        _("accredited by"),
        max_length=40,
        blank=True,
        help_text=_("For a program: the accreditor the issuer names, e.g. CAHIIM. Empty: any program counts."),
    )
    final_term_counts = models.BooleanField(
        _("final term counts"),
        default=False,
        help_text=_("For an accredited program: tick if students in its final term may already sit the exam."),
    )
    within_years = models.PositiveSmallIntegerField(
        _("finished within (years)"),
        null=True,
        blank=True,
        help_text=_("For a program: it must have been finished within this many years. Empty: no time limit."),
    )
    months = models.PositiveSmallIntegerField(
        _("months of experience"),
        null=True,
        blank=True,
        help_text=_('For "supervised work experience": how many months, e.g. 12 for one year.'),
    )
    wording = models.CharField(
        _("wording"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional words that fit after “you need”, e.g. “a CAHIIM-accredited HIM program at associate level”. "
            "Required for a recommendation. Empty: the site writes it from the fields above."
        ),
    )

    objects = RequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("eligibility requirement")
        verbose_name_plural = _("eligibility requirements")
        ordering = ["certification", "route", "kind", "pk"]

    def __str__(self):
        return str(self.need)

    @property
    def last_reviewed(self):
        """Requirements are reviewed with their certification: an undated source was read then."""
        return self.certification.last_reviewed

    def clean(self):
        super().clean()
        domains = self.certification.body.domains if self.certification_id else ()
        errors = dict(validate_citation(self, "rule", "kind", official_domains=domains))
        if self.kind == RequirementKind.EDUCATION and self.education_level is None:
            errors["education_level"] = _("Choose the lowest education the issuer accepts.")
        if self.kind == RequirementKind.EXPERIENCE and not self.months:
            errors["months"] = _("Give the months of experience the issuer asks for, e.g. 12 for one year.")
        if self.kind == RequirementKind.RECOMMENDED and not self.wording:
            errors["wording"] = _("Write what the issuer recommends.")
        if self.final_term_counts and not self.accreditor:
            errors["accreditor"] = _("Name the accreditor of the program whose final-term students may sit.")
        if errors:
            raise ValidationError(errors)

    @property
    def need(self):
        """What this requirement asks for, as words that fit after "you need"."""
        if self.wording:
            return self.wording
        if self.kind == RequirementKind.EDUCATION:
            if not self.education_level:
                return _("no proof of education")
            return EducationLevel(self.education_level).phrase
        if self.kind == RequirementKind.MEMBERSHIP:
            return _("%(body)s membership") % {"body": self.certification.body.abbreviation}
        if self.kind == RequirementKind.EXPERIENCE:
            if self.months % 12 == 0:
                years = self.months // 12
                return ngettext(
                    "%(count)s year of supervised work experience",
                    "%(count)s years of supervised work experience",
                    years,
                ) % {"count": years}
            return ngettext(
                "%(count)s month of supervised work experience",
                "%(count)s months of supervised work experience",
                self.months,
            ) % {"count": self.months}
        if self.kind == RequirementKind.PROGRAM:
            program = (
                _("a %(accreditor)s-accredited program") % {"accreditor": self.accreditor}
                if self.accreditor
                else _("a billing or coding training program")
            )
            if self.within_years:
                program = ngettext(
                    "%(program)s finished within the past year",
                    "%(program)s finished within the past %(count)s years",
                    self.within_years,
                ) % {"program": program, "count": self.within_years}
            if self.final_term_counts:
                program = _("%(program)s, finished or in its final term") % {"program": program}
            return program
        return ""
