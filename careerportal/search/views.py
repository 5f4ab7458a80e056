from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from publishing.views import BreadcrumbMixin, CachedBodyMixin

from .forms import SearchForm
from .registry import SEARCHABLE_TYPES, TYPES_BY_KEY
from .services import PER_GROUP, PER_GROUP_ONE_TYPE, search, suggestions


class SearchView(CachedBodyMixin, BreadcrumbMixin, TemplateView):
    """Results for ?q=, grouped by type; ?type= shows more of one group. The
    query stays in the address, so a search can be shared."""

    template_name = "search/search.html"
    page_title = _("Search")

    def get_context_data(self, **kwargs):
        submitted = SearchForm(self.request.GET)
        submitted.is_valid()  # a query is cleaned and shortened, never rejected
        query = submitted.cleaned_data.get("q", "")
        one_type = TYPES_BY_KEY.get(submitted.cleaned_data.get("type", ""))
        groups = search(
            query,
            types=(one_type,) if one_type else SEARCHABLE_TYPES,
            limit=PER_GROUP_ONE_TYPE if one_type else PER_GROUP,
        )
        return super().get_context_data(
            # The box shows the query as it was searched, not the raw input.
            form=SearchForm(initial={"q": query, "type": one_type.key if one_type else ""}),
            search_query=query,
            shortened=submitted.shortened,
            one_type=one_type,
            groups=groups,
            hit_count=sum(len(group.hits) for group in groups),
            suggestions=None if groups else suggestions(),
            **kwargs,
        )
