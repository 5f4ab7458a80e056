from django.db import migrations, models


class Migration(migrations.Migration):
    """The figure's free-text "occupation" becomes the group it describes; the name is freed for
    the link to an Occupation record (next migration). The column keeps its name: the search
    app's migrations, which may run later, index it as "occupation"."""

    dependencies = [("qualifications", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField(model_name, "occupation", "group"),
                migrations.AlterField(
                    model_name, "group", models.CharField(max_length=200, db_column="occupation")
                ),
            ],
            database_operations=[],
        )
        for model_name in ("outlookfigure", "historicaloutlookfigure")
    ]
