"""schema.org descriptions of certification pages, registered with publishing.seo.

Only current facts are stated (price, renewal cycle): unconfirmed or possibly out-of-date figures are left out."""

from publishing import seo

from .models import Certification


@seo.register_record(Certification)
def certification_credential(cert, page):
    body = cert.body
    node = {
        "@type": "EducationalOccupationalCredential",
        "@id": f"{page.canonical}#credential",
        "name": cert.name,
        "alternateName": cert.code,
        "description": page.description,
        "url": page.canonical,
        "credentialCategory": "certification",
        "recognizedBy": {
            "@type": "Organization",
            "name": body.name,
            "alternateName": body.abbreviation,
            "url": body.official_url,
        },
        "sameAs": cert.official_url,
    }
    if cert.price_usd is not None and cert.price_citation.is_current_fact:
        offer = {"@type": "Offer", "price": cert.price_usd, "priceCurrency": "USD", "category": "exam fee"}
        if cert.price_as_of:
            offer["validFrom"] = cert.price_as_of
        node["offers"] = offer
    if cert.renewal_cycle_years and cert.renewal_ceus is not None and cert.renewal_citation.is_current_fact:
        node["validFor"] = f"P{cert.renewal_cycle_years}Y"
    return [node]
