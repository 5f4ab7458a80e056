"""Writes that change what visitors see: publishing, unpublishing, pending
changes, reviews and signed preview links. Each checks the user's permission
itself, so a crafted request that reaches one without it changes nothing."""

import copy
import datetime
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import (
    CHANGE_NOTE_MAX_LENGTH,
    Authorship,
    PendingChange,
    PublicationStatus,
    PublishableContent,
    can_publish,
)

PREVIEW_SALT = "publishing.preview-link"


def _require_publish_permission(user, record):
    if not can_publish(user, type(record)):
        raise PermissionDenied


def clean_note(text):
    """A change note as simple-history stores it: trimmed to its column, None when empty."""
    text = " ".join((text or "").split())
    return text[:CHANGE_NOTE_MAX_LENGTH] or None


def save_with_history(record, *, user, note="", note_es=""):
    """Save and record who did it and why (the 'What changed' note, optionally also in Spanish)."""
    record._history_user = user
    record._change_reason = clean_note(note)
    record._change_note_es = clean_note(note_es) or ""
    record.save()


@transaction.atomic
def record_publish(*, record, user, note="", note_es=""):
    """Make `record` public: apply its pending change, set it published and
    record the change with the editor's note. For a source (no publication state
    of its own), apply its pending change. Raises ValidationError when the
    result is invalid (e.g. a source chosen in the pending change was deleted).
    Returns False when there was nothing to publish."""
    _require_publish_permission(user, record)
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    is_content = isinstance(record, PublishableContent)
    pending = PendingChange.objects.for_record(record)
    if pending is None and (not is_content or record.status == PublicationStatus.PUBLISHED):
        return False
    if pending is not None:
        pending.apply_to(record)
        note = pending.note or note
        note_es = pending.note_es or note_es
    if is_content:
        record.status = PublicationStatus.PUBLISHED
    record.full_clean()
    save_with_history(record, user=user, note=note, note_es=note_es)
    if pending is not None:
        pending.save_lists(record)
        pending_change_consume(record=record, pending=pending)
    return True


@transaction.atomic
def record_unpublish(*, record, user, note=""):
    """Hide `record` from visitors (back to draft). Its pending change, if any, stays."""
    _require_publish_permission(user, record)
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if record.status == PublicationStatus.DRAFT:
        return False
    record.status = PublicationStatus.DRAFT
    save_with_history(record, user=user, note=note)
    return True


def pending_change_save(*, record, edited, field_names, user, note="", note_es="", lists=None, rows=None):
    """Hold an editor's edits to a published record until a publisher publishes
    them. `edited` is the record with the edits applied in memory; only the
    fields in `field_names` are compared, the lists in `lists` ({many-to-many
    field name: records or ids}) and the rows in `rows` ({relation name: [{field
    name: value}]}, see PendingChange.row_values). Returns the PendingChange, or
    None when nothing differs from the published record any more."""
    live = type(record)._default_manager.get(pk=record.pk)
    data = PendingChange.differences(live, edited, set(field_names), lists, rows)
    existing = PendingChange.objects.of_record(record)
    if not data:
        existing.delete()
        return None
    previous = existing.first()
    pending, _created = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
        object_id=record.pk,
        defaults={
            "data": data,
            "note": clean_note(note) or (previous.note if previous else ""),
            "note_es": clean_note(note_es) or (previous.note_es if previous else ""),
            "author": user,
        },
    )
    return pending


def pending_change_discard(*, record, user):
    _require_publish_permission(user, record)
    deleted, _by_model = PendingChange.objects.of_record(record).delete()
    return bool(deleted)


def pending_change_consume(*, record, pending):
    """Drop the pending change of a record whose working copy was just saved live,
    crediting its author (and their note) on the version just saved, if versioned."""
    history = getattr(record, "history", None)
    version = history.order_by("-history_date", "-history_id").first() if history is not None else None
    if version is None:
        pending.delete()
        return
    Authorship.objects.create(
        content_type=pending.content_type,
        history_id=version.history_id,
        author=pending.author,
        written=pending.updated,
        note=pending.note,
    )
    pending.delete()


def revert_note(*, record, version, note=""):
    """The public note of a revert: the notes of the later changes it undoes (those
    that changed a field the revert restores; lists and rows are not versioned),
    or the restored version's date when none had a note, then the reverter's own note."""
    restored = [
        field.attname
        for field in PendingChange.pending_fields(type(record))
        if getattr(version, field.attname) != getattr(record, field.attname)
    ]
    undone = []
    previous = version
    for later in record.history.filter(history_date__gt=version.history_date).order_by("history_date"):
        changed = any(getattr(later, name) != getattr(previous, name) for name in restored)
        if changed and later.history_change_reason:
            undone.append(later.history_change_reason)
        previous = later
    if undone:
        summary = gettext("Undone: %(notes)s") % {"notes": "; ".join(f"“{reason}”" for reason in undone)}
    else:
        summary = gettext("Reverted to the version of %(date)s") % {
            "date": date_format(timezone.localtime(version.history_date), gettext("j F Y"))
        }
    return f"{summary}. {note}" if note else summary


@transaction.atomic
def record_revert(*, record, version, user, note=""):
    """Restore the content of `version` (one of `record`'s historical rows) as a new
    version whose note says what was undone. Publication state stays as it is.
    When the record is published and `user` may not publish, the restored values
    wait for a publisher as a pending change, which is returned; else None.
    Raises ValidationError when the restored content is no longer valid."""
    model = type(record)
    record = model._default_manager.select_for_update().get(pk=record.pk)
    restored = version.instance
    note = revert_note(record=record, version=version, note=note)
    fields = PendingChange.pending_fields(model)
    if record.status == PublicationStatus.PUBLISHED and not can_publish(user, model):
        return pending_change_save(
            record=record, edited=restored, field_names=[field.name for field in fields], user=user, note=note
        )
    for field in fields:
        setattr(record, field.attname, field.value_from_object(restored))
    record.full_clean()
    save_with_history(record, user=user, note=note)
    return None


def records_mark_reviewed(*, records, user):
    """Set `last_reviewed` to today on each record, recorded in its history. Visitors
    see the date, so on a published record a user who may not publish holds it as
    a pending change (with any other held edits) for a publisher.
    Returns (records marked, records whose new date waits for a publisher)."""
    today = timezone.localdate()
    marked = held = 0
    for record in records:
        if record.status == PublicationStatus.PUBLISHED and not can_publish(user, type(record)):
            pending = PendingChange.objects.for_record(record)
            edited = pending.apply_to(copy.copy(record)) if pending is not None else copy.copy(record)
            edited.last_reviewed = today
            names = {*(pending.data if pending is not None else ()), "last_reviewed"}
            lists = {field.name: ids for field, ids in pending.lists().items()} if pending is not None else {}
            rows = (
                {
                    relation.get_accessor_name(): [PendingChange.row_values(relation, row) for row in held]
                    for relation, held in pending.rows().items()
                }
                if pending is not None
                else {}
            )
            pending_change_save(record=record, edited=edited, field_names=names, user=user, lists=lists, rows=rows)
            held += 1
            continue
        record.last_reviewed = today
        record._history_user = user
        record.save(update_fields=["last_reviewed", "updated"])
        marked += 1
    return marked, held


def preview_link_max_age():
    """How long a preview link works, as a timedelta (setting PREVIEW_LINK_MAX_AGE_DAYS, default 7)."""
    return datetime.timedelta(days=getattr(settings, "PREVIEW_LINK_MAX_AGE_DAYS", 7))


def preview_token_create(*, record, user):
    """A signed token that shows this record's unpublished version to anyone who
    has the link, until it expires or that version is published."""
    _require_publish_permission(user, record)
    pending = PendingChange.objects.for_record(record)
    if record.is_published and pending is None:
        raise ValueError("Nothing unpublished to preview")
    payload = {
        "model": record._meta.label_lower,
        "pk": record.pk,
        "pending": pending.pk if pending is not None else None,
        "issued": int(time.time()),
    }
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign_object(payload, compress=True)


def preview_token_payload(token):
    """The payload of a valid, unexpired token, or None."""
    try:
        payload = signing.TimestampSigner(salt=PREVIEW_SALT).unsign_object(token, max_age=preview_link_max_age())
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    return payload if isinstance(payload, dict) else None


def preview_token_allows(token, record):
    """True when `token` still grants a preview of `record`: it names this record,
    has not expired, and what it showed has not been published since."""
    payload = preview_token_payload(token)
    if payload is None or payload.get("model") != record._meta.label_lower or payload.get("pk") != record.pk:
        return False
    if record.is_published:
        pending = PendingChange.objects.for_record(record)
        return pending is not None and payload.get("pending") == pending.pk
    issued = payload.get("issued")
    if not isinstance(issued, int):
        return False
    published_since = record.history.filter(
        status=PublicationStatus.PUBLISHED,
        history_date__gt=datetime.datetime.fromtimestamp(issued, tz=datetime.UTC),
    ).exists()
    return not published_since
