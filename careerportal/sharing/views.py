from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix, reverse, reverse_lazy
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from publishing.redirects import redirected_path
from publishing.seo import absolute_url, path_language
from publishing.views import BreadcrumbMixin

from .cards import card_for_path, card_png, page_path_of
from .forms import CounselorSignInForm, ShareLinkForm, ShareLinkNoteForm
from .models import ShareLink, is_counselor
from .targets import page_titles, public_match


class CounselorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Counselors and superusers only; each sees and changes only their own links
    (anyone else's is a 404, not a 403, so codes and ids reveal nothing)."""

    login_url = reverse_lazy("sharing:login")
    extra_context = {"private_page": True}

    def test_func(self):
        return is_counselor(self.request.user)

    def get_queryset(self):
        return ShareLink.objects.owned_by(self.request.user)

    def get_breadcrumbs(self):
        crumbs = [(_("Home"), reverse("home")), (_("Share links"), reverse("sharing:list"))]
        if self.request.path != reverse("sharing:list"):
            crumbs.append((self.page_title, self.request.path))
        return crumbs


class ShareLinkListView(CounselorRequiredMixin, BreadcrumbMixin, ListView):
    page_title = _("Share links")
    template_name = "sharing/sharelink_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = context["object_list"]
        titles = page_titles({link.target for link in links})
        for link in links:
            link.page_title = titles.get(link.target, link.target)
            link.short_url = absolute_url(link.get_absolute_url())
        return context


class ShareLinkCreateView(CounselorRequiredMixin, BreadcrumbMixin, CreateView):
    page_title = _("New share link")
    form_class = ShareLinkForm
    template_name = "sharing/sharelink_form.html"

    def get_initial(self):
        # "?target=/certifications/cpc/" prefills the page, e.g. from a bookmarklet or a page's own address.
        return {"target": self.request.GET.get("target", "")[:300]}

    def form_valid(self, form):
        form.instance.owner = self.request.user
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Link created: %(url)s") % {"url": absolute_url(self.object.get_absolute_url())},
        )
        return response

    def get_success_url(self):
        return reverse("sharing:list")


class ShareLinkUpdateView(CounselorRequiredMixin, BreadcrumbMixin, UpdateView):
    page_title = _("Edit share link")
    form_class = ShareLinkNoteForm
    template_name = "sharing/sharelink_form.html"

    def form_valid(self, form):
        messages.success(self.request, _("Note saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("sharing:list")


class ShareLinkRetireView(CounselorRequiredMixin, BreadcrumbMixin, DetailView):
    """GET asks to confirm; POST retires. A retired link leads to the page without the note."""

    page_title = _("Retire share link")
    template_name = "sharing/sharelink_confirm_retire.html"

    def get_queryset(self):
        return super().get_queryset().active()

    def post(self, request, *args, **kwargs):
        link = self.get_object()
        link.retire()
        messages.success(
            request, _("Link %(code)s retired: it now opens the page without your note.") % {"code": link.code}
        )
        return HttpResponseRedirect(reverse("sharing:list"))


class CounselorLoginView(auth_views.LoginView):
    template_name = "sharing/login.html"
    authentication_form = CounselorSignInForm
    next_page = reverse_lazy("sharing:list")
    extra_context = {"page_title": _("Counselor sign-in"), "private_page": True}


class CounselorLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("home")


def render_in_place(request, path, query, link):
    """Render the public page at `path` as the response to this request, with the
    share link attached for the note banner. The request is made to look like a
    request for the page itself (path, query, resolver match), so its canonical
    address, breadcrumbs, navigation and forms are the page's own, in the page's own language
    (a link to /es/... opens the Spanish page)."""
    match = public_match(path)
    if match is None:
        raise Http404("Not a public page.")
    request.LANGUAGE_CODE = path_language(path)
    translation.activate(request.LANGUAGE_CODE)  # LocaleMiddleware sets Content-Language from it
    request.path_info = path
    request.path = f"{get_script_prefix().rstrip('/')}{path}"
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    request.resolver_match = match
    request.share_link = link
    # A TemplateResponse is rendered by the handler, after PageMetadataMiddleware has added page_meta.
    return match.func(request, *match.args, **match.kwargs)


@require_safe
def open_share_link(request, code):
    """/s/<code>/: the linked page with the counselor's note; a retired link
    redirects to the page itself. Nothing about the visit is recorded."""
    link = get_object_or_404(ShareLink, code=code)
    path, _sep, query = link.target.partition("?")
    if link.is_retired:
        if not link.target.startswith("/") or link.target.startswith("//"):
            raise Http404("Not a page of this site.")  # targets are validated; never an open redirect
        return HttpResponseRedirect(link.target)
    try:
        response = render_in_place(request, path, query, link)
    except Http404:
        # The page was renamed since the link was made: show it at its new address.
        new_path = redirected_path(path)
        if not new_path:
            raise
        response = render_in_place(request, new_path, query, link)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


#: Browsers and link previewers may keep a card an hour; its address stays, its picture follows the content.
CARD_MAX_AGE = 60 * 60


@require_safe
def social_card(request, name):
    """/cards/<page>.png: the 1200×630 social card of a public page (careerportal/sharing/cards.py);
    /cards/es/<page>.png is the Spanish page's."""
    path = page_path_of(name)
    if path is None:
        raise Http404("No public page has this card.")
    with translation.override(path_language(path)):  # /cards/es/... is drawn in Spanish
        card = card_for_path(path)
        if card is None:
            raise Http404("No public page has this card.")
        png = card_png(card, page_path=path)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE)
    return response
