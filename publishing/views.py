from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView


class BreadcrumbMixin:
    """Puts `breadcrumbs`, a list of (label, url) from Home to this page, in the context."""

    breadcrumb_parents = ()  # (label, URL name) pairs between Home and this page
    page_title = ""

    def get_breadcrumbs(self):
        crumbs = [(_("Home"), reverse("home"))]
        crumbs += [(label, reverse(url_name)) for label, url_name in self.breadcrumb_parents]
        record = getattr(self, "object", None)
        if record is not None:
            crumbs.append((str(record), record.get_absolute_url()))
        elif self.page_title:
            crumbs.append((self.page_title, self.request.path))
        return crumbs

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=self.get_breadcrumbs(), page_title=self.page_title, **kwargs)


class PublishedDetailView(BreadcrumbMixin, DetailView):
    """A detail page that visitors see only while its record is published."""

    def get_queryset(self):
        return super().get_queryset().published()
