"""Admin behaviour every content model shares: publication with a publish
permission, unpublished changes held for publishers, previews, change notes,
history with differences and revert, and review reminders. One module per job:
filters, forms, held_changes, previews, history, sources; records joins them
into PublishableAdmin. The save hooks share one SaveOutcome, on the form.

Who may do what is decided on the server, here and in publishing.services:
- publishing, unpublishing and deleting need `<app>.publish_<model>`
  (and the model's delete permission for deleting);
- without it, `status` and `publish_from` are read-only, the publish actions
  are absent, and saving a published record stores the edits as a
  PendingChange instead of changing what visitors see.
"""

from .forms import PUBLICATION_FIELDSET, citation_fieldset
from .held_changes import HeldRowsInlineMixin, PendingChangeAdmin
from .records import PublishableAdmin
from .sources import SourceAdmin

__all__ = [
    "PUBLICATION_FIELDSET",
    "HeldRowsInlineMixin",
    "PendingChangeAdmin",
    "PublishableAdmin",
    "SourceAdmin",
    "citation_fieldset",
]
