"""schema.org descriptions of education steps, paths, skills and the careers page,
registered with publishing.seo. Unconfirmed figures never appear; drafts are never listed."""

from django.urls import reverse
from django.utils.translation import gettext

from certifications.seo import credential_reference
from publishing import seo

from .models import EducationStep, OutlookFigure, QualificationPath, Skill

SALARY_KINDS = {OutlookFigure.Kind.MEDIAN_PAY: "P1Y", OutlookFigure.Kind.HOURLY_PAY: "PT1H"}


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


def salary_distribution(figure):
    citation = figure.figure_citation
    distribution = {
        "@type": "MonetaryAmountDistribution",
        "name": figure.label,
        "currency": "USD",
        "duration": SALARY_KINDS[figure.kind],
        "median": seo.plain_number(figure.value),
    }
    # A distribution has no date of its own in schema.org: the figure's as-of date is the
    # temporal coverage of the source it is cited from.
    source = {"@type": "CreativeWork", "temporalCoverage": citation.as_of or figure.period}
    if citation.source is not None:
        source.update(name=citation.source.title, url=citation.source.url)
    distribution["subjectOf"] = source
    return distribution


@seo.register_page("qualifications:careers")
def careers_occupations(page):
    """One Occupation per SOC code on the careers page, with its confirmed median pay."""
    occupations = {}
    for figure in page.context.get("figures") or []:
        key = figure.soc_code or figure.occupation
        occupation = occupations.setdefault(
            key,
            {"@type": "Occupation", "name": figure.occupation, "url": page.canonical, "description": page.description},
        )
        if figure.soc_code:
            occupation["occupationalCategory"] = figure.soc_code
        if figure.kind in SALARY_KINDS and figure.figure_citation.is_current_fact:
            occupation.setdefault("estimatedSalary", []).append(salary_distribution(figure))
    return list(occupations.values())
