"""schema.org descriptions of education steps and the careers page, registered
with publishing.seo. Unconfirmed figures never appear; drafts are never listed."""

from publishing import seo

from .models import EducationStep, OutlookFigure

SALARY_KINDS = {OutlookFigure.Kind.MEDIAN_PAY: "P1Y", OutlookFigure.Kind.HOURLY_PAY: "PT1H"}


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
