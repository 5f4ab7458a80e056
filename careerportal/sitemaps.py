"""/sitemap.xml: every published page, with the date it last changed, in English and Spanish;
each address lists its other-language versions and the x-default (English) as alternates.

Addresses are built from the site's address (SITE_URL; see publishing.seo.site_url), like
canonical links, never from the Site row."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from certifications.models import Certification
from publishing.seo import site_url
from qualifications.models import CareerTopic, EducationStep, Occupation, OutlookFigure, QualificationPath, Skill


class SiteUrlSitemap(Sitemap):
    i18n = True  # one <url> per language in settings.LANGUAGES, located under translation.override
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return site_url().split("://", 1)[0]

    def get_domain(self, site=None):
        return site_url().split("://", 1)[1]


class PublishedRecordSitemap(SiteUrlSitemap):
    """The detail pages of one model's published records."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, record):
        return record.updated


class ListPageSitemap(SiteUrlSitemap):
    """Home, list pages, the careers page and the path finder; each last changed when the newest
    record it shows did."""

    pages = {
        "home": (QualificationPath, Certification),
        "qualifications:path-list": (QualificationPath,),
        "qualifications:education-list": (EducationStep,),
        "certifications:list": (Certification,),
        "qualifications:skill-list": (Skill,),
        "qualifications:careers": (Occupation, OutlookFigure, CareerTopic),
        "qualifications:path-finder": (QualificationPath,),
    }

    def items(self):
        return list(self.pages)

    def location(self, name):
        return reverse(name)

    @cached_property
    def latest_by_model(self):
        models = {model for listed in self.pages.values() for model in listed}
        return {model: model.objects.published().aggregate(latest=Max("updated"))["latest"] for model in models}

    def lastmod(self, name):
        dates = [self.latest_by_model[model] for model in self.pages[name]]
        return max((date for date in dates if date is not None), default=None)


SITEMAPS = {
    "pages": ListPageSitemap,
    "certifications": PublishedRecordSitemap(Certification),
    "education": PublishedRecordSitemap(EducationStep),
    "paths": PublishedRecordSitemap(QualificationPath),
    "skills": PublishedRecordSitemap(Skill),
    "occupations": PublishedRecordSitemap(Occupation),
}
