from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable text of one record, copied when the record is saved (see
    index.py), with its weighted vector stored once instead of being recomputed
    from long text at every search. Used on PostgreSQL only; whether the record
    is published is always read from the record itself."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    label = models.TextField(_("label"), help_text=_("A code or name that, typed exactly, ranks this record first."))
    names = models.TextField(_("names"), help_text=_("Where typos are forgiven: code, abbreviation and name."))
    title = models.TextField(_("title text"))
    summary = models.TextField(_("summary text"))
    body = models.TextField(_("body text"))
    document = SearchVectorField(_("weighted document"), null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["content_type", "object_id"]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_entry")]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}: {self.label}"
