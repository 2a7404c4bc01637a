"""Patient serializers, and the choice-field behaviour every serializer shares."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import tzinfo
from typing import Any, ClassVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, relations, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from patients.models import AuditEvent, Clinic, Patient
from patients.roles import Right, clinic_ids_with

CLINICAL_PATIENT_FIELDS = ("affected_side", "occupation", "activity", "notes")


class ExplainedChoicesMixin(serializers.Serializer):
    """Every choice error says what is allowed, so a front end can show it as is.

    A ModelSerializer builds its fields from the model on every use, which is most of what a
    detail response costs; they are built once per class here and copied per use. A plain
    field is copied shallowly (its attributes, not a new field built from its arguments as
    DRF's deep copy does: that was most of a list's fixed cost); a field that holds other
    fields (a nested serializer, a list of a child field) is deep-copied, so its children
    are bound to the copy. Per-request changes (read-only, scoped querysets) are made by
    subclasses on the copy, by assigning attributes, never by changing a shared one in place.
    """

    _built_fields: ClassVar[dict[type, dict[str, serializers.Field]]] = {}

    def get_fields(self):
        built = ExplainedChoicesMixin._built_fields.get(type(self))
        if built is None:
            built = super().get_fields()
            for field in built.values():
                explain_choices(field)
            ExplainedChoicesMixin._built_fields[type(self)] = built
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        return {name: copy_field(field, zone) for name, field in built.items()}

    def to_representation(self, instance):
        """DRF's representation, each field as DRF shows it, with the per-field lookup
        planned once per use (`representation_plan`): a field that shows a model column as
        it is (most of a list row) reads the attribute directly instead of through DRF's
        generic attribute walk, which was half of a patient row's cost."""
        if not isinstance(instance, models.Model):  # e.g. validated data, a mapping
            return super().to_representation(instance)
        plan = self.__dict__.get("_representation_plan")
        if plan is None:
            plan = self.__dict__["_representation_plan"] = representation_plan(self)
        row: dict[str, Any] = {}
        for name, attribute, show, field in plan:
            if field is None:
                value = getattr(instance, attribute)
                row[name] = value if value is None or show is None else show(value)
                continue
            try:
                value = field.get_attribute(instance)
            except SkipField:
                continue
            shown = value.pk if isinstance(value, PKOnlyObject) else value
            row[name] = None if shown is None else field.to_representation(value)
        return row


Plan = list[tuple[str, str, Callable[[Any], Any] | None, serializers.Field | None]]


def representation_plan(serializer: serializers.Serializer) -> Plan:
    """(name, model attribute, how to show a value, None) for a field that shows one column
    of the serializer's model (DRF's own get_attribute on a column reads just that
    attribute; a column's value is never callable), where "how" is the field's own
    to_representation, `str` for DRF's CharField and `int` for its IntegerField (what those
    do), or None for a primary-key relation (DRF shows the raw foreign key); (name, "", None,
    field) for any other field, which goes through DRF's usual steps."""
    meta = getattr(getattr(serializer, "Meta", None), "model", None)
    columns = {f.name: f for f in meta._meta.concrete_fields} if meta is not None else {}
    plan: Plan = []
    for field in serializer.fields.values():
        if field.write_only:
            continue
        name = cast(str, field.field_name)  # bound: every field of a serializer has one
        column = columns.get(field.source_attrs[0]) if len(field.source_attrs) == 1 else None
        if column is not None and column.attname == column.name and _reads_the_column(field):
            plan.append((name, column.name, _shown_by(field), None))
            continue
        if column is not None and _is_plain_key(field):
            plan.append((name, column.attname, None, None))
            continue
        plan.append((name, "", None, field))
    return plan


def _reads_the_column(field: serializers.Field) -> bool:
    return type(field).get_attribute is serializers.Field.get_attribute


def _shown_by(field: serializers.Field) -> Callable[[Any], Any]:
    show = type(field).to_representation
    if show is serializers.CharField.to_representation:
        return str
    if show is serializers.IntegerField.to_representation:
        return int
    return field.to_representation


def _is_plain_key(field: serializers.Field) -> bool:
    """A primary-key relation that DRF shows as the stored foreign key (no pk_field)."""
    return (
        isinstance(field, relations.PrimaryKeyRelatedField)
        and field.pk_field is None
        and type(field).get_attribute is relations.RelatedField.get_attribute
        and type(field).to_representation is relations.PrimaryKeyRelatedField.to_representation
        and field.use_pk_only_optimization()
    )


def copy_field(field: serializers.Field, zone: tzinfo | None) -> serializers.Field:
    """A copy for one use. A date-time field is given the current time zone, which DRF
    would otherwise look up again for every value (a third of a patient row's cost)."""
    if isinstance(field, serializers.BaseSerializer) or hasattr(field, "child"):
        copied = copy.deepcopy(field)  # built anew from its arguments: explain it again
        explain_choices(copied)
        return copied
    copied = copy.copy(field)
    if isinstance(copied, serializers.DateTimeField) and not hasattr(field, "timezone") and zone:
        copied.timezone = zone  # what DRF's default_timezone() answers during this use
    return copied


def explain_choices(field) -> None:
    target = getattr(field, "child", field)
    if isinstance(target, serializers.ChoiceField) and not target.read_only:
        allowed = ", ".join(str(key) for key in target.choices)
        target.error_messages["invalid_choice"] = f'"{{input}}" is not allowed. Allowed: {allowed}.'


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """Ids are integers: 1.5, true or "1x" are refused, not rounded to some record."""

    def to_internal_value(self, data):
        whole_float = isinstance(data, float) and data.is_integer()
        if isinstance(data, bool) or not (
            isinstance(data, int) or whole_float or (isinstance(data, str) and data.isdigit())
        ):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(int(data))


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^$|^[^@\s]+@[^@\s]+$",  # the server checks it as Django's EmailField
        "description": "An email address, or empty.",
    }
)
class OptionalEmailField(serializers.CharField):
    """An email address, or "" (the model's blank); the schema says both are fine.

    DRF's EmailField would document `format: email`, which "" does not meet.
    """

    default_error_messages = {"invalid": "Enter a valid email address."}

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            validate_email(value)
        except DjangoValidationError:
            self.fail("invalid")
        return value


class AuditEventSerializer(serializers.ModelSerializer):
    """One event of a patient's audit trail, as a clinic admin reads it."""

    user = serializers.CharField(source="username", help_text="Who (the username).")
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        help_text="For a change: {field: [old, new]}.",
    )

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "user",
            "action",
            "object_type",
            "object_id",
            "detail",
            "changes",
            "channel",
            "address",
        ]
        read_only_fields = fields


class PatientSerializer(ExplainedChoicesMixin, serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.EmailField: OptionalEmailField,
    }
    clinic = StrictPrimaryKeyRelatedField(
        queryset=Clinic.objects.all(),
        required=False,
        help_text=(
            "The patient's clinic. Read-only, except on create by a user who belongs to "
            "several clinics, who must name one of theirs."
        ),
    )

    class Meta:
        model = Patient
        fields = [
            "id",
            "first_name",
            "last_name",
            "date_of_birth",
            "sex",
            "affected_side",
            "email",
            "phone",
            "occupation",
            "activity",
            "notes",
            "clinic",
            "archived_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["archived_at", "version", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if self.instance is not None:
            fields["clinic"].read_only = True
        elif request is not None and request.method not in permissions.SAFE_METHODS:
            # Only a write reads `clinic` from the body; a list never needs the scope.
            fields["clinic"].queryset = Clinic.objects.for_user(request.user)
        return fields

    def to_representation(self, patient):
        """A role without clinical rights (the front desk) sees identity and contact only."""
        data = super().to_representation(patient)
        if self._hides_clinical(patient):
            for field in CLINICAL_PATIENT_FIELDS:
                data.pop(field, None)
        return data

    def _hides_clinical(self, patient: Patient) -> bool:
        """The clinical clinics are read once per request (the context is shared by every
        row of a list)."""
        request = self.context.get("request")
        if request is None or request.user.is_superuser:
            return False
        context = cast(dict[str, Any], self.context)
        if "clinical_clinic_ids" not in context:
            context["clinical_clinic_ids"] = set(clinic_ids_with(request.user, Right.CLINICAL))
        return patient.clinic_id not in context["clinical_clinic_ids"]
