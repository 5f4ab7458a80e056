"""The text of this app's records that has a Spanish version (see publishing.translation).
Codes, abbreviations, slugs, addresses, figures and dates are shared by both languages; how a
figure's date reads (its as-of wording) has a Spanish version."""

from publishing.translation import translate

from .models import Certification, CertifyingBody, CodeSet, Requirement

translate(CertifyingBody, "name", "summary")
translate(CodeSet, "full_name", "codes_what", "update_cadence")
translate(
    Certification,
    "name",
    "summary",
    "description",
    "exam_questions_detail",
    "exam_delivery",
    "exam_passing",
    "price_detail",
    "prerequisites",
    "apprentice_designation",
    "apprentice_rules",
    "renewal_detail",
    "exam_as_of_label",
    "price_as_of_label",
    "renewal_as_of_label",
)
translate(Requirement, "wording", "rule_as_of_label")
