from django.http import Http404, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from .admin_links import admin_url
from .models import PendingChange
from .services import preview_token_allows


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


class Preview:
    """What a preview shows, for the banner: `pending` is the unpublished
    change applied to the page (None for a draft shown as it is)."""

    def __init__(self, record, *, pending, by_link, admin_url=None):
        self.record = record
        self.pending = pending
        self.by_link = by_link
        self.admin_url = admin_url

    @property
    def is_draft(self):
        return not self.record.is_published


class CachedBodyMixin:
    """For a public page view: when the shell attached a page body cache to the request
    (`request.page_body_cache`, careerportal.page_bodies: a request every anonymous visitor of this
    page would get the same body for), answers with the kept body without fetching anything, or
    renders as usual and hands the rendered response to the cache. Other requests (signed-in users,
    previews, share links, unknown parameters) are rendered as usual."""

    def get(self, request, *args, **kwargs):
        bodies = getattr(request, "page_body_cache", None)
        if bodies is None:
            return super().get(request, *args, **kwargs)
        body = bodies.get()
        if body is not None:
            response = HttpResponse(body)
            response["X-Cache"] = "body"
            return response
        response = super().get(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):
            response.add_post_render_callback(bodies.keep)
        return response


class PublishedListView(CachedBodyMixin, BreadcrumbMixin, ListView):
    """A list page of published records. The view fetches them (the template only iterates
    what is fetched) and puts `last_reviewed` in the context: the oldest review date among
    them, the date the whole list was last checked."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Iterating fills the queryset's cache, which the template then reads.
        context["last_reviewed"] = min((record.reviewed_on for record in context["object_list"]), default=None)
        return context


class PublishedDetailView(CachedBodyMixin, BreadcrumbMixin, DetailView):
    """A detail page that visitors see only while its record is published.

    Staff who may view the model see drafts and unpublished changes at the same
    address, under a "Draft preview" banner; so does anyone with a valid signed
    preview link (`?preview=<token>`) for this record. An invalid or expired
    link is ignored: the page behaves as for any visitor. Previews are never cached.
    """

    preview = None
    #: {attribute: list name} for lists the view prefetches into an attribute
    #: (Prefetch to_attr, published records only): a preview refills them from the held list.
    prefetched_lists = {}

    def is_staff_previewer(self):
        user = self.request.user
        opts = self.model._meta
        return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def may_preview(self):
        return self.is_staff_previewer() or bool(self.request.GET.get("preview"))

    def get_queryset(self):
        queryset = super().get_queryset()
        # Drafts are only fetched for someone who may be allowed to see one;
        # get_object() then decides for this record.
        return queryset if self.may_preview() else queryset.published()

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        if not self.may_preview():
            return record
        staff = self.is_staff_previewer()
        token = self.request.GET.get("preview", "")
        by_link = not staff and preview_token_allows(token, record)
        if not (staff or by_link):
            if not record.is_published:
                raise Http404
            return record
        pending = PendingChange.objects.for_record(record)
        if record.is_published and pending is None:
            return record
        if pending is not None:
            pending.apply_to(record)
            for attribute, name in self.prefetched_lists.items():
                setattr(record, attribute, list(getattr(record, name).published()))
        change_url = admin_url(record, "change", record.pk) if staff else None
        self.preview = Preview(record, pending=pending, by_link=by_link, admin_url=change_url)
        return record

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, change_notes=self.object.change_notes(), **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview is not None or "preview" in self.request.GET:
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
