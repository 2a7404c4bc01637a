"""Driving the admin as a browser does: sign in, read a page's form, post it back changed."""

from __future__ import annotations

import datetime

from django.contrib.messages import get_messages
from django.forms import BooleanField, FileField, MultipleChoiceField
from django.test import Client

from tests.conftest import PASSWORD


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _posted(field, value):
    """A form value as a browser posts it (None when the browser sends nothing)."""
    if isinstance(field, BooleanField):
        return "on" if value else None
    if isinstance(field, MultipleChoiceField):
        return [str(v) for v in value or []]
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _form_fields(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, FileField):
            continue
        value = _posted(field, form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def admin_form(client: Client, url: str) -> dict:
    """What the admin page at `url` posts back when nothing is changed: the form, every
    inline's management data and rows."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = _form_fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_fields(formset.management_form))
        for form in formset.forms:
            data.update(_form_fields(form))
    return data


def inline_rows(data: dict, prefix: str) -> int:
    return int(data[f"{prefix}-TOTAL_FORMS"])


def admin_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_errors(response) -> list[str]:
    """Every error the admin page shows beside its fields and inline rows."""
    assert response.status_code == 200, "the admin saved instead of asking again"
    forms = [response.context["adminform"].form]
    errors = [m for f in forms for messages in f.errors.values() for m in messages]
    for inline in response.context["inline_admin_formsets"]:
        errors.extend(inline.formset.non_form_errors())
        for form in inline.formset.forms:
            errors.extend(m for messages in form.errors.values() for m in messages)
    return errors


def saved(response) -> None:
    assert response.status_code == 302, form_errors(response)
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert not errors, [str(m) for m in errors]


def change_url(obj) -> str:
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def list_action(client: Client, model, action: str, *objects):
    meta = model._meta
    return client.post(
        f"/admin/{meta.app_label}/{meta.model_name}/",
        {"action": action, "_selected_action": [o.pk for o in objects]},
    )
