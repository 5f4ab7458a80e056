from django.db import connections, models
from django.db.models import F
from django.db.models.expressions import Col
from django.utils.translation import gettext_lazy as _


class ContentGenerationManager(models.Manager):
    def state(self):
        """(number, next_publication, next_publication_known) of the one row, made if missing.

        Every cacheable request reads it, page-cache hits included, so it is one prepared
        statement: building and compiling the same ORM query took most of a hit's time
        (0.58 ms against 0.07 ms; docs/benchmarks.md). The backend's converters still give
        the fields' Python types (an aware datetime, a bool) on every database."""
        connection = connections[self.db]
        opts = self.model._meta
        columns = [Col(opts.db_table, opts.get_field(name)) for name in ContentGeneration.STATE_FIELDS]
        sql = "SELECT {} FROM {} WHERE {} = %s".format(  # noqa: S608 - names from the model's meta
            ", ".join(connection.ops.quote_name(column.target.column) for column in columns),
            connection.ops.quote_name(opts.db_table),
            connection.ops.quote_name(opts.pk.column),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [ContentGeneration.SINGLETON])
            row = cursor.fetchone()
        if row is None:
            generation, _created = self.get_or_create(pk=ContentGeneration.SINGLETON)
            return tuple(getattr(generation, name) for name in ContentGeneration.STATE_FIELDS)
        return tuple(_from_db(value, column, connection) for value, column in zip(row, columns, strict=True))

    def bump(self):
        """A new generation; run inside the edit's transaction, other servers see it when the edit commits."""
        bumped = self.filter(pk=ContentGeneration.SINGLETON).update(
            number=F("number") + 1, next_publication_known=False
        )
        if not bumped:
            self.get_or_create(pk=ContentGeneration.SINGLETON)

    def record_next_publication(self, *, number, moment):
        """Remember the next scheduled publication seen in generation `number`, unless
        it has been bumped since (the moment may then be out of date)."""
        self.filter(pk=ContentGeneration.SINGLETON, number=number).update(
            next_publication=moment, next_publication_known=True
        )

    def bump_from(self, number):
        """Bump generation `number` once a scheduled publication came due; False if another server did first."""
        return bool(
            self.filter(pk=ContentGeneration.SINGLETON, number=number).update(
                number=number + 1, next_publication_known=False
            )
        )


def _from_db(value, column, connection):
    """A column's value as the ORM would give it (the same converters as a queryset)."""
    for converter in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
        value = converter(value, column, connection)
    return value


class ContentGeneration(models.Model):
    """The number every cached page's key carries (careerportal.cache). One row,
    bumped in the same transaction as every content change, so every app server
    sees the change on its next request even when the cache itself was unreachable
    for the server that made it."""

    SINGLETON = 1
    STATE_FIELDS = ("number", "next_publication", "next_publication_known")

    number = models.PositiveBigIntegerField(default=1)
    next_publication = models.DateTimeField(
        null=True, blank=True, help_text=_("The earliest scheduled publication still to come.")
    )
    next_publication_known = models.BooleanField(default=False)

    objects = ContentGenerationManager()

    class Meta:
        verbose_name = _("content generation")

    def __str__(self):
        return str(self.number)
