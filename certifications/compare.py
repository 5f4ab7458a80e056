"""Certifications side by side: /certifications/compare/?c=cpb&c=cpc.

Two to four published certifications, named by slug or code (any case), in
the order given. The address is the whole state, so it can be shared and
printed. Unknown codes are named and ignored; past four, the rest are named
and left out; with fewer than two the page is the picker form."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from publishing.views import BreadcrumbMixin, CachedBodyMixin

from .eligibility import check_eligibility
from .models import Certification, CodeSet

MIN_COMPARED = 2
MAX_COMPARED = 4
#: Codes read from one address; the rest are ignored without a word (nobody types fifty).
MAX_CODES_READ = 20
#: Longest unknown code echoed back in the message.
MAX_CODE_SHOWN = 30


class CompareForm(forms.Form):
    c = forms.MultipleChoiceField(
        label=_("Certifications to compare"),
        help_text=_("Choose two to four."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, certifications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["c"].choices = [
            (cert.slug, f"{cert.code} — {cert.name} ({cert.body.abbreviation})") for cert in certifications
        ]


def requested_codes(query):
    """Distinct, non-empty codes from ?c=..., in the order given."""
    codes = []
    for value in query.getlist("c")[:MAX_CODES_READ]:
        code = value.strip()
        if code and code.lower() not in (seen.lower() for seen in codes):
            codes.append(code)
    return codes


def shown(code):
    return code if len(code) <= MAX_CODE_SHOWN else f"{code[:MAX_CODE_SHOWN]}…"


class CertificationCompareView(CachedBodyMixin, BreadcrumbMixin, TemplateView):
    page_title = _("Compare certifications")
    breadcrumb_parents = [(_("Certifications"), "certifications:list")]
    template_name = "certifications/certification_compare.html"

    def get_context_data(self, **kwargs):
        published = list(
            Certification.objects.published()
            .select_related("body", "exam_source", "price_source", "renewal_source")
            .order_by("code")
        )
        by_name = {}
        for cert in published:
            by_name.setdefault(cert.slug.lower(), cert)
            by_name.setdefault(cert.code.lower(), cert)

        chosen, unknown = [], []
        for code in requested_codes(self.request.GET):
            cert = by_name.get(code.lower())
            if cert is None:
                unknown.append(shown(code))
            elif cert not in chosen:
                chosen.append(cert)
        left_out = chosen[MAX_COMPARED:]
        chosen = chosen[:MAX_COMPARED]

        compared = chosen if len(chosen) >= MIN_COMPARED else []
        if compared:
            prefetch_related_objects(
                compared,
                Prefetch("code_sets", queryset=CodeSet.objects.published(), to_attr="published_code_sets"),
                "skills",
                Certification.objects.requirements_prefetch(),
            )
            for cert in compared:
                # Skills are declared in qualifications, which certifications does not import: their
                # reverse relation is prefetched whole (one query) and each skill says if it is public.
                cert.published_skills = [skill for skill in cert.skills.all() if skill.is_published]
            Certification.pay_and_paths(compared)
        query = urlencode([("c", cert.slug) for cert in chosen])
        return super().get_context_data(
            compared=compared,
            eligibility=[check_eligibility(cert) for cert in compared],
            chosen=chosen,
            unknown_codes=unknown,
            left_out=left_out,
            max_compared=MAX_COMPARED,
            form=CompareForm(initial={"c": [cert.slug for cert in chosen]}, certifications=published),
            canonical_path=reverse("certifications:compare") + (f"?{query}" if query else ""),
            **kwargs,
        )
