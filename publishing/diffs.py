"""Differences between two versions of a record as people read them: a
word-level difference for text, choice labels, "empty" for nothing, and for a
changed figure its source and as-of date beside it. One job: the change form's
unpublished changes, the history and the revert page all show these."""

import copy
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from .models import PendingChange, display_value, normalise_newlines, translated_originals

EMPTY = gettext_lazy("empty")
#: Words (and the spaces and punctuation between them) a text difference compares.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
#: Unchanged text longer than this many tokens is shortened to its ends.
CONTEXT_TOKENS = 12


@dataclass(frozen=True)
class FieldChange:
    """One changed field: `before` and `after` are (kind, text) parts, kind being
    "" for unchanged text, "del" for removed and "ins" for added."""

    name: str
    label: str
    before: list
    after: list
    old_citation: str = ""
    new_citation: str = ""


def _display(field, value):
    if value is None or value == "":
        return str(EMPTY)
    return str(display_value(field, value))


def _shorten(text_tokens, *, keep_start, keep_end):
    if len(text_tokens) <= 2 * CONTEXT_TOKENS:
        return "".join(text_tokens)
    head = "".join(text_tokens[:CONTEXT_TOKENS]) + "…" if keep_start else "…"
    return head + "".join(text_tokens[-CONTEXT_TOKENS:]) if keep_end else head


def word_difference(old, new):
    """(before parts, after parts) marking removed and added words."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    before, after = [], []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            text = _shorten(a[i1:i2], keep_start=index > 0, keep_end=index < len(opcodes) - 1)
            before.append(("", text))
            after.append(("", text))
            continue
        if i2 > i1:
            before.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            after.append(("ins", "".join(b[j1:j2])))
    return before, after


def _figure_prefix(model, name):
    for prefix in getattr(model, "figures", ()):
        if name.startswith(f"{prefix}_"):
            return prefix
    return None


def _citation(model, prefix, version):
    field = model._meta.get_field(f"{prefix}_source")
    source = _display(field, getattr(version, field.attname))
    as_of_date = getattr(version, f"{prefix}_as_of")
    as_of = getattr(version, f"{prefix}_as_of_label")
    if not as_of and as_of_date:
        as_of = date_format(as_of_date, gettext("j F Y"))
    return gettext("Source: %(source)s, as of %(date)s") % {"source": source, "date": as_of or EMPTY}


def field_changes(model, old, new, *, names=None, excluded=()):
    """The FieldChanges from `old` to `new`: two versions of a record of `model`
    (records, historical rows or records with a pending change applied), limited
    to the concrete fields in `names` when given."""
    changes = []
    excluded = {*excluded, *translated_originals(model)}
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable or field.name in excluded:
            continue
        if names is not None and field.name not in names:
            continue
        old_value = normalise_newlines(getattr(old, field.attname))
        new_value = normalise_newlines(getattr(new, field.attname))
        if old_value == new_value:
            continue
        if isinstance(field, models.CharField | models.TextField) and not field.choices and old_value and new_value:
            before, after = word_difference(old_value, new_value)
        else:
            before, after = [("del", _display(field, old_value))], [("ins", _display(field, new_value))]
        prefix = _figure_prefix(model, field.name)
        citations = {}
        if prefix is not None:
            citations = {"old_citation": _citation(model, prefix, old), "new_citation": _citation(model, prefix, new)}
        changes.append(FieldChange(field.name, str(field.verbose_name), before, after, **citations))
    return changes


def _list_parts(items, changed, kind):
    parts = []
    for item in items:
        if parts:
            parts.append(("", ", "))
        parts.append((kind if item.pk in changed else "", str(item)))
    return parts or [("", str(EMPTY))]


def list_change(field, old_items, new_items):
    """The FieldChange of a list (many-to-many field): removed and added items marked."""
    old_ids, new_ids = {item.pk for item in old_items}, {item.pk for item in new_items}
    before = _list_parts(old_items, old_ids - new_ids, "del")
    after = _list_parts(new_items, new_ids - old_ids, "ins")
    return FieldChange(field.name, str(field.verbose_name), before, after)


def _row_text(relation, row):
    values = PendingChange.row_values(relation, row)
    fields = [relation.related_model._meta.get_field(name) for name in values]
    return " · ".join(_display(field, values[field.name]) for field in fields if values[field.name] not in (None, ""))


def rows_change(relation, old_rows, new_rows):
    """The FieldChange of a record's rows (a path's steps): one line per row,
    removed and added rows marked."""
    old_lines = [_row_text(relation, row) for row in old_rows]
    new_lines = [_row_text(relation, row) for row in new_rows]
    before = [("" if line in new_lines else "del", line + "\n") for line in old_lines] or [("", str(EMPTY))]
    after = [("" if line in old_lines else "ins", line + "\n") for line in new_lines] or [("", str(EMPTY))]
    label = str(relation.related_model._meta.verbose_name_plural)
    return FieldChange(relation.get_accessor_name(), label, before, after)


def pending_changes(record, pending):
    """The FieldChanges a pending change makes to `record` as published."""
    edited = pending.apply_to(copy.copy(record))
    changes = field_changes(type(record), record, edited, names=set(pending.data))
    for field, ids in pending.lists().items():
        old_items = list(getattr(record, field.name).all())
        new_items = list(field.related_model._default_manager.filter(pk__in=ids))
        changes.append(list_change(field, old_items, new_items))
    for relation, rows in pending.rows().items():
        changes.append(rows_change(relation, list(getattr(record, relation.get_accessor_name()).all()), rows))
    return changes
