"""Short links counselors give students: /s/<code>/ shows a public page with
the counselor's note. Codes are random; nothing records who opens a link."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COUNSELORS_GROUP = "Counselors"
CODE_BYTES = 9  # 72 random bits, 12 URL-safe characters: unguessable, short enough to type
NOTE_MAX_LENGTH = 500


def new_code():
    return secrets.token_urlsafe(CODE_BYTES)


def is_counselor(user):
    """Counselors (members of the group) and superusers may make share links."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=COUNSELORS_GROUP).exists()


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)

    def owned_by(self, user):
        return self.filter(owner=user)


class ShareLink(models.Model):
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        default=new_code,
        editable=False,
        help_text=_("The random part of the short address /s/<code>/."),
    )
    target = models.CharField(
        _("page"),
        max_length=300,
        help_text=_(
            "The address of a public page of this site, e.g. /certifications/cpc/ or the full address "
            "copied from the browser."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Optional. Plain text shown above the page, up to 500 characters."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # a removed account must not break links students already have
        null=True,
        blank=True,
        related_name="share_links",
        verbose_name=_("counselor"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    retired_at = models.DateTimeField(
        _("retired"),
        null=True,
        blank=True,
        help_text=_("A retired link still leads to the page, without the note."),
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created"]

    def __str__(self):
        return f"/s/{self.code}/ → {self.target}"

    def get_absolute_url(self):
        return reverse("site:open", kwargs={"code": self.code})

    @property
    def is_retired(self):
        return self.retired_at is not None

    def clean_fields(self, exclude=None):
        # The target is checked and normalised here rather than in clean(), so that a
        # form editing only the note never re-validates (or reports on) the target.
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "target" not in (exclude or ()) and "target" not in errors:
            from .targets import normalize_target  # resolves URLs: import once the URLconf can load

            try:
                self.target = normalize_target(self.target)
            except ValidationError as error:
                errors["target"] = error.error_list
        if errors:
            raise ValidationError(errors)

    def retire(self):
        if self.retired_at is None:
            self.retired_at = timezone.now()
            self.save(update_fields=["retired_at", "updated"])
