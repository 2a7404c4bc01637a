"""The exam sheet: one row per test with Left and Right inputs, grouped as the clinic examines.

The sheet only reads what was typed into `catalogue.normalize_measurement` and hands the
result to the services as `MeasurementEntry` lists: ranges, units and methods are the
catalogue's, and every message shown is the catalogue's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.forms import BoundField

from assessments import catalogue, numbers
from assessments.catalogue import Family, MeasurementType, Side
from assessments.models import Assessment, ExamTemplate, Measurement
from assessments.services import MeasurementEntry

GROUPS: tuple[tuple[Family, str], ...] = (
    (Family.STRENGTH, "Strength"),
    (Family.FLEXIBILITY, "Flexibility"),
    (Family.MOVEMENT, "Movement and function"),
)
DEFAULT_TEMPLATE = "Knee: muscle imbalance screen"
SIDES = (Side.LEFT, Side.RIGHT)
YES_NO = [("", "not tested"), ("positive", "Positive"), ("negative", "Negative")]
SHORT_METHODS = {
    "hhd_isometric": "Hand-held, isometric",
    "isokinetic_60": "Isokinetic 60°/s",
    "isokinetic_180": "Isokinetic 180°/s",
    "isokinetic_240": "Isokinetic 240°/s",
    "isokinetic_eccentric_30": "Isokinetic eccentric 30°/s",
}
RATIO_LABELS = {
    "knee_flexor_strength": ("hamstring_quadriceps_ratio", "H:Q"),
    "hip_adductor_strength": ("adductor_abductor_ratio", "Add:Abd"),
}


def name(code: str, part: str) -> str:
    """The form field of one cell: part is left, right, unit or method."""
    return f"sheet_{code}_{part}"


def _value_field(mtype: MeasurementType, side: str) -> forms.Field:
    accessible = {"aria-label": f"{mtype.label}, {side}"}
    if mtype.is_boolean:
        return forms.ChoiceField(
            choices=YES_NO, required=False, widget=forms.Select(attrs=accessible)
        )
    attrs = {**accessible, "inputmode": "decimal", "size": 6, "autocomplete": "off"}
    return forms.CharField(required=False, max_length=20, widget=forms.TextInput(attrs=attrs))


def _strength_fields(mtype: MeasurementType) -> dict[str, forms.Field]:
    unit = forms.ChoiceField(
        choices=[(u, u) for u in catalogue.STRENGTH_UNITS],
        initial="N",
        required=False,
        widget=forms.Select(attrs={"aria-label": f"{mtype.label}, unit"}),
    )
    method = forms.ChoiceField(
        choices=list(SHORT_METHODS.items()),
        initial=catalogue.StrengthMethod.HHD_ISOMETRIC.value,
        required=False,
        widget=forms.Select(attrs={"aria-label": f"{mtype.label}, method"}),
    )
    return {name(mtype.code, "unit"): unit, name(mtype.code, "method"): method}


def sheet_fields() -> dict[str, forms.Field]:
    """Every cell of every test in the catalogue (a template only decides what shows)."""
    fields: dict[str, forms.Field] = {}
    for mtype in catalogue.MEASUREMENT_TYPES.values():
        for side in SIDES:
            fields[name(mtype.code, side)] = _value_field(mtype, side)
        if mtype.is_strength:
            fields.update(_strength_fields(mtype))
    return fields


def initial_from(measurements: list[Measurement]) -> dict[str, str]:
    """The cells as the clinician typed them: the entered value and unit, not the stored N."""
    initial: dict[str, str] = {}
    for row in measurements:
        if row.positive is not None:
            initial[name(row.code, row.side)] = "positive" if row.positive else "negative"
            continue
        typed = row.entered_value if row.entered_value is not None else row.value
        if typed is not None:  # a copied test not measured yet shows an empty cell
            initial[name(row.code, row.side)] = catalogue.format_number(Decimal(typed))
        if catalogue.MEASUREMENT_TYPES[row.code].is_strength:
            initial[name(row.code, "unit")] = row.entered_unit or row.unit
            initial[name(row.code, "method")] = row.method
    return initial


def _typed(mtype: MeasurementType, text: str) -> object:
    """A yes/no choice as a bool, a number as typed (comma or point), else the text as is
    so the catalogue's message quotes it."""
    if mtype.is_boolean:
        return text == "positive"
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text


@dataclass
class SheetReading:
    """What the sheet read: entries for the services, or the catalogue's messages per cell."""

    entries: list[MeasurementEntry] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)


def _read_test(
    mtype: MeasurementType, data: dict, notes: dict, waiting: set, reading: SheetReading
) -> None:
    unit = data.get(name(mtype.code, "unit")) if mtype.is_strength else None
    method = data.get(name(mtype.code, "method")) if mtype.is_strength else None
    for side in SIDES:
        text = (data.get(name(mtype.code, side)) or "").strip()
        if not text and (mtype.code, side) not in waiting:
            continue  # an empty cell records nothing
        try:
            normalized = catalogue.normalize_measurement(
                mtype.code,
                side,
                _typed(mtype, text) if text else None,
                unit or None,
                method or None,
                allow_empty=True,  # only a copied test waiting for its value comes here empty
            )
        except catalogue.MeasurementInvalid as exc:
            for part, messages in exc.errors.items():
                cell = name(mtype.code, part if part in ("unit", "method") else side)
                reading.errors.setdefault(cell, []).extend(messages)
            continue
        reading.entries.append(MeasurementEntry(normalized, notes.get((mtype.code, side), "")))


def read_sheet(
    data: dict,
    notes: dict[tuple[str, str], str],
    waiting: set[tuple[str, str]] | None = None,
) -> SheetReading:
    """The sheet's cleaned data as measurement entries; notes of earlier rows are kept, and
    a copied test still empty (`waiting`, code and side) stays on the draft without a value."""
    reading = SheetReading()
    for mtype in catalogue.MEASUREMENT_TYPES.values():
        _read_test(mtype, data, notes, waiting or set(), reading)
    return reading


def templates_for(clinic_id: int | None) -> list[ExamTemplate]:
    return list(ExamTemplate.objects.for_clinic(clinic_id))


def chosen_template(templates: list[ExamTemplate], wanted: str | None) -> ExamTemplate | None:
    """The template asked for by id, else the shipped screen, else the first one."""
    by_id = {str(t.pk): t for t in templates}
    if wanted in by_id:
        return by_id[wanted]
    screen = [t for t in templates if t.clinic_id is None and t.name == DEFAULT_TEMPLATE]
    candidates = screen or templates
    return candidates[0] if candidates else None


# ---- what a saved row reads as ----------------------------------------------------------


def saved_text(row: Measurement) -> str:
    """ "16.5 kgf (161.8 N)": as typed, and as stored where the two differ."""
    if row.positive is not None:
        return "Positive" if row.positive else "Negative"
    typed = row.entered_value if row.entered_value is not None else row.value
    if typed is None:
        return ""  # copied to a follow-up, not measured yet
    unit = row.entered_unit or row.unit
    text = f"{catalogue.format_number(Decimal(typed))} {unit}".strip()
    if row.entered_unit and row.entered_unit != row.unit and row.value is not None:
        text += f" ({numbers.plain(numbers.stored_force(row.value))} {row.unit})"
    return text


def method_text(row: Measurement) -> str:
    return catalogue.METHOD_LABELS.get(row.method, "") if row.method else ""


def derived_texts(code: str, metrics: list[dict]) -> list[str]:
    """LSI on a row with both sides, H:Q and Add:Abd on the flexor and adductor rows."""
    texts = [
        f"LSI {numbers.number_text(Decimal(m['value']), '%')} %"
        for m in metrics
        if m["code"] == "limb_symmetry_index" and m["measurement"] == code
    ]
    ratio = RATIO_LABELS.get(code)
    if ratio is not None:
        for m in metrics:
            if m["code"] == ratio[0]:
                value = numbers.number_text(Decimal(m["value"]), None)
                texts.append(f"{ratio[1]} {m['side']} {value}")
    return texts


@dataclass
class SheetCell:
    side: str
    input: BoundField | None  # None on a read-only sheet
    saved: str  # as typed, "" when nothing is recorded


@dataclass
class SheetRow:
    mtype: MeasurementType
    cells: list[SheetCell]  # left, right
    unit: BoundField | None
    method: BoundField | None
    method_saved: str
    derived: list[str]

    @property
    def unit_text(self) -> str:
        if self.mtype.is_boolean:
            return "Positive / Negative"
        return self.mtype.unit or ""


@dataclass
class SheetGroup:
    title: str
    rows: list[SheetRow]


def _row(mtype, form, saved: dict[str, Measurement], metrics: list[dict]) -> SheetRow:
    code = mtype.code
    rows = [saved.get(side) for side in SIDES]
    bound = (lambda part: form[name(code, part)]) if form is not None else (lambda part: None)
    return SheetRow(
        mtype=mtype,
        cells=[
            SheetCell(side, bound(side), saved_text(r) if r is not None else "")
            for side, r in zip(SIDES, rows, strict=True)
        ],
        unit=bound("unit") if mtype.is_strength else None,
        method=bound("method") if mtype.is_strength else None,
        method_saved=next((method_text(r) for r in rows if r is not None), ""),
        derived=derived_texts(code, metrics),
    )


def _groups(codes, form, saved, metrics) -> list[SheetGroup]:
    groups = []
    for family, title in GROUPS:
        rows = [
            _row(catalogue.MEASUREMENT_TYPES[code], form, saved.get(code, {}), metrics)
            for code in codes
            if catalogue.MEASUREMENT_TYPES[code].family is family
        ]
        if rows:
            groups.append(SheetGroup(title, rows))
    return groups


@dataclass
class Sheet:
    groups: list[SheetGroup]  # the template's tests and any recorded on this visit
    more: list[SheetGroup]  # every other test, to add to this visit only
    templates: list[ExamTemplate]
    template: ExamTemplate | None


def build_sheet(
    *,
    form: forms.Form | None,
    assessment: Assessment | None,
    templates: list[ExamTemplate],
    template: ExamTemplate | None,
) -> Sheet:
    """The rows to show: a form gives inputs, no form (a final assessment) gives text."""
    measurements = list(assessment.measurements.all()) if assessment and assessment.pk else []
    saved: dict[str, dict[str, Measurement]] = {}
    for row in measurements:
        saved.setdefault(row.code, {})[row.side] = row
    shown = set(template.codes if template else []) | set(saved)
    if form is not None and form.is_bound:
        shown |= {c for c in catalogue.MEASUREMENT_TYPES if _typed_in(form, c)}
    order = list(catalogue.MEASUREMENT_TYPES)
    metrics = assessment.metrics if assessment and assessment.pk else []
    main = [c for c in order if c in shown]
    others = [c for c in order if c not in shown] if form is not None else []
    return Sheet(
        _groups(main, form, saved, metrics),
        _groups(others, form, saved, metrics),
        templates,
        template,
    )


def _typed_in(form: forms.Form, code: str) -> bool:
    return any((form.data.get(form.add_prefix(name(code, side))) or "").strip() for side in SIDES)
