"""Bring rows loaded from the earlier starter content in line with the new data file: the
certifying bodies' official domains, prerequisites text that the requirement records now say,
as-of dates for figures whose wording names a period, per-claim source links in descriptions,
the CBCS question count's detail, CPC's open-book rule as a third-party claim, and RHIT/RHIA's
focus. A value is changed only while it still equals what the loader wrote, so an editor's
change is kept; the reverse restores the loader's old values the same way."""

import datetime

from django.db import migrations

BODIES = [('aapc', 'official_domains', '', 'aapc.com'),
 ('ahima', 'official_domains', '', 'ahima.org'),
 ('nha', 'official_domains', '', 'nhanow.com'),
 ('amba', 'official_domains', '', 'ambanet.net americanmedicalbillingassociation.com ambastore.net')]

CERTIFICATIONS = [('cpc',
  'description',
  "The exam is open book: you bring the current year's code books. AAPC's own FAQ breaks the questions down "
  'by topic, from the CPT surgery series to medical terminology and anatomy.\n'
  '\n'
  "The format changed on 1 January 2022, from a longer exam to today's 100 questions in 4 hours. Third-party "
  'guides (codingclarified.com, March 2022; cpctestprep.com; medicalcodingwithconfidence.com) say the pass '
  "mark stayed at 70%, that only the AMA's CPT Professional Edition is allowed for CPT, and that the online "
  'exam is taken in two 2-hour parts.',
  "AAPC's own [exam FAQ](https://www.aapc.com/resources/cpc-exam-faqs) breaks the questions down by topic, "
  'from the CPT surgery series to medical terminology and anatomy.\n'
  '\n'
  'Third-party guides ([Medical Coding with '
  'Confidence](https://www.medicalcodingwithconfidence.com/cpc-exam-info); [CPC Test '
  "Prep](https://cpctestprep.com/blog/cpc-exam-faq)) say the exam is open book: you bring the AMA's CPT "
  "Professional Edition (no other CPT publisher) plus any publisher's ICD-10-CM and HCPCS Level II books. "
  "AAPC's pages for the CPB and COC use the same rule.\n"
  '\n'
  "The format changed on 1 January 2022, from a longer exam to today's 100 questions in 4 hours. Third-party "
  'guides ([Coding Clarified, March 2022](https://codingclarified.com/the-updated-2022-aapc-cpc-exam/); '
  '[Medical Coding with Confidence](https://www.medicalcodingwithconfidence.com/cpc-exam-info)) say the pass '
  'mark stayed at 70% and that the online exam is taken in two 2-hour parts.'),
 ('cpc', 'exam_open_book', True, None),
 ('cpc', 'prerequisites', 'None: AAPC does not ask for proof of education or work experience.', ''),
 ('cpb', 'prerequisites', 'None: AAPC does not ask for proof of education or work experience.', ''),
 ('coc', 'prerequisites', 'None: AAPC does not ask for proof of education or work experience.', ''),
 ('crc', 'prerequisites', 'None: AAPC does not ask for proof of education or work experience.', ''),
 ('cpma', 'prerequisites', 'None: AAPC does not ask for proof of education or work experience.', ''),
 ('cpco', 'prerequisites', 'None: AAPC does not ask for proof of education or work experience.', ''),
 ('cca',
  'description',
  "AHIMA launched the CCA in 2002 and counted 7,972 holders on 31 December 2023. A copy of AHIMA's page "
  'gives first-time pass rates in the US and Canada of 70% in 2022 (2,261 testers) and 74% in 2021.\n'
  '\n'
  'AHIMA-approved coding programs are called PCAP (Professional Certificate Approval Program). They are '
  'recommended for the CCA, not required.',
  "AHIMA launched the CCA in 2002 and counted 7,972 holders on 31 December 2023 ([AHIMA's CCA "
  "page](https://www.ahima.org/certification/cca.aspx)). A [copy of AHIMA's page on "
  'saviorquiz.com](https://saviorquiz.com/how-do-i-become-a-cca-education-career/) gives first-time pass '
  'rates in the US and Canada of 70% in 2022 (2,261 testers) and 74% in 2021.\n'
  '\n'
  'AHIMA-approved coding programs are called PCAP (Professional Certificate Approval Program). They are '
  'recommended for the CCA, not required.'),
 ('cca', 'price_as_of', None, '2020-01-01'),
 ('cca', 'prerequisites', 'A high school diploma or equivalent.', ''),
 ('cca', 'renewal_as_of', None, '2019-01-01'),
 ('ccs',
  'description',
  'The exam mixes multiple-choice questions with medical-scenario items. New versions of the CCS and CCS-P '
  'exams launched as a beta on 1 July 2020.',
  'The exam mixes multiple-choice questions with medical-scenario items. New versions of the CCS and CCS-P '
  "exams launched as a beta on 1 July 2020 ([AHIMA's CCS page, served from an AWS copy "
  'host](http://ahimaorg-558299850.us-east-1.elb.amazonaws.com/certification/CCS)).'),
 ('ccs', 'exam_as_of', None, '2025-01-01'),
 ('ccs', 'price_as_of', None, '2026-01-01'),
 ('ccs', 'prerequisites', 'A high school diploma.', ''),
 ('ccs', 'renewal_as_of', None, '2019-01-01'),
 ('ccs-p', 'price_as_of', None, '2010-01-01'),
 ('ccs-p',
  'prerequisites',
  "AHIMA's current CCS-P eligibility rules are not in our sources. Its other coding credentials (CCA, CCS) "
  'ask for a high school diploma or equivalent; check the official page.',
  ''),
 ('ccs-p', 'renewal_as_of', None, '2019-01-01'),
 ('rhit', 'focus', 'both', 'coding'),
 ('rhit', 'exam_as_of', None, '2020-08-01'),
 ('rhit',
  'prerequisites',
  'Finish the associate-level academic requirements of a CAHIIM-accredited HIM program, or graduate from an '
  'HIM program approved by a foreign association that has a reciprocity agreement with AHIMA. Students in a '
  'CAHIIM-accredited program may sit the exam in their last term, after finishing their coursework but '
  'before graduating.',
  'Graduates of an HIM program abroad that is approved by an association with a reciprocity agreement with '
  'AHIMA may also qualify: check with AHIMA.'),
 ('rhit', 'renewal_as_of', None, '2019-01-01'),
 ('rhia', 'focus', 'both', 'coding'),
 ('rhia', 'exam_as_of_label', 'undated, old page', 'undated page (old)'),
 ('rhia',
  'prerequisites',
  "One of: a CAHIIM-accredited HIM program at bachelor's or master's level; a CAHIIM-approved "
  'post-baccalaureate HIM certificate; or a foreign HIM program under a reciprocity agreement. Some RHIT '
  'holders qualify through a "proviso" route.',
  'Also accepted: a CAHIIM-approved post-baccalaureate HIM certificate, or a foreign HIM program under a '
  'reciprocity agreement with AHIMA. Some RHIT holders qualify through a "proviso" route: check with AHIMA.'),
 ('rhia', 'renewal_as_of', None, '2019-01-01'),
 ('cbcs', 'exam_as_of', None, '2025-01-01'),
 ('cbcs', 'price_as_of', None, '2025-01-01'),
 ('cbcs',
  'prerequisites',
  'A high school diploma or GED, plus either a billing and coding training program finished within the past '
  '5 years or 1 year of supervised work experience in the field.',
  ''),
 ('cbcs', 'renewal_as_of', None, '2025-01-01'),
 ('cbcs', 'exam_questions_detail', '', 'scored; unscored pretest items come on top'),
 ('cmrs', 'exam_as_of', None, '2014-01-01'),
 ('cmrs', 'exam_as_of_label', 'older page (ICD-9 era)', 'older page (ICD-9 era, before October 2015)'),
 ('cmrs',
  'prerequisites',
  "None, and no required courses. You need AMBA membership and the current year's code books.",
  "You also need the current year's code books (CPT, ICD-10 and HCPCS)."),
 ('cmrs', 'renewal_as_of', None, '2014-01-01'),
 ('cmrs', 'renewal_as_of_label', 'older page (ICD-9 era)', 'older page (ICD-9 era, before October 2015)')]


def _value(field, value):
    if field.endswith("_as_of") and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def _apply(apps, rows, model_name, forward):
    model = apps.get_model("certifications", model_name)
    for slug, field, old, new in rows:
        before, after = (old, new) if forward else (new, old)
        model.objects.filter(slug=slug, **{field: _value(field, before)}).update(**{field: _value(field, after)})


def forwards(apps, schema_editor):
    _apply(apps, BODIES, "CertifyingBody", True)
    _apply(apps, CERTIFICATIONS, "Certification", True)


def backwards(apps, schema_editor):
    _apply(apps, CERTIFICATIONS, "Certification", False)
    _apply(apps, BODIES, "CertifyingBody", False)


class Migration(migrations.Migration):
    dependencies = [("certifications", "0002_eligibility_requirements")]

    operations = [migrations.RunPython(forwards, backwards)]
