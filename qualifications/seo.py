"""schema.org descriptions of education steps, paths, skills and occupations,
registered with publishing.seo. Unconfirmed figures never appear; drafts are never listed."""

from django.urls import reverse
from django.utils.translation import gettext

from certifications.seo import credential_reference
from publishing import seo

from .models import EducationStep, Occupation, OutlookFigure, QualificationPath, Skill


def program_reference(step):
    """An education step wherever a page names it, with the @id of the full node on its own page."""
    url = seo.absolute_url(step.get_absolute_url())
    return {"@type": "EducationalOccupationalProgram", "@id": f"{url}#program", "name": step.name, "url": url}


@seo.register_record(EducationStep)
def education_program(step, page):
    node = program_reference(step) | {"description": page.description}
    if step.awards_level is not None:
        node["educationalCredentialAwarded"] = step.get_awards_level_display()
    if step.duration_min_months is not None and step.duration_citation.is_current_fact:
        node["timeToComplete"] = f"P{step.duration_min_months}M"
    if step.cost_min_usd is not None and step.cost_citation.is_current_fact:
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
        node["occupationalCredentialAwarded"] = [credential_reference(cert) for cert in credentials]
    return [node]


@seo.register_record(QualificationPath)
def path_steps(path, page):
    """A path is the ordered list of its published steps, each naming its own page's node."""
    steps = [
        {
            "@type": "ListItem",
            "position": position,
            "item": program_reference(step.education_step)
            if step.education_step_id
            else credential_reference(step.certification),
        }
        for position, step in enumerate(path.ordered_steps(), start=1)
    ]
    return [
        {
            "@type": "ItemList",
            "@id": f"{page.canonical}#steps",
            "name": path.name,
            "description": page.description,
            "url": page.canonical,
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(steps),
            "itemListElement": steps,
        }
    ]


@seo.register_record(Skill)
def skill_term(skill, page):
    """A skill is a term of the site's set of skills employers look for."""
    return [
        {
            "@type": "DefinedTerm",
            "@id": f"{page.canonical}#skill",
            "name": skill.name,
            "description": page.description,
            "url": page.canonical,
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "name": gettext("Skills"),
                "url": seo.absolute_url(reverse("qualifications:skill-list")),
            },
        }
    ]


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
    if pay is not None and pay.median.figure_citation.is_current_fact:
        node["estimatedSalary"] = [salary_distribution(pay)]
    credentials = getattr(occupation, "published_certifications", None)
    if credentials:
        # Each credential's full node lives on its own page; here it is named and linked by @id.
        node["qualifications"] = [credential_reference(cert) for cert in credentials]
    return [node]
