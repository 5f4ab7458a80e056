import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Certification, CertifyingBody, CodeSet, Focus


class CertificationFilter(django_filters.FilterSet):
    """GET filters for the certification list; unknown values are dropped, not errors."""

    focus = django_filters.ChoiceFilter(
        label=_("Focus"), choices=Focus.choices, empty_label=_("Any focus"), method="filter_focus"
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Certifying body"),
        queryset=CertifyingBody.objects.published(),
        to_field_name="slug",
        empty_label=_("Any body"),
    )
    code_set = django_filters.ModelChoiceFilter(
        label=_("Code set"),
        field_name="code_sets",
        queryset=CodeSet.objects.published(),
        to_field_name="slug",
        empty_label=_("Any code set"),
    )
    entry_level = django_filters.BooleanFilter(
        label=_("Entry level only"),
        widget=forms.CheckboxInput,
        method="filter_entry_level",
    )

    class Meta:
        model = Certification
        fields = ["focus", "body", "code_set", "entry_level"]

    def filter_focus(self, queryset, name, value):
        """Billing also lists the credentials that cover billing and coding, and so does coding."""
        return queryset.for_focus(value)

    def filter_entry_level(self, queryset, name, value):
        return queryset.entry_level() if value else queryset

    @classmethod
    def ignoring_invalid(cls, data, queryset):
        """A filterset that drops invalid values (an unknown body, focus=xyz)
        instead of failing, so an old shared link still shows results.
        `cleared` names the filters that were dropped."""
        data = data.copy()
        filterset = cls(data, queryset=queryset)
        cleared = [str(filterset.form[name].label) for name in filterset.errors if name in filterset.form.fields]
        if filterset.errors:
            for name in filterset.errors:
                data.pop(name, None)
            filterset = cls(data, queryset=queryset)
        filterset.cleared = cleared
        filterset.fetch_choices()
        return filterset

    def fetch_choices(self):
        """Fetch the body and code-set choices now, in the view, so rendering the form runs no query."""
        for name in ("body", "code_set"):
            field = self.form.fields[name]
            field.widget.choices = list(field.choices)
