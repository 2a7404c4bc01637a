"""Admin forms for PROM responses: one per instrument, each item a choice of its answers."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from assessments.models import Assessment
from assessments.services import ensure_draft
from patients.errors import DomainError
from progress import scoring, services
from progress.models import PromResponse

MISSING = ("", "— missing —")


def item_field(item: scoring.Item) -> str:
    return f"item_{item.number}"


def _option_text(option: scoring.Option) -> str:
    return f"{option.points}: {option.label}" if option.label else str(option.points)


def _answer_field(item: scoring.Item) -> forms.TypedChoiceField:
    choices = [MISSING, *((option.points, _option_text(option)) for option in item.options)]
    return forms.TypedChoiceField(
        label=f"{item.number} {item.label}",
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
    )


class PromResponseForm(forms.ModelForm):
    """The visit, the date and one field per item; scores are computed when it is saved."""

    instrument: scoring.Instrument

    class Meta:
        model = PromResponse
        fields = ["assessment", "completed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "completed_on" in self.fields:  # absent when the admin shows the form read-only
            self.fields["completed_on"].required = False
            self.fields["completed_on"].help_text = "Default: the visit date."
        for item in self.instrument.items:
            self.initial.setdefault(item_field(item), self.instance.answers.get(item.number))

    def answers(self) -> dict[str, int]:
        numbers = {item_field(item): item.number for item in self.instrument.items}
        data = self.cleaned_data
        return {
            number: data[name] for name, number in numbers.items() if data.get(name) is not None
        }

    def clean(self):
        cleaned = super().clean() or {}
        assessment: Assessment | None = cleaned.get("assessment") or self.instance_assessment()
        if assessment is None:
            return cleaned
        try:
            ensure_draft(assessment)
            services.prom_ensure_single(
                assessment=assessment, instrument=self.instrument.code, exclude=self.instance.pk
            )
            services.prom_answers_clean(self.instrument.code, self.answers())
        except DomainError as error:
            raise ValidationError(error.messages()) from error
        return cleaned

    def instance_assessment(self) -> Assessment | None:
        return self.instance.assessment if self.instance.assessment_id else None


def prom_form(code: str) -> type[PromResponseForm]:
    """The admin form of one instrument: its items by number and short label, in order."""
    instrument = scoring.INSTRUMENTS[code]
    fields = {item_field(item): _answer_field(item) for item in instrument.items}
    return type(
        f"{code.title()}ResponseForm", (PromResponseForm,), {"instrument": instrument, **fields}
    )
