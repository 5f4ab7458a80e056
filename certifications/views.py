from django.utils.translation import gettext_lazy as _

from publishing.views import PublishedDetailView, PublishedListView

from .eligibility import applicant_from, check_eligibility
from .filters import CertificationFilter
from .forms import EligibilityForm
from .models import Certification


class CertificationListView(PublishedListView):
    model = Certification
    page_title = _("Certifications")
    template_name = "certifications/certification_list.html"

    def get_queryset(self):
        published = Certification.objects.published().select_related("body").prefetch_related("code_sets")
        self.filterset = CertificationFilter.ignoring_invalid(self.request.GET, queryset=published)
        return self.filterset.qs.distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filterset=self.filterset, **kwargs)


class CertificationDetailView(PublishedDetailView):
    model = Certification
    breadcrumb_parents = [(_("Certifications"), "certifications:list")]

    def get_queryset(self):
        return super().get_queryset().with_related()

    def get_context_data(self, **kwargs):
        cert = self.object
        Certification.pay_and_paths([cert])
        applicant = applicant_from(self.request.GET)
        eligibility = check_eligibility(cert, applicant)
        form = EligibilityForm(initial=vars(applicant), eligibility=eligibility, applicant=applicant)
        return super().get_context_data(
            eligibility=eligibility,
            eligibility_question=form if form.fields else None,
            skills=list(cert.skills.published()),
            education_steps=list(cert.education_steps.published()),
            salary_surveys=list(cert.salary_surveys.published().select_related("figure_source")),
            exam_cost=Certification.related_model("exam_cost").published_range_for(cert),
            **kwargs,
        )
