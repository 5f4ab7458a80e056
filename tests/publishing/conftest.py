"""Users in the roles `setup_roles` creates, and helpers to post admin forms."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests create many users; the real hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(db):
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def editor(roles):
    user = UserFactory(username="eddie", is_staff=True)
    user.groups.add(roles["Editors"])
    return user


@pytest.fixture
def publisher(roles):
    user = UserFactory(username="pat", is_staff=True)
    user.groups.add(roles["Publishers"])
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


def _field_data(name, field, value):
    """{posted name: value} for one form field's current value."""
    widget = field.widget
    if isinstance(widget, forms.NullBooleanSelect):
        return {name: {True: "true", False: "false"}.get(value, "unknown")}
    if value is None:
        return {}
    if isinstance(widget, forms.MultiWidget):
        parts = widget.decompress(value)
        return {
            f"{name}_{index}": subwidget.format_value(part) or ""
            for index, (subwidget, part) in enumerate(zip(widget.widgets, parts, strict=True))
        }
    if isinstance(value, bool):
        return {name: "on"} if value else {}
    if isinstance(value, list | tuple):
        return {name: [str(item) for item in value]}
    formatted = widget.format_value(value)
    return {name: "" if formatted is None else formatted}


def form_data(response):
    """POST data reproducing the admin form of `response` as shown (fields and
    inline formsets), so a test changes only what it means to."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        data.update(_field_data(name, field, form[name].value()))
        if field.show_hidden_initial:  # as the page's hidden "initial-" input posts it
            data.update(_field_data(form[name].html_initial_name, field, form[name].initial))
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for subform in formset.forms:
            for name, field in subform.fields.items():
                data.update(_field_data(subform.add_prefix(name), field, subform[name].value()))
    return data
