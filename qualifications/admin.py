from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from publishing.admin import (
    PUBLICATION_FIELDSET,
    HeldRowsInlineMixin,
    PublishableAdmin,
    citation_fieldset,
)

from .models import (
    CareerTopic,
    EducationStep,
    ExamCost,
    Occupation,
    OutlookFigure,
    PathStep,
    QualificationPath,
    Skill,
)


@admin.register(EducationStep)
class EducationStepAdmin(PublishableAdmin):
    list_display = ["name", "position", "employer_expectation", "publication_state", "review_state"]
    list_filter = ["status", "employer_expectation"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources", "duration_source", "cost_source", "prepares_for"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description", "covers", "position"]}),
        (
            _("Entry and employers"),
            {"fields": ["requires_level", "awards_level", "employer_expectation", "prepares_for"]},
        ),
        (_("Duration"), {"fields": [("duration_min_months", "duration_max_months")]}),
        citation_fieldset("duration", _("Duration: source")),
        (_("Cost"), {"fields": [("cost_min_usd", "cost_max_usd")]}),
        citation_fieldset("cost", _("Cost: source")),
        PUBLICATION_FIELDSET,
    ]


class PathStepInline(HeldRowsInlineMixin, TranslationTabularInline):
    """Steps in order by their number; on a published path an editor's changes wait for a publisher."""

    model = PathStep
    extra = 1
    autocomplete_fields = ["education_step", "certification"]
    fields = ["position", "education_step", "certification", "note"]


@admin.register(QualificationPath)
class QualificationPathAdmin(PublishableAdmin):
    list_display = ["name", "role", "position", "publication_state", "review_state"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PathStepInline]
    autocomplete_fields = ["occupations"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "occupations", "summary", "description", "position"]}),
        PUBLICATION_FIELDSET,
    ]


@admin.register(ExamCost)
class ExamCostAdmin(PublishableAdmin):
    has_detail_page = False  # shown on its certification's page and in path totals
    list_display = ["__str__", "fee_low_usd", "fee_high_usd", "fee_confirmation", "publication_state", "review_state"]
    list_filter = ["status", "fee_confirmation", "dues_confirmation"]
    search_fields = ["certification__code", "certification__name"]
    autocomplete_fields = ["certification", "sources", "fee_source", "dues_source"]
    fieldsets = [
        (None, {"fields": ["certification", "slug", "retakes"]}),
        (_("Exam fee"), {"fields": [("fee_low_usd", "fee_high_usd"), "fee_spread"]}),
        citation_fieldset("fee", _("Exam fee: source")),
        (
            _("Membership dues"),
            {
                "fields": [("dues_low_usd", "dues_high_usd"), "dues_spread"],
                "description": _("Counted only when the certification says membership is required."),
            },
        ),
        citation_fieldset("dues", _("Membership dues: source")),
        PUBLICATION_FIELDSET,
    ]


@admin.register(Skill)
class SkillAdmin(PublishableAdmin):
    list_display = ["name", "category", "publication_state", "review_state"]
    list_filter = ["status", "category"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources", "certifications"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "summary", "on_the_job", "how_to_build", "certifications"]}),
        PUBLICATION_FIELDSET,
    ]


@admin.register(Occupation)
class OccupationAdmin(PublishableAdmin):
    list_display = ["name", "soc_code", "position", "publication_state", "review_state"]
    search_fields = ["name", "soc_code", "onet_code", "sample_titles"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources", "certifications", "related_occupations"]
    fieldsets = [
        (None, {"fields": ["name", "slug", ("soc_code", "onet_code"), "summary", "description", "position"]}),
        (_("The work"), {"fields": ["tasks", "work_settings", "sample_titles", "entry_education"]}),
        (_("Links"), {"fields": ["certifications", "related_occupations"]}),
        PUBLICATION_FIELDSET,
    ]


@admin.register(OutlookFigure)
class OutlookFigureAdmin(PublishableAdmin):
    has_detail_page = False  # shown on its occupation's page (salary surveys: the careers page)
    list_display = [
        "label",
        "value",
        "period",
        "occupation",
        "figure_confirmation",
        "publication_state",
        "review_state",
    ]
    list_filter = ["status", "kind", "figure_confirmation", "occupation"]
    search_fields = ["label", "group", "soc_code"]
    prepopulated_fields = {"slug": ["label", "period"]}
    autocomplete_fields = ["sources", "figure_source", "occupation", "certification"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "label",
                    "slug",
                    "occupation",
                    "certification",
                    ("group", "soc_code"),
                    "value",
                    "period",
                    "position",
                ]
            },
        ),
        citation_fieldset("figure", _("Source")),
        PUBLICATION_FIELDSET,
    ]


@admin.register(CareerTopic)
class CareerTopicAdmin(PublishableAdmin):
    has_detail_page = False  # shown on the careers page
    list_display = ["title", "kind", "position", "publication_state", "review_state"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "description", "position"]}),
        PUBLICATION_FIELDSET,
    ]
