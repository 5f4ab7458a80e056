"""Spanish columns for the content apps' text fields (django-modeltranslation).

Each content app's `translation.py` calls `translate()` for its models; modeltranslation
imports those modules before the admin loads. A field `summary` gains `summary_en` and
`summary_es` beside it, and `record.summary` reads the active language's text, falling
back to English when the Spanish is empty."""

from modeltranslation.translator import TranslationOptions, translator
from simple_history import register as register_history

from .models import PublishableContent


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
        {"fields": fields, "required_languages": ("en",)},
    )
    translator.register(model, options)
    if issubclass(model, PublishableContent):
        register_history(model, app=model._meta.app_label, inherit=False)
