from django.db import migrations


class Migration(migrations.Migration):
    """The figure's free-text "occupation" becomes the group it describes; the name is
    freed for the link to an Occupation record (next migration)."""

    dependencies = [("qualifications", "0001_initial")]

    operations = [
        migrations.RenameField("outlookfigure", "occupation", "group"),
        migrations.RenameField("historicaloutlookfigure", "occupation", "group"),
    ]
