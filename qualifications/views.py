from itertools import groupby

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from certifications.models import Certification
from publishing.models import sources_of
from publishing.views import BreadcrumbMixin, CachedBodyMixin, PublishedDetailView, PublishedListView

from .models import CareerTopic, EducationStep, Occupation, OutlookFigure, QualificationPath, Skill

published_certifications = Prefetch(
    "prepares_for",
    queryset=Certification.objects.published().select_related("body"),
    to_attr="published_certifications",
)


class PathListView(PublishedListView):
    page_title = _("Qualification paths")
    template_name = "qualifications/path_list.html"

    def get_queryset(self):
        return QualificationPath.objects.published().with_steps().with_occupations()


class PathDetailView(PublishedDetailView):
    model = QualificationPath
    breadcrumb_parents = [(_("Qualification paths"), "qualifications:path-list")]

    def get_queryset(self):
        return super().get_queryset().with_steps().with_occupations().prefetch_related("sources")


class EducationListView(PublishedListView):
    page_title = _("Education")
    template_name = "qualifications/educationstep_list.html"

    def get_queryset(self):
        return (
            EducationStep.objects.published()
            .select_related("duration_source", "cost_source")
            .prefetch_related(published_certifications)
        )


class EducationDetailView(PublishedDetailView):
    model = EducationStep
    breadcrumb_parents = [(_("Education"), "qualifications:education-list")]
    prefetched_lists = {"published_certifications": "prepares_for"}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("duration_source", "cost_source")
            .prefetch_related(published_certifications, "sources")
        )


class SkillListView(PublishedListView):
    page_title = _("Skills")
    template_name = "qualifications/skill_list.html"

    def get_queryset(self):
        return Skill.objects.published().order_by("category", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["skill_groups"] = [
            (skills[0].get_category_display(), skills)
            for _category, group in groupby(context["object_list"], key=lambda skill: skill.category)
            for skills in [list(group)]
        ]
        return context


class SkillDetailView(PublishedDetailView):
    model = Skill
    breadcrumb_parents = [(_("Skills"), "qualifications:skill-list")]
    prefetched_lists = {"published_certifications": "certifications"}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "certifications",
                    queryset=Certification.objects.published().select_related("body"),
                    to_attr="published_certifications",
                ),
                "sources",
            )
        )


class CareersView(CachedBodyMixin, BreadcrumbMixin, ListView):
    """/careers/: every published occupation with its pay range, then the labelled salary
    surveys, benefits and tips."""

    page_title = _("Careers and pay")
    template_name = "qualifications/careers.html"

    def get_queryset(self):
        return Occupation.objects.published().with_figures().prefetch_related("sources")

    def get_context_data(self, **kwargs):
        occupations = list(self.object_list)
        surveys = list(
            OutlookFigure.objects.published()
            .filter(kind=OutlookFigure.Kind.SALARY_SURVEY)
            .select_related("figure_source", "certification")
            .prefetch_related("sources")
        )
        topics = list(CareerTopic.objects.published().prefetch_related("sources"))
        figures = [figure for occupation in occupations for figure in occupation.published_figures]
        records = occupations + figures + surveys + topics
        return super().get_context_data(
            occupations=occupations,
            surveys=surveys,
            sources=sources_of(records),
            benefits=[t for t in topics if t.kind == CareerTopic.Kind.BENEFIT],
            tips=[t for t in topics if t.kind == CareerTopic.Kind.TIP],
            last_reviewed=min((r.reviewed_on for r in records), default=None),
            **kwargs,
        )


class OccupationDetailView(PublishedDetailView):
    model = Occupation
    breadcrumb_parents = [(_("Careers and pay"), "qualifications:careers")]

    def get_queryset(self):
        return super().get_queryset().with_links()

    def get_context_data(self, **kwargs):
        occupation = self.object
        return super().get_context_data(
            sources=sources_of([occupation, *occupation.published_figures]),
            **kwargs,
        )


class PathFinderView(CachedBodyMixin, BreadcrumbMixin, TemplateView):
    """The questionnaire and, once answered, every published path ranked for the
    student. Answers travel as GET parameters, so a result can be shared and printed."""

    page_title = _("Find your path")
    template_name = "qualifications/path_finder.html"

    def get_context_data(self, **kwargs):
        from .forms import PathFinderForm
        from .pathfinder import general_notes, rank_paths

        answered = any(name in self.request.GET for name in PathFinderForm.base_fields)
        form = PathFinderForm(self.request.GET if answered else None)
        recommendations = notes = None
        if form.is_valid():
            answers = form.answers()
            paths = (
                QualificationPath.objects.published()
                .with_steps()
                .with_occupations()
                .prefetch_related("steps__certification__renewal_source")
            )
            recommendations = rank_paths(paths, answers)
            notes = general_notes(answers)
        return super().get_context_data(form=form, recommendations=recommendations, notes=notes, **kwargs)
