from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable record's label and names in one language, written when the
    record is saved (see index.py); a record has an entry per language, and a search
    reads only the entries of the visitor's language. Label and names are stored
    without accents (services.fold). On PostgreSQL it also stores the record's
    weighted vector, so a search reads stored vectors instead of parsing long text;
    the text itself is not copied, which keeps the rows narrow and a scan of them
    cheap. On SQLite the text is in the language's FTS5 table, `search_entry_fts_<language>`
    (rowid = this entry's id; see sqlite.py). Whether the record is published is
    always read from the record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    language = models.CharField(_("language"), max_length=8)
    label = models.TextField(_("label"), help_text=_("A code or name that, typed exactly, ranks this record first."))
    names = models.TextField(_("names"), help_text=_("Where typos are forgiven: code, abbreviation and name."))
    document = SearchVectorField(_("weighted document"), null=True)  # PostgreSQL only

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="unique_search_entry")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} ({self.language}): {self.label}"
