"""schema.org descriptions of certification pages, registered with publishing.seo.

Only current facts are stated (price, renewal cycle): unconfirmed or possibly out-of-date figures are left out."""

from publishing import seo

from .models import Certification


def credential_reference(cert):
    """A certification wherever a page names it (an education step, a path): what it is, who
    recognises it, and the @id of the full node on its own page. Needs `cert.body` loaded."""
    url = seo.absolute_url(cert.get_absolute_url())
    body = cert.body
    return {
        "@type": "EducationalOccupationalCredential",
        "@id": f"{url}#credential",
        "name": cert.name,
        "alternateName": cert.code,
        "url": url,
        "credentialCategory": "certification",
        "recognizedBy": {
            "@type": "Organization",
            "name": body.name,
            "alternateName": body.abbreviation,
            "url": body.official_url,
        },
    }


@seo.register_record(Certification)
def certification_credential(cert, page):
    node = credential_reference(cert) | {"description": page.description, "sameAs": cert.official_url}
    if cert.price_usd is not None and cert.price_citation.is_current_fact:
        offer = {"@type": "Offer", "price": cert.price_usd, "priceCurrency": "USD", "category": "exam fee"}
        if cert.price_as_of:
            offer["validFrom"] = cert.price_as_of
        node["offers"] = offer
    if cert.renewal_cycle_years and cert.renewal_ceus is not None and cert.renewal_citation.is_current_fact:
        node["validFor"] = f"P{cert.renewal_cycle_years}Y"
    return [node]
