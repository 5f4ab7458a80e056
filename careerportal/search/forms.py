from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import TYPES_BY_KEY
from .services import MAX_QUERY_LENGTH, normalize_query


class QueryField(forms.CharField):
    def to_python(self, value):
        # NUL would fail CharField's own validator before clean_q could clean it.
        return super().to_python(value).replace("\x00", " ")


class SearchForm(forms.Form):
    """The search box. It never rejects a query: it cleans and shortens it, and
    `shortened` says when the query was cut to MAX_QUERY_LENGTH characters."""

    q = QueryField(
        label=_("Search for"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"}),
    )
    type = forms.CharField(required=False, widget=forms.HiddenInput)

    shortened = False

    def clean_q(self):
        query, self.shortened = normalize_query(self.cleaned_data["q"])
        return query

    def clean_type(self):
        # An unknown group (an old or edited link) shows every group instead.
        key = self.cleaned_data["type"]
        return key if key in TYPES_BY_KEY else ""
