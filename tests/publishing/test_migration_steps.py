"""publishing/migration_steps.py, through the migrations that use it: text that gains language
columns keeps its English in the `_en` column, and held changes come to name those columns."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    """Migrate to `targets`; the models as they stand there, publishing's (which these
    migrations do not move back) as they stand today."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    publishing = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "publishing"]
    return executor.loader.project_state(targets + publishing).apps


@pytest.fixture
def migrate_back():
    def back_to(targets):
        return migrate(targets)

    yield back_to
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def create(model, **values):
    # bulk_create sends no signals: the site's receivers expect today's tables, not these older ones.
    [record] = model.objects.bulk_create([model(**values)])
    return record


def hold(apps, app_label, model_name, record, data):
    content_type = apps.get_model("contenttypes", "ContentType")
    kind, _ = content_type.objects.get_or_create(app_label=app_label, model=model_name)
    user = create(apps.get_model("auth", "User"), username=f"editor-{model_name}")
    return create(
        apps.get_model("publishing", "PendingChange"), content_type=kind, object_id=record.pk, data=data, author=user
    )


def test_text_and_held_rows_move_to_the_english_columns(migrate_back):
    apps = migrate_back([("qualifications", "0004_link_figures_to_occupations")])
    path = create(
        apps.get_model("qualifications", "QualificationPath"),
        name="Certificate to CPC",
        slug="cpc-path",
        role="Coder",
        summary="A year of school.",
        status="published",
    )
    pending = hold(
        apps,
        "qualifications",
        "qualificationpath",
        path,
        {"summary": "Two semesters.", "slug": "cpc-path", "steps": [{"note": "Pick an accredited one.", "order": 1}]},
    )

    apps = migrate([("qualifications", "0005_translations")])

    path = apps.get_model("qualifications", "QualificationPath").objects.get(pk=path.pk)
    assert (path.summary_en, path.name_en, path.summary_es) == ("A year of school.", "Certificate to CPC", "")
    data = apps.get_model("publishing", "PendingChange").objects.get(pk=pending.pk).data
    assert data == {
        "summary_en": "Two semesters.",
        "slug": "cpc-path",
        "steps": [{"note_en": "Pick an accredited one.", "order": 1}],
    }


def test_a_figures_as_of_wording_moves_to_its_english_column(migrate_back):
    apps = migrate_back([("qualifications", "0007_spanish_change_note")])
    source = create(apps.get_model("publishing", "Source"), url="https://www.bls.gov/ooh/x.htm", title="OOH")
    figure = create(
        apps.get_model("qualifications", "OutlookFigure"),
        kind="median_pay",
        label_en="Median pay",
        slug="median",
        value=44090,
        period_en="May 2020",
        figure_source=source,
        figure_as_of=datetime.date(2020, 5, 1),
        figure_as_of_label="May 2020",
        figure_confirmation="official",
        status="published",
    )
    pending = hold(apps, "qualifications", "outlookfigure", figure, {"figure_as_of_label": "May 2021", "value": 45000})

    apps = migrate([("qualifications", "0008_as_of_wording_in_spanish")])

    figure = apps.get_model("qualifications", "OutlookFigure").objects.get(pk=figure.pk)
    assert (figure.figure_as_of_label_en, figure.figure_as_of_label_es) == ("May 2020", "")
    data = apps.get_model("publishing", "PendingChange").objects.get(pk=pending.pk).data
    assert data == {"figure_as_of_label_en": "May 2021", "value": 45000}
