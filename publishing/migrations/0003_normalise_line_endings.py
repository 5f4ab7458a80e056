"""Rewrite Windows line endings in stored text as Unix ones: admin forms saved
them (browsers post textareas with CRLF), which made untouched text look changed
in differences, history and reverts. Forms and model cleaning now normalise.

Publishing imports none of the content apps, so this walks every model in the
migration state that has the shared content fields (and their historical
copies); on a new database they have no rows yet."""

from django.db import migrations, models

CONTENT_FIELDS = {"slug", "status", "publish_from", "last_reviewed"}


def _text_fields(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def _normalise(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_line_endings(apps, schema_editor):
    for model in apps.get_models():
        if not CONTENT_FIELDS <= {field.name for field in model._meta.concrete_fields}:
            continue
        names = _text_fields(model)
        if not names:
            continue
        with_cr = models.Q()
        for name in names:
            with_cr |= models.Q(**{f"{name}__contains": "\r"})
        for row in model._base_manager.filter(with_cr).only(*names).iterator():
            for name in names:
                value = getattr(row, name)
                if isinstance(value, str):
                    setattr(row, name, _normalise(value))
            row.save(update_fields=names)
    PendingChange = apps.get_model("publishing", "PendingChange")
    for pending in PendingChange.objects.all().iterator():
        data = {key: _normalise(value) if isinstance(value, str) else value for key, value in pending.data.items()}
        if data != pending.data:
            pending.data = data
            pending.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_pending_change")]

    # The old line endings carried no meaning: going back leaves the text as it is.
    operations = [migrations.RunPython(normalise_line_endings, migrations.RunPython.noop)]
