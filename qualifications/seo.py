"""schema.org descriptions of education steps and occupations, registered
with publishing.seo. Unconfirmed figures never appear; drafts are never listed."""

from publishing import seo

from .models import EducationStep, Occupation, OutlookFigure


@seo.register_record(EducationStep)
def education_program(step, page):
    node = {
        "@type": "EducationalOccupationalProgram",
        "@id": f"{page.canonical}#program",
        "name": step.name,
        "description": page.description,
        "url": page.canonical,
    }
    if step.awards_level is not None:
        node["educationalCredentialAwarded"] = step.get_awards_level_display()
    if step.duration_min_months is not None and step.duration_citation.is_confirmed:
        node["timeToComplete"] = f"P{step.duration_min_months}M"
    if step.cost_min_usd is not None and step.cost_citation.is_confirmed:
        node["offers"] = {
            "@type": "Offer",
            "category": "tuition",
            "priceSpecification": {
                "@type": "PriceSpecification",
                "minPrice": step.cost_min_usd,
                "maxPrice": step.cost_max_usd if step.cost_max_usd is not None else step.cost_min_usd,
                "priceCurrency": "USD",
            },
        }
    # `published_certifications` is prefetched by the detail view; other pages get no list.
    credentials = getattr(step, "published_certifications", None)
    if credentials:
        node["occupationalCredentialAwarded"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "name": cert.name,
                "alternateName": cert.code,
                "url": seo.absolute_url(cert.get_absolute_url()),
            }
            for cert in credentials
        ]
    return [node]


PERCENTILES = {
    OutlookFigure.Kind.P10_PAY: "percentile10",
    OutlookFigure.Kind.P25_PAY: "percentile25",
    OutlookFigure.Kind.P75_PAY: "percentile75",
    OutlookFigure.Kind.P90_PAY: "percentile90",
}


def salary_distribution(pay):
    """The yearly pay of one period as a MonetaryAmountDistribution with its percentiles."""
    median = pay.median
    citation = median.figure_citation
    distribution = {
        "@type": "MonetaryAmountDistribution",
        "name": f"{median.label}, {median.group}",
        "currency": "USD",
        "duration": "P1Y",
        "median": seo.plain_number(median.value),
    }
    for kind, name in PERCENTILES.items():
        if kind in pay.by_kind:
            distribution[name] = seo.plain_number(pay.by_kind[kind].value)
    # A distribution has no date of its own in schema.org: the reference period is the
    # temporal coverage of the source the figures are cited from.
    source = {"@type": "CreativeWork", "temporalCoverage": citation.as_of or median.period}
    if citation.source is not None:
        source.update(name=citation.source.title, url=citation.source.url)
    distribution["subjectOf"] = source
    return distribution


@seo.register_record(Occupation)
def occupation_node(occupation, page):
    node = {
        "@type": "Occupation",
        "@id": f"{page.canonical}#occupation",
        "name": occupation.name,
        "description": page.description,
        "url": page.canonical,
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": occupation.soc_code,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "Standard Occupational Classification (SOC)"},
        },
        "occupationLocation": {"@type": "Country", "name": "United States"},
    }
    titles = occupation.sample_title_list()
    if titles:
        node["alternateName"] = titles
    tasks = occupation.task_list()
    if tasks:
        node["responsibilities"] = tasks
    if occupation.entry_education:
        node["educationRequirements"] = occupation.entry_education
    pay = occupation.facts.pay
    if pay is not None:
        node["estimatedSalary"] = [salary_distribution(pay)]
    credentials = getattr(occupation, "published_certifications", None)
    if credentials:
        # Each credential's full node lives on its own page; here it is named and linked by @id.
        node["qualifications"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "@id": f"{seo.absolute_url(cert.get_absolute_url())}#credential",
                "name": cert.name,
                "alternateName": cert.code,
                "url": seo.absolute_url(cert.get_absolute_url()),
            }
            for cert in credentials
        ]
    return [node]
