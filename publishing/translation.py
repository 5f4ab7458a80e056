"""Spanish columns for the content apps' text fields (django-modeltranslation).

Each content app's `translation.py` calls `translate()` for its models; modeltranslation
imports those modules before the admin loads. A field `summary` gains `summary_en` and
`summary_es` beside it, and `record.summary` reads the active language's text, falling
back to English when the Spanish is empty."""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history import register as register_history
from simple_history.signals import pre_create_historical_record

from .models import HistoricalSpanishNote, PublishableContent


def translate(model, *fields):
    """Give `model` a column per language for each of `fields`; the English one stays
    required where the field is, the Spanish one is optional.

    A content record's history is registered here, after its language columns exist:
    simple-history copies a model's fields when it builds the historical model, and
    one built earlier (on the abstract base, as the record's class is created) would
    lack `summary_en` and `summary_es`, so history, diffs and revert would miss them."""
    options = type(
        f"{model.__name__}TranslationOptions",
        (TranslationOptions,),
        {
            "fields": fields,
            "required_languages": ("en",),
            # Empty is "" in every language, as in Django's own text fields (modeltranslation
            # would make the columns nullable): an untouched form then holds no change.
            "field_options": {field: {"default": {"null": False, "default": ""}} for field in fields},
        },
    )
    translator.register(model, options)
    if issubclass(model, PublishableContent):
        register_history(model, app=model._meta.app_label, inherit=False, bases=[HistoricalSpanishNote])


def record_spanish_note(sender, instance, history_instance, **kwargs):
    """Store the Spanish change note set with `services.save_with_history` on the new version."""
    history_instance.change_note_es = getattr(instance, "_change_note_es", "") or ""


pre_create_historical_record.connect(record_spanish_note, dispatch_uid="publishing.spanish_change_note")


def shows_english(record, name):
    """True when `record.<name>` reads as English on a page in another language: its
    column for the active language is empty and the English one fills in. Reads the
    record's own columns only (no query)."""
    language = get_language() or settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    column = build_localized_fieldname(name, language)
    english = build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    return hasattr(record, column) and not getattr(record, column) and bool(getattr(record, english, ""))
