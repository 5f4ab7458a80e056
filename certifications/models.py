from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


class CertifyingBody(PublishableContent):
    name = models.CharField(
        _("name"), max_length=150, help_text=_("Full name, e.g. American Academy of Professional Coders.")
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=20, help_text=_("Short name, e.g. AAPC."))
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences on who they are."))
    official_url = models.URLField(
        _("official website"), validators=[http_url_validator], help_text=_("Starts with https:// or http://.")
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
        ).prefetch_related(Prefetch("code_sets", queryset=CodeSet.objects.published()), "sources")


class Certification(
    PublishableContent,
    sourced_figure("exam", _("exam facts")),
    sourced_figure("price", _("price")),
    sourced_figure("renewal", _("renewal")),
):
    figures = ("exam", "price", "renewal")

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

    min_education = models.PositiveSmallIntegerField(
        _("minimum education to sit the exam"),
        choices=EducationLevel.choices,
        default=EducationLevel.NONE,
        help_text=_("The lowest education the certifying body requires before the exam."),
    )
    prerequisites = models.TextField(
        _("prerequisites"), blank=True, help_text=_("What is required before the exam, in plain words.")
    )
    recommended_experience = models.TextField(
        _("recommended experience"), blank=True, help_text=_("What is recommended but not required.")
    )
    membership_required = models.BooleanField(
        _("membership required"),
        default=False,
        help_text=_("Tick if membership of the body is needed to sit or keep it."),
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
        errors = {
            **validate_citation(self, "exam", "exam_questions", "exam_minutes", "exam_passing"),
            **validate_citation(self, "price", "price_usd"),
            **validate_citation(self, "renewal", "renewal_ceus"),
        }
        if self.apprentice_rules and not self.apprentice_designation:
            errors["apprentice_designation"] = _("Name the apprentice designation (e.g. CPC-A) the rules apply to.")
        if errors:
            raise ValidationError(errors)
