"""Data steps shared by the content apps' migrations that give text fields a column per
language (django-modeltranslation): the English written so far is copied into each `_en`
column, and held changes are renamed to name those columns, as the publishing code does.

The steps work on the historical models the migration passes in, never on today's models,
so they stay valid as the models change."""

from django.db import migrations
from django.db.models import F


def _english_keys(values, fields):
    return {f"{name}_en" if name in fields else name: value for name, value in values.items()}


def english_columns_filled(app_label, translated, held_rows=None):
    """The RunPython operations for one migration. `translated` maps model names (historical
    models included) to the fields that gained language columns; `held_rows` maps a relation
    held with a record in a pending change (a path's steps) to its row model."""
    held_rows = held_rows or {}

    def copy_text_to_english(apps, schema_editor):
        for model_name, fields in translated.items():
            model = apps.get_model(app_label, model_name)
            model._base_manager.update(**{f"{field}_en": F(field) for field in fields})

    def move_held_text_to_english(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        pending_change = apps.get_model("publishing", "PendingChange")
        for model_name, fields in translated.items():
            kind = content_type.objects.filter(app_label=app_label, model=model_name).first()
            if kind is None:
                continue
            for pending in pending_change.objects.filter(content_type=kind):
                data = _english_keys(pending.data, fields)
                for relation, row_model in held_rows.items():
                    if isinstance(data.get(relation), list):
                        data[relation] = [_english_keys(row, translated[row_model]) for row in data[relation]]
                pending.data = data
                pending.save(update_fields=["data"])

    return [
        migrations.RunPython(copy_text_to_english, migrations.RunPython.noop),
        migrations.RunPython(move_held_text_to_english, migrations.RunPython.noop),
    ]
