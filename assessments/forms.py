"""Admin forms: the exam sheet typed as a clinician says it, lists as checkboxes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments import catalogue, exam_sheet
from assessments.models import Assessment, Measurement
from assessments.services import MeasurementEntry
from patients.admin_base import VersionedForm

YES_WORDS = {"yes", "y", "true", "positive", "pos", "+"}
NO_WORDS = {"no", "n", "false", "negative", "neg", "-"}


def grouped_code_choices() -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for mtype in catalogue.MEASUREMENT_TYPES.values():
        unit = f" [{mtype.unit}]" if mtype.unit and not mtype.is_strength else ""
        label = mtype.label + unit + (" (yes/no)" if mtype.is_boolean else "")
        groups.setdefault(mtype.family.value.capitalize(), []).append((mtype.code, label))
    return [("", "---------"), *groups.items()]


def parse_reading(code: str, text: str):
    """The value as the clinician typed it: a number, or yes/no for positive/negative tests."""
    mtype = catalogue.MEASUREMENT_TYPES.get(code)
    cleaned = text.strip().lower()
    if mtype is not None and mtype.is_boolean:
        if cleaned in YES_WORDS:
            return True
        if cleaned in NO_WORDS:
            return False
        raise ValidationError("Type 'positive' or 'negative' (yes/no) for this test.")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(f"Type a number; got {text!r}.") from exc


class MeasurementForm(forms.ModelForm):
    entry: MeasurementEntry | None = None  # set by clean(): the reading as the domain checked it

    code = forms.ChoiceField(choices=grouped_code_choices, label="Test")
    reading = forms.CharField(
        label="Value",
        max_length=30,
        help_text="A number, or positive / negative for yes-no tests.",
        widget=forms.TextInput(attrs={"size": 8}),
    )
    unit_entered = forms.ChoiceField(
        label="Unit",
        required=False,
        choices=[("", "default"), *[(u, u) for u in catalogue.STRENGTH_UNITS]],
        help_text="Strength only.",
    )

    class Meta:
        model = Measurement
        fields = ["code", "side", "reading", "unit_entered", "method", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.initial["reading"] = (
                ("positive" if instance.positive else "negative")
                if instance.positive is not None
                else catalogue.format_number(instance.entered_value)
            )
            if instance.entered_unit in catalogue.STRENGTH_UNITS:
                self.initial["unit_entered"] = instance.entered_unit

    def clean(self):
        data = super().clean() or {}
        code, side, text = data.get("code"), data.get("side"), data.get("reading")
        if not code or not side or text is None:
            return data
        try:
            value = parse_reading(code, text)
            normalized = catalogue.normalize_measurement(
                code, side, value, data.get("unit_entered") or None, data.get("method") or None
            )
        except ValidationError as exc:
            raise ValidationError({"reading": exc.messages}) from exc
        except catalogue.MeasurementInvalid as exc:
            errors = {("reading" if k == "value" else k): v for k, v in exc.errors.items()}
            errors = {("unit_entered" if k == "unit" else k): v for k, v in errors.items()}
            raise ValidationError(errors) from exc
        self.instance.apply(normalized)
        self.entry = MeasurementEntry(normalized, data.get("note", ""))
        return data

    def _post_clean(self):
        # With the reading already refused, the model's own check would only repeat it
        # under field names this form does not show.
        if not self._errors:  # type: ignore[attr-defined]
            super()._post_clean()  # type: ignore[misc]


class AssessmentForm(VersionedForm):
    pain_sites = forms.MultipleChoiceField(
        choices=list(catalogue.PAIN_SITES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    red_flags = forms.MultipleChoiceField(
        choices=[
            (code, f"{words} ({catalogue.RED_FLAG_TIERS[code]})")
            for code, words in catalogue.RED_FLAGS.items()
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Any red flag advises referral: no home program until cleared. In brackets: "
        "how soon the patient must see a doctor.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        flags = self.initial.get("red_flags")
        if isinstance(flags, list):  # a 2026.1 alias shows (and saves) as its current code
            self.initial["red_flags"] = [catalogue.red_flag_code(flag) for flag in flags]

    class Meta:
        model = Assessment
        fields = [
            "patient",
            "assessed_on",
            "body_mass_kg",
            "height_cm",
            "pain_nprs",
            "pain_sites",
            "red_flags",
            "gait_notes",
            "notes",
        ]
        labels = {
            "assessed_on": "Date",
            "body_mass_kg": "Body mass (kg)",
            "height_cm": "Height (cm)",
            "pain_nprs": "Pain (NPRS)",
        }
        widgets = {
            "gait_notes": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class AssessmentSheetForm(AssessmentForm):
    """The assessment with its exam sheet: the cells become the service's measurement list."""

    reading: exam_sheet.SheetReading | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(exam_sheet.sheet_fields())
        self.notes: dict[tuple[str, str], str] = {}
        self.waiting: set[tuple[str, str]] = set()
        if self.instance.pk:
            measurements = list(self.instance.measurements.all())
            self.initial.update(exam_sheet.initial_from(measurements))
            self.notes = {(m.code, m.side): m.note for m in measurements}
            self.waiting = {(m.code, m.side) for m in measurements if not m.is_recorded}
        elif "assessed_on" in self.fields:
            self.fields["assessed_on"].initial = timezone.localdate

    def sheet_changed(self) -> bool:
        return any(name.startswith("sheet_") for name in self.changed_data)

    def clean(self):
        data = super().clean() or {}
        self.reading = exam_sheet.read_sheet(data, self.notes, self.waiting)
        for cell, messages in self.reading.errors.items():
            for message in messages:
                self.add_error(cell, message)
        return data
