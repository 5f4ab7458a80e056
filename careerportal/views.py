from django.views.generic import TemplateView

from certifications.models import Certification
from qualifications.models import QualificationPath


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            paths=QualificationPath.objects.published().with_steps(),
            featured_certifications=Certification.objects.published().entry_level().select_related("body"),
            **kwargs,
        )
