from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from publishing.admin import (
    PUBLICATION_FIELDSET,
    HeldRowsInlineMixin,
    PublishableAdmin,
    citation_fieldset,
)

from .models import Certification, CertifyingBody, CodeSet, Requirement


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(PublishableAdmin):
    has_detail_page = False  # shown in certification pages and the list filter
    list_display = ["abbreviation", "name", "publication_state", "review_state"]
    search_fields = ["abbreviation", "name"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    fieldsets = [
        (None, {"fields": ["abbreviation", "name", "slug", "summary", "official_url", "official_domains"]}),
        PUBLICATION_FIELDSET,
    ]


@admin.register(CodeSet)
class CodeSetAdmin(PublishableAdmin):
    has_detail_page = False  # shown in certification pages and the list filter
    list_display = ["name", "maintainer", "publication_state", "review_state"]
    search_fields = ["name", "full_name", "maintainer"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "full_name", "slug", "maintainer", "codes_what", "update_cadence", "position"]}),
        PUBLICATION_FIELDSET,
    ]


class RequirementInline(HeldRowsInlineMixin, TranslationStackedInline):
    """The eligibility rules, each with its source. On a published certification an
    editor's edits to them are held with the record's other edits for a publisher."""

    model = Requirement
    extra = 0
    autocomplete_fields = ["rule_source"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("route", "kind"),
                    "education_level",
                    ("accreditor", "final_term_counts"),
                    "within_years",
                    "months",
                    "wording",
                ]
            },
        ),
        citation_fieldset("rule", _("Requirement: source")),
    ]


@admin.register(Certification)
class CertificationAdmin(PublishableAdmin):
    inlines = [RequirementInline]
    list_display = ["code", "name", "body", "focus", "entry_level", "publication_state", "review_state"]
    list_filter = ["status", "body", "focus", "entry_level"]
    search_fields = ["code", "name", "body__abbreviation"]
    prepopulated_fields = {"slug": ["code"]}
    autocomplete_fields = ["sources", "exam_source", "price_source", "renewal_source"]
    filter_horizontal = ["code_sets"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "name",
                    "slug",
                    "body",
                    "focus",
                    "entry_level",
                    "summary",
                    "description",
                    "official_url",
                ]
            },
        ),
        (
            _("Exam"),
            {
                "fields": [
                    "exam_questions",
                    "exam_questions_detail",
                    "exam_minutes",
                    "exam_open_book",
                    "exam_delivery",
                    "exam_passing",
                    "code_sets",
                ]
            },
        ),
        citation_fieldset("exam", _("Exam facts: source")),
        (_("Price"), {"fields": ["price_usd", "price_detail"]}),
        citation_fieldset("price", _("Price: source")),
        (
            _("Eligibility"),
            {
                "fields": ["prerequisites", "apprentice_designation", "apprentice_rules"],
                "description": _(
                    "The requirements below decide what the eligibility check tells students. "
                    "Same route number: all needed; any one route is enough."
                ),
            },
        ),
        (_("Renewal"), {"fields": ["renewal_ceus", "renewal_cycle_years", "renewal_detail"]}),
        citation_fieldset("renewal", _("Renewal: source")),
        PUBLICATION_FIELDSET,
    ]
