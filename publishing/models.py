"""The shared base of every public record: slug, publication state, review
dates, sources and sourced figures. Imports none of the content apps."""

import datetime
import json
from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatch
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

http_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a full web address that starts with http:// or https://."),
)


def normalise_newlines(value):
    """Text with Unix line endings (browsers post textareas with CRLF, which would
    make an untouched text look changed); anything else as it is."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def translated_originals(model):
    """Names of `model`'s fields that have a column per language (see publishing.translation):
    `summary` for `summary_en` and `summary_es`. Reading such a field gives the active
    language's text or its English fallback, and setting it sets the active language's
    column, so code that copies a record field by field copies the language columns instead."""
    return {field.translated_field.name for field in model._meta.concrete_fields if hasattr(field, "translated_field")}


class Confirmation(models.TextChoices):
    OFFICIAL = "official", _("Official (issuer's own page)")
    SECONDARY = "secondary", _("Secondary (third-party, consistent)")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed (do not show as fact)")


class Source(models.Model):
    """A page a figure or statement was taken from."""

    title = models.CharField(_("title"), max_length=200, help_text=_("The page's title or a short description of it."))
    url = models.URLField(
        _("address"),
        max_length=500,
        unique=True,
        validators=[http_url_validator],
        help_text=_("The full web address of the page, starting with https:// or http://."),
    )
    publisher = models.CharField(
        _("publisher"), max_length=120, blank=True, help_text=_("Who published it, e.g. AAPC, AHIMA, BLS.")
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "title"]
        permissions = [("publish_source", "Can publish source")]

    def __str__(self):
        return f"{self.publisher}: {self.title}" if self.publisher else self.title

    def published_records(self):
        """Published (or scheduled) records citing this source, whose pages show
        its title and address: a change to it changes what visitors see."""
        found = []
        for model in content_models():
            cites = Q(sources=self)
            for prefix in model.figures:
                cites |= Q(**{f"{prefix}_source": self})
            found += model.objects.filter(cites, status=PublicationStatus.PUBLISHED).distinct()
        return found

    @property
    def host(self):
        return (urlsplit(self.url).hostname or "").rstrip(".").lower()

    @property
    def is_copy(self):
        """On a staging, test or copy host (settings.SOURCE_COPY_HOSTS): never the issuer's own page."""
        return is_copy_host(self.host)

    def is_on(self, domains):
        """On one of `domains` (or a subdomain), and not on a copy host."""
        host = self.host
        return not self.is_copy and any(host == domain or host.endswith(f".{domain}") for domain in domains)


def is_copy_host(host):
    return any(fnmatch(host, pattern) for pattern in settings.SOURCE_COPY_HOSTS)


@dataclass(frozen=True)
class Citation:
    """One sourced figure as a template shows it."""

    source: Source | None
    as_of: datetime.date | None
    as_of_label: str
    confirmation: str
    editor_note: str
    kind: str = ""  # the figure's prefix ("price", "exam" ...): decides when it may be out of date
    read_on: datetime.date | None = None  # when an editor last checked the record against its sources

    @property
    def is_confirmed(self):
        return self.confirmation in (Confirmation.OFFICIAL, Confirmation.SECONDARY)

    @property
    def is_third_party(self):
        return self.confirmation == Confirmation.SECONDARY

    @property
    def is_undated(self):
        """The source page shows no date: the figure is dated by when it was read."""
        return self.as_of is None

    @property
    def is_possibly_outdated(self):
        """The one staleness rule: the figure's date (or, for an undated page, the date it was
        read) is older than its kind allows (settings.FIGURE_OUTDATED_AFTER_YEARS)."""
        dated = self.as_of or self.read_on
        if dated is None:
            return False
        return dated < outdated_cutoff(self.kind)

    @property
    def is_current_fact(self):
        """Confirmed and not possibly out of date: what machine-readable data (JSON-LD) may state."""
        return self.is_confirmed and not self.is_possibly_outdated


def is_filled(value):
    return value not in (None, "")


class FigureState(StrEnum):
    UNKNOWN = "unknown"  # nothing to show yet: the page says so in its own words
    UNCONFIRMED = "unconfirmed"  # a value exists but is never shown as fact
    OUTDATED = "outdated"  # the value with its citation, marked possibly out of date
    CURRENT = "current"  # the value with its citation


@dataclass(frozen=True)
class SourcedFigure:
    """One figure as a page shows it: the one rule "missing → unconfirmed → value with citation
    (possibly out of date)". Pages render it through the {% sourced_figure %} tag."""

    citation: Citation | None
    is_known: bool

    @classmethod
    def of(cls, citation, *values):
        """The figure behind `citation` whose shown `values` are these: not known while none of them is
        filled in (or there is no figure at all); a citation alone is known (a requirement, a pay figure)."""
        known = bool(citation) and (not values or any(is_filled(value) for value in values))
        return cls(citation=citation or None, is_known=known)

    @property
    def state(self):
        if not self.is_known:
            return FigureState.UNKNOWN
        if not self.citation.is_confirmed:
            return FigureState.UNCONFIRMED
        if self.citation.is_possibly_outdated:
            return FigureState.OUTDATED
        return FigureState.CURRENT

    @property
    def shows_value(self):
        return self.state in (FigureState.OUTDATED, FigureState.CURRENT)


def outdated_after_years(kind):
    limits = settings.FIGURE_OUTDATED_AFTER_YEARS
    return limits.get(kind, limits["default"])


def outdated_cutoff(kind):
    """Figures dated before this day are possibly out of date."""
    years = outdated_after_years(kind)
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def is_undated_label(label):
    return label.strip().lower().startswith("undated")


def sourced_figure(prefix, label):
    """An abstract model adding the fields that make one figure citable:
    `<prefix>_source`, `<prefix>_as_of`, `<prefix>_as_of_label`,
    `<prefix>_confirmation` and `<prefix>_editor_note`, plus a
    `<prefix>_citation` property and checks in `clean_<prefix>_citation()`.
    The figure's own value fields stay on the concrete model."""

    def citation(self):
        return Citation(
            source=getattr(self, f"{prefix}_source"),
            as_of=getattr(self, f"{prefix}_as_of"),
            as_of_label=getattr(self, f"{prefix}_as_of_label"),
            confirmation=getattr(self, f"{prefix}_confirmation"),
            editor_note=getattr(self, f"{prefix}_editor_note"),
            kind=prefix,
            read_on=getattr(self, "last_reviewed", None),
        )

    attrs = {
        "__module__": __name__,
        "Meta": type("Meta", (), {"abstract": True}),
        f"{prefix}_source": models.ForeignKey(
            Source,
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name="+",
            verbose_name=_("%(label)s: source") % {"label": label},
            help_text=_("The page this figure comes from. Required when the figure is filled in."),
        ),
        f"{prefix}_as_of": models.DateField(
            _("%(label)s: as of") % {"label": label},
            null=True,
            blank=True,
            help_text=_(
                "The date or first day of the period the figure refers to (e.g. 2020-05-01 for May 2020). "
                "Leave empty only if the source page shows no date, and say so in the label."
            ),
        ),
        f"{prefix}_as_of_label": models.CharField(
            _("%(label)s: as-of wording") % {"label": label},
            max_length=80,
            blank=True,
            help_text=_('How the date reads to visitors, e.g. "May 2020" or "undated page". Optional.'),
        ),
        f"{prefix}_confirmation": models.CharField(
            _("%(label)s: confirmation") % {"label": label},
            max_length=12,
            choices=Confirmation.choices,
            default=Confirmation.UNCONFIRMED,
            help_text=_("Unconfirmed figures are never shown to visitors as fact."),
        ),
        f"{prefix}_editor_note": models.CharField(
            _("%(label)s: note for editors") % {"label": label},
            max_length=500,
            blank=True,
            help_text=_("Not public. Why the figure is unconfirmed, which sources disagree, what to check."),
        ),
        f"{prefix}_citation": property(citation),
    }
    return type(f"Sourced{prefix.title().replace('_', '')}", (models.Model,), attrs)


def validate_citation(record, prefix, *value_fields, official_domains=()):
    """Errors for a figure whose value is filled in without a source or date, and for
    an "official" figure whose source is a copy or (when `official_domains` are given)
    not on the issuer's own site."""
    if not any(is_filled(getattr(record, name)) for name in value_fields):
        return {}
    errors = {}
    if getattr(record, f"{prefix}_source_id") is None:
        errors[f"{prefix}_source"] = _("Choose the source of this figure, or clear the figure.")
    elif getattr(record, f"{prefix}_confirmation") == Confirmation.OFFICIAL:
        try:
            source = getattr(record, f"{prefix}_source")
        except Source.DoesNotExist:  # deleted meanwhile: clean_fields() reports the missing source
            return errors
        if source.is_copy:
            errors[f"{prefix}_confirmation"] = _(
                "%(host)s is a staging, test or copy host, not the issuer's own page: mark the figure "
                "“Secondary”, or cite the issuer's page."
            ) % {"host": source.host}
        elif official_domains and not source.is_on(official_domains):
            errors[f"{prefix}_confirmation"] = _(
                "An official figure cites a page on the issuer's own site (%(domains)s), and %(host)s is not one: "
                "choose the issuer's page, or mark the figure “Secondary”."
            ) % {"domains": ", ".join(official_domains), "host": source.host}
    if getattr(record, f"{prefix}_as_of") is None and not is_undated_label(getattr(record, f"{prefix}_as_of_label")):
        errors[f"{prefix}_as_of"] = _(
            "Give the as-of date of this figure (the first day of the period for wording such as “c. 2010”), "
            "or write “undated page” in the as-of wording if the page shows no date."
        )
    return errors


def validate_range(record, low_field, high_field):
    low, high = getattr(record, low_field), getattr(record, high_field)
    if low is not None and high is not None and low > high:
        return {high_field: _("The maximum must be at least the minimum (%(low)s).") % {"low": low}}
    return {}


def sources_of(records):
    """Distinct sources behind some records: their figures' and their own,
    sorted by publisher. Reads prefetched `sources` when there are any."""
    found = {}
    for record in records:
        for _name, citation in record.citations():
            if citation.source is not None:
                found.setdefault(citation.source.pk, citation.source)
        for source in record.sources.all():
            found.setdefault(source.pk, source)
    return sorted(found.values(), key=lambda source: (source.publisher, source.title))


#: The change note of records created by `load_starter_content`: editor wording, never shown to visitors.
STARTER_CONTENT_NOTE = "Loaded from the starter content"


def public_note(note):
    """A change note as visitors may read it: editor-only wording becomes no note."""
    return "" if note in (None, STARTER_CONTENT_NOTE) else note


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_now(at=None):
    """Q: versions visitors see now (or at the moment `at`): published, and their publish_from
    (if any) has come. Also matches history rows, which carry the same fields."""
    moment = timezone.now() if at is None else at
    return Q(status=PublicationStatus.PUBLISHED) & (Q(publish_from__isnull=True) | Q(publish_from__lte=moment))


def spanish_older_than_english():
    """Q: the Spanish text was last changed before the English text (see PublishableContent.save)."""
    return Q(spanish_text_changed__lt=F("english_text_changed"))


def needing_review(model):
    """Q: records of `model` an editor should review."""
    return Q(last_reviewed__lt=model.review_cutoff()) | spanish_older_than_english()


class PublishableQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """What visitors see now, or at the moment `at`."""
        return self.filter(published_now(at))

    def scheduled(self):
        """Published, but not visible before a publish_from still to come."""
        return self.filter(status=PublicationStatus.PUBLISHED, publish_from__gt=timezone.now())

    def spanish_outdated(self):
        """Records whose Spanish text was last changed before their English text."""
        return self.filter(spanish_older_than_english())

    def needs_review(self):
        """Not reviewed within the review interval, or Spanish text older than the English."""
        return self.filter(needing_review(self.model))

    def reviewed_recently(self):
        return self.exclude(needing_review(self.model))


class PublishableContent(models.Model):
    """Fields and behaviour every public record shares."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the page's address: lower-case letters, digits and hyphens."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text=_("Only published records are shown to visitors."),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Optional. A published record stays hidden until this date and time."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=timezone.localdate,
        help_text=_("When an editor last checked every fact on this record against its sources."),
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="+",
        verbose_name=_("other sources"),
        help_text=_("Pages that back the text of this record (figures name their own source)."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    english_text_changed = models.DateTimeField(_("English text last changed"), null=True, editable=False)
    spanish_text_changed = models.DateTimeField(_("Spanish text last changed"), null=True, editable=False)
    # `history` (django-simple-history) is added by `publishing.translation.translate()`.

    objects = PublishableQuerySet.as_manager()

    #: Prefixes of the sourced figures (see `sourced_figure`) the concrete model has.
    figures: tuple[str, ...] = ()
    #: Lookups `citations()` reads beyond the figures' sources (prefetched when listing figures).
    figure_prefetch: tuple[str, ...] = ()
    #: The field dating the last change to each language's text.
    TEXT_CHANGE_FIELDS = {"en": "english_text_changed", "es": "spanish_text_changed"}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Date the last change to each language's text, so "needs review" can find
        Spanish text older than the English it translates."""
        loaded = getattr(self, "_loaded_texts", None)
        if loaded is not None or self._state.adding:
            now = timezone.now()
            texts = {language: self._texts(language) for language in self.TEXT_CHANGE_FIELDS}
            for language, field in self.TEXT_CHANGE_FIELDS.items():
                before = loaded[language] if loaded is not None else ("",) * len(texts[language])
                if texts[language] != before:
                    setattr(self, field, now)
                    if kwargs.get("update_fields") is not None:
                        kwargs["update_fields"] = {*kwargs["update_fields"], field}
            self._loaded_texts = texts
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        if not record.get_deferred_fields():
            record._loaded_texts = {language: record._texts(language) for language in cls.TEXT_CHANGE_FIELDS}
        return record

    def _texts(self, language):
        return tuple(getattr(self, f"{name}_{language}") for name in sorted(translated_originals(type(self))))

    @classmethod
    def review_cutoff(cls):
        months = settings.CONTENT_REVIEW_INTERVAL_MONTHS.get(
            cls._meta.label_lower, settings.CONTENT_REVIEW_INTERVAL_MONTHS["default"]
        )
        return timezone.localdate() - datetime.timedelta(days=round(months * 30.44))

    def clean_fields(self, exclude=None):
        originals = translated_originals(type(self))
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and field.name not in originals:
                setattr(self, field.attname, normalise_newlines(getattr(self, field.attname)))
        super().clean_fields(exclude)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED and (
            self.publish_from is None or self.publish_from <= timezone.now()
        )

    @property
    def needs_review(self):
        return self.last_reviewed < self.review_cutoff() or self.spanish_is_outdated

    @property
    def spanish_is_outdated(self):
        return bool(self.spanish_text_changed and self.english_text_changed) and (
            self.spanish_text_changed < self.english_text_changed
        )

    @property
    def reviewed_on(self):
        """The public "Last reviewed" date: never before the record's own history began."""
        if self.created is None:
            return self.last_reviewed
        return max(self.last_reviewed, timezone.localdate(self.created))

    def change_notes(self, *, limit=5):
        """Recorded changes that carry an editor's note, newest first: (date, PublicNote) pairs,
        the note in the page's language when the editor wrote one in it, else in English."""
        changes = self.history.exclude(history_change_reason__isnull=True).exclude(
            history_change_reason__in=["", STARTER_CONTENT_NOTE]
        )
        rows = changes.order_by("-history_date").values_list("history_date", "history_change_reason", "change_note_es")
        return [(date, PublicNote.in_page_language(note, note_es)) for date, note, note_es in rows[:limit]]

    def citations(self):
        """Every sourced figure on this record, as (name, Citation) pairs."""
        return [(prefix, getattr(self, f"{prefix}_citation")) for prefix in self.figures]

    def all_sources(self):
        """Distinct sources behind this page: its figures' and its own."""
        return sources_of([self])

    def figure_warnings(self):
        """Filled-in figures an editor should look at, as (name, citation, reasons):
        possibly out of date, from an undated page, backed only by a third party, or
        cited from a staging, test or copy host."""
        warnings = []
        for name, citation in self.citations():
            if citation.source is None:
                continue
            reasons = [
                reason
                for reason, applies in (
                    (FigureWarning.OUTDATED, citation.is_possibly_outdated),
                    (FigureWarning.UNDATED, citation.is_undated),
                    (FigureWarning.THIRD_PARTY, citation.is_third_party),
                    (FigureWarning.COPY, citation.source.is_copy),
                )
                if applies
            ]
            if reasons:
                warnings.append((name, citation, reasons))
        return warnings

    def unconfirmed_figures(self):
        """Figures an editor must check before they can be shown as fact."""
        return [(name, c) for name, c in self.citations() if not c.is_confirmed and (c.source or c.editor_note)]


class FigureWarning(models.TextChoices):
    OUTDATED = "outdated", _("possibly out of date")
    UNDATED = "undated", _("undated page")
    THIRD_PARTY = "third-party", _("only a third-party source")
    COPY = "copy", _("source on a staging, test or copy host")


def figure_records(model):
    """Every record of `model` with what its figures' citations read."""
    related = [f"{prefix}_source" for prefix in model.figures]
    return model.objects.select_related(*related).prefetch_related(*model.figure_prefetch).order_by("pk")


def unconfirmed_figure_filter(model):
    """A Q matching records of `model` with at least one figure `unconfirmed_figures()` would list."""
    condition = Q(pk__in=[])
    for prefix in model.figures:
        condition |= Q(**{f"{prefix}_confirmation": Confirmation.UNCONFIRMED}) & (
            Q(**{f"{prefix}_source__isnull": False}) | ~Q(**{f"{prefix}_editor_note": ""})
        )
    return condition


def content_models():
    """Every concrete model built on PublishableContent, in app registry order."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, PublishableContent) and not model._meta.abstract]


def publish_permission_codename(model):
    return f"publish_{model._meta.model_name}"


def publish_permission(model):
    """The `app_label.publish_<model>` permission that lets a user publish, unpublish and delete."""
    return f"{model._meta.app_label}.{publish_permission_codename(model)}"


def can_publish(user, model):
    return user.is_active and user.has_perm(publish_permission(model))


def review_summary(user=None):
    """What needs an editor's attention: per model the number of records needing
    review, every record (draft or published) with unconfirmed figures, and every
    record with figures that are possibly out of date, undated or third-party only.
    Limited to the models `user` may view, when given."""
    needing_review = []
    unconfirmed = []
    to_check = []
    for model in content_models():
        opts = model._meta
        if user is not None and not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        count = model.objects.needs_review().count()
        if count:
            needing_review.append((model, count))
        if model.figures:
            sources = [f"{prefix}_source" for prefix in model.figures]
            for record in model.objects.filter(unconfirmed_figure_filter(model)).select_related(*sources):
                unconfirmed.append((record, record.unconfirmed_figures()))
            for record in figure_records(model):
                warnings = record.figure_warnings()
                if warnings:
                    to_check.append((record, warnings))
    return {
        "needing_review": needing_review,
        "needs_review_total": sum(count for _model, count in needing_review),
        "unconfirmed": unconfirmed,
        "figures_to_check": to_check,
    }


#: simple-history stores change reasons in a 100-character column.
CHANGE_NOTE_MAX_LENGTH = 100


class PublicNote(str):
    """A change note as a page shows it; `in_english` when a Spanish page shows the English note."""

    def __new__(cls, text, in_english=False):
        note = super().__new__(cls, text)
        note.in_english = in_english
        return note

    @classmethod
    def in_page_language(cls, note, note_es):
        """The note a page in the active language shows: the Spanish one on a Spanish page when
        the editor wrote one, else the English one (marked `in_english` on a Spanish page)."""
        spanish_page = get_language() == "es"
        if spanish_page and note_es:
            return cls(note_es)
        return cls(note, in_english=spanish_page and bool(note))


class HistoricalSpanishNote(models.Model):
    """Base of every content record's historical model: the version's change note in Spanish
    (simple-history keeps the English one in `history_change_reason`)."""

    change_note_es = models.CharField(
        _("change note in Spanish"), max_length=CHANGE_NOTE_MAX_LENGTH, blank=True, default=""
    )

    class Meta:
        abstract = True


#: Fields that never go into a pending change: publication state is the publisher's, timestamps are automatic.
PENDING_EXCLUDED_FIELDS = {"status", "publish_from", "created", "updated"}


class PendingChangeQuerySet(models.QuerySet):
    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model, for_concrete_model=False))

    def of_record(self, record):
        return self.for_model(type(record)).filter(object_id=record.pk)

    def for_record(self, record):
        """The pending change of one record, or None."""
        return self.of_record(record).select_related("author").first()


class PendingChange(models.Model):
    """Edits to a published record that wait for a publisher.

    Visitors keep seeing the published values; staff previews and the admin's
    change form show these values applied. Plain fields are held by name, lists
    (sources, code sets, a skill's certifications) as the sorted ids they would
    hold, and rows edited as part of the record (a path's steps) under their
    relation's name as the rows it would have; all are published together, in
    one transaction."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(
        _("changed values"),
        encoder=DjangoJSONEncoder,
        default=dict,
        help_text=_("The new value of every field that differs from the published record."),
    )
    note = models.CharField(
        _("change note"),
        max_length=CHANGE_NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("What changed and why, in the editor's words."),
    )
    note_es = models.CharField(_("change note in Spanish"), max_length=CHANGE_NOTE_MAX_LENGTH, blank=True, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("last edited"), auto_now=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("unpublished change")
        verbose_name_plural = _("unpublished changes")
        ordering = ["-updated"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_pending_change_per_record")
        ]

    def __str__(self):
        return _("Unpublished changes to %(record)s") % {"record": self.record}

    @staticmethod
    def pending_fields(model):
        """The fields a pending change may hold: concrete, editable, not publication state,
        each language's column of a translated text rather than the text itself."""
        excluded = PENDING_EXCLUDED_FIELDS | translated_originals(model)
        return [
            field
            for field in model._meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in excluded
        ]

    @staticmethod
    def list_fields(model):
        """The lists (editable many-to-many fields) a pending change may hold."""
        return [field for field in model._meta.many_to_many if field.editable]

    @staticmethod
    def row_relations(model):
        """The rows edited as part of a record (a path's steps): reverse foreign
        keys from the same app that delete with it, from models that are not
        content records themselves."""
        return [
            relation
            for relation in model._meta.related_objects
            if relation.one_to_many
            and relation.on_delete is models.CASCADE
            and relation.related_model._meta.app_label == model._meta.app_label
            and not issubclass(relation.related_model, PublishableContent)
        ]

    @staticmethod
    def row_values(relation, row):
        """{field name: value} of one row, without its id and its record (and with each
        language's column of a translated text rather than the text itself)."""
        originals = translated_originals(relation.related_model)
        return {
            field.name: normalise_newlines(field.value_from_object(row))
            for field in relation.related_model._meta.concrete_fields
            if field.editable and not field.primary_key and field != relation.field and field.name not in originals
        }

    @classmethod
    def _rows_key(cls, rows):
        return sorted(json.dumps(row, sort_keys=True, cls=DjangoJSONEncoder) for row in rows)

    @classmethod
    def differences(cls, live, edited, names, lists=None, rows=None):
        """{field name: new value} for the fields in `names` whose value differs,
        and {list name: sorted ids} for the lists in `lists` ({name: records or
        ids}) that differ from the live record's."""
        changed = {}
        for field in cls.pending_fields(type(live)):
            value = normalise_newlines(field.value_from_object(edited))
            if field.name in names and value != normalise_newlines(field.value_from_object(live)):
                changed[field.name] = value
        for field in cls.list_fields(type(live)):
            if field.name in (lists or {}):
                ids = sorted(getattr(item, "pk", item) for item in lists[field.name])
                if ids != sorted(getattr(live, field.name).values_list("pk", flat=True)):
                    changed[field.name] = ids
        for relation in cls.row_relations(type(live)):
            name = relation.get_accessor_name()
            if name in (rows or {}):
                current = [cls.row_values(relation, row) for row in getattr(live, name).all()]
                if cls._rows_key(rows[name]) != cls._rows_key(current):
                    changed[name] = rows[name]
        return changed

    def values(self):
        """{field: Python value} of the held changes; unknown fields are skipped."""
        model = self.content_type.model_class()
        allowed = {field.name: field for field in self.pending_fields(model)}
        return {allowed[name]: allowed[name].to_python(value) for name, value in self.data.items() if name in allowed}

    def lists(self):
        """{many-to-many field: [id]} of the held lists; unknown fields are skipped."""
        allowed = {field.name: field for field in self.list_fields(self.content_type.model_class())}
        return {allowed[name]: list(ids) for name, ids in self.data.items() if name in allowed}

    def rows(self):
        """{relation: [unsaved row]} of the held rows of `record`'s parts."""
        model = self.content_type.model_class()
        found = {}
        for relation in self.row_relations(model):
            held = self.data.get(relation.get_accessor_name())
            if isinstance(held, list):
                found[relation] = [self._row(relation, values) for values in held if isinstance(values, dict)]
        return found

    def _row(self, relation, values):
        row = relation.related_model(**{relation.field.attname: self.object_id})
        for field in relation.related_model._meta.concrete_fields:
            if field.name in values and field != relation.field and not field.primary_key:
                setattr(row, field.attname, field.to_python(values[field.name]))
        return row

    def apply_to(self, record):
        """Set the held values on `record` in memory (nothing is saved): its held
        lists read as prefetched, so pages show them as they would be published."""
        for field, value in self.values().items():
            setattr(record, field.attname, value)
        cache = dict(getattr(record, "_prefetched_objects_cache", {}))
        for field, ids in self.lists().items():
            cache[field.name] = field.related_model._default_manager.filter(pk__in=ids)
        for relation, rows in self.rows().items():
            held = relation.related_model._default_manager.none()
            held._result_cache, held._prefetch_done = rows, True
            cache[relation.get_accessor_name()] = held
        record._prefetched_objects_cache = cache
        return record

    def save_lists(self, record):
        """Write the held lists and rows to `record` (after it is saved live)."""
        cache = getattr(record, "_prefetched_objects_cache", {})
        for field, ids in self.lists().items():
            cache.pop(field.name, None)
            getattr(record, field.name).set(ids)
        for relation, rows in self.rows().items():
            cache.pop(relation.get_accessor_name(), None)
            relation.related_model._default_manager.filter(**{relation.field.name: record}).delete()
            for row in rows:
                row.full_clean(exclude=[relation.field.name], validate_unique=False)
            relation.related_model._default_manager.bulk_create(rows)

    def form_initial(self):
        values = {field.name: value for field, value in self.values().items()}
        return values | {field.name: ids for field, ids in self.lists().items()}


class AuthorshipQuerySet(models.QuerySet):
    def for_versions(self, model, versions):
        """{history_id: Authorship} for some historical versions of `model`'s records."""
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        ids = [version.history_id for version in versions]
        return {
            credit.history_id: credit
            for credit in self.filter(content_type=content_type, history_id__in=ids).select_related("author")
        }


class Authorship(models.Model):
    """Who wrote a change that a publisher published. The historical version
    records the publisher (its user and date); this records the editor whose
    held change it was, when they last edited it and their note."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    history_id = models.PositiveBigIntegerField(_("version id"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written = models.DateTimeField(_("written"))
    note = models.CharField(_("change note"), max_length=CHANGE_NOTE_MAX_LENGTH, blank=True)

    objects = AuthorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("authorship")
        verbose_name_plural = _("authorships")
        ordering = ["-written"]
        constraints = [models.UniqueConstraint(fields=["content_type", "history_id"], name="one_author_per_version")]

    def __str__(self):
        return _("Written by %(author)s") % {"author": self.author}


def display_value(field, value):
    """A field's value as an editor reads it: choice labels, related objects' names."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(deleted #%(pk)s)") % {"pk": value}
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value
