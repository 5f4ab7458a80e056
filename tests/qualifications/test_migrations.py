"""The data migration that moves the careers page's figures onto occupation records, and its reverse."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("qualifications", "0003_occupations"), ("certifications", "0003_fix_starter_rows")]
AFTER = [("qualifications", "0004_link_figures_to_occupations")]


def create(model, **values):
    # bulk_create sends no signals: the site's receivers expect today's tables, not these older ones.
    [record] = model.objects.bulk_create([model(**values)])
    return record


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def at_0003():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def figure(apps, **fields):
    Source = apps.get_model("publishing", "Source")
    source = Source.objects.filter(url="https://www.bls.gov/ooh/x.htm").first() or create(
        Source, url="https://www.bls.gov/ooh/x.htm", title="OOH"
    )
    values = {
        "kind": "median_pay",
        "label": "Median pay",
        "value": 44090,
        "period": "May 2020",
        "figure_source": source,
        "figure_as_of": datetime.date(2020, 5, 1),
        "figure_confirmation": "official",
        "status": "published",
        **fields,
    }
    return create(apps.get_model("qualifications", "OutlookFigure"), **values)


def test_figures_move_onto_the_coders_occupation_and_surveys_onto_their_credential(at_0003):
    apps = at_0003
    body = create(
        apps.get_model("certifications", "CertifyingBody"),
        name="AAPC",
        abbreviation="AAPC",
        slug="aapc",
        summary="x",
        official_url="https://www.aapc.com/",
    )
    cpc = create(
        apps.get_model("certifications", "Certification"),
        code="CPC",
        name="Certified Professional Coder",
        slug="cpc",
        body=body,
        focus="coding",
        summary="x",
        official_url="https://www.aapc.com/cpc",
    )
    figure(apps, slug="median", group="Medical records and health information specialists, a BLS handbook group")
    figure(apps, slug="jobs", kind="jobs", group="Medical records specialists", soc_code="29-2072", status="draft")
    figure(apps, slug="survey", kind="salary_survey", group="Certified Professional Coders (CPC)", value=54401)

    apps = migrate(AFTER)
    Figure = apps.get_model("qualifications", "OutlookFigure")
    occupation = apps.get_model("qualifications", "Occupation").objects.get()
    assert (occupation.slug, occupation.soc_code, occupation.status) == (
        "medical-records-specialists",
        "29-2072",
        "published",
    )
    assert set(Figure.objects.filter(occupation=occupation).values_list("slug", flat=True)) == {"median", "jobs"}
    survey = Figure.objects.get(slug="survey")
    assert survey.occupation_id is None and survey.certification_id == cpc.pk

    apps = migrate(BEFORE)
    assert not apps.get_model("qualifications", "Occupation").objects.exists()
    assert not apps.get_model("qualifications", "OutlookFigure").objects.filter(occupation__isnull=False).exists()


def test_a_database_without_figures_gets_no_occupation(at_0003):
    apps = migrate(AFTER)
    assert not apps.get_model("qualifications", "Occupation").objects.exists()


def test_migrating_a_database_with_figures_in_one_go_ends_with_every_table(at_0003):
    figure(at_0003, slug="median", group="Medical records specialists", soc_code="29-2072")
    with connection.cursor():
        apps = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert apps.get_model("qualifications", "ExamCost").objects.count() == 0
    assert apps.get_model("qualifications", "Occupation").objects.count() == 1
