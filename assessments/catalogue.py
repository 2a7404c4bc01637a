"""The measurement catalogue: every test a clinician can record, with its unit, range and methods.

One entry per code of ../shared/domain/measurements.md. Model validation, serializer validation,
admin choices and the rules engine all read this module, so adding a test is one entry here.
Standard library only, because the pure rules engine imports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from enum import StrEnum


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Family(StrEnum):
    STRENGTH = "strength"
    FLEXIBILITY = "flexibility"
    MOVEMENT = "movement"


class ValueKind(StrEnum):
    STRENGTH = "strength"  # force or torque, > 0, unit and method apply
    DECIMAL = "decimal"
    INTEGER = "integer"
    BOOLEAN = "boolean"  # true = test positive


class StrengthMethod(StrEnum):
    HHD_ISOMETRIC = "hhd_isometric"
    ISOKINETIC_60 = "isokinetic_60"
    ISOKINETIC_180 = "isokinetic_180"
    ISOKINETIC_240 = "isokinetic_240"
    ISOKINETIC_ECCENTRIC_30 = "isokinetic_eccentric_30"


METHOD_LABELS: dict[str, str] = {
    StrengthMethod.HHD_ISOMETRIC: "Handheld dynamometer, isometric",
    StrengthMethod.ISOKINETIC_60: "Isokinetic concentric 60 deg/s",
    StrengthMethod.ISOKINETIC_180: "Isokinetic concentric 180 deg/s",
    StrengthMethod.ISOKINETIC_240: "Isokinetic concentric 240 deg/s",
    StrengthMethod.ISOKINETIC_ECCENTRIC_30: "Isokinetic eccentric 30 deg/s",
}

# Exact conversions (rules.md): keep them Decimal so 50 kgf / 100 kgf is exactly 0.5.
NEWTONS_PER_FORCE_UNIT: dict[str, Decimal] = {
    "N": Decimal("1"),
    "kgf": Decimal("9.80665"),
    "lbf": Decimal("4.4482216152605"),
}
TORQUE_UNIT = "Nm"
STRENGTH_UNITS: tuple[str, ...] = (*NEWTONS_PER_FORCE_UNIT, TORQUE_UNIT)


def newtons(value: Decimal, unit: str) -> Decimal:
    """A force in newtons, unrounded, from the value and unit as entered."""
    return value * NEWTONS_PER_FORCE_UNIT[unit]


@dataclass(frozen=True)
class ValueRange:
    low: Decimal
    high: Decimal

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class MeasurementType:
    code: str
    label: str  # clinical words, for the admin and the clinician report
    patient_words: str  # what a patient would call it
    family: Family
    kind: ValueKind
    unit: str | None  # the default (and for non-strength codes the only) unit
    range: ValueRange | None = None
    note: str = ""

    @property
    def is_strength(self) -> bool:
        return self.kind is ValueKind.STRENGTH

    @property
    def is_boolean(self) -> bool:
        return self.kind is ValueKind.BOOLEAN


def _range(low: str | int, high: str | int) -> ValueRange:
    return ValueRange(Decimal(low), Decimal(high))


FORCE_RANGE_N = _range(1, 2500)
TORQUE_RANGE_NM = _range(1, 600)


def _strength(code: str, label: str, patient_words: str) -> MeasurementType:
    return MeasurementType(
        code, label, patient_words, Family.STRENGTH, ValueKind.STRENGTH, "N", FORCE_RANGE_N
    )


def _flexibility(code: str, label: str, kind: ValueKind, unit: str | None, rng=None, note=""):
    return MeasurementType(code, label, label, Family.FLEXIBILITY, kind, unit, rng, note)


def _movement(code: str, label: str, kind: ValueKind, unit: str | None, rng=None, note=""):
    return MeasurementType(code, label, label, Family.MOVEMENT, kind, unit, rng, note)


_D, _I, _B = ValueKind.DECIMAL, ValueKind.INTEGER, ValueKind.BOOLEAN

MEASUREMENT_TYPES: dict[str, MeasurementType] = {
    m.code: m
    for m in (
        _strength(
            "knee_extensor_strength", "Knee extensor strength", "quadriceps (front of thigh)"
        ),
        _strength("knee_flexor_strength", "Knee flexor strength", "hamstrings (back of thigh)"),
        _strength("hip_abductor_strength", "Hip abductor strength", "gluteus medius (outer hip)"),
        _strength("hip_adductor_strength", "Hip adductor strength", "adductors (inner thigh)"),
        _strength("hip_extensor_strength", "Hip extensor strength", "gluteus maximus (buttock)"),
        _strength(
            "hip_external_rotator_strength", "Hip external rotator strength", "deep hip rotators"
        ),
        _strength("hip_flexor_strength", "Hip flexor strength", "hip flexors (front of hip)"),
        _strength("ankle_plantarflexor_strength", "Ankle plantarflexor strength", "calf"),
        _strength(
            "ankle_dorsiflexor_strength",
            "Ankle dorsiflexor strength",
            "tibialis anterior (front of shin)",
        ),
        _flexibility(
            "thomas_hip_angle",
            "Modified Thomas: thigh angle to horizontal",
            _D,
            "deg",
            _range(-40, 40),
            "positive = thigh above horizontal",
        ),
        _flexibility(
            "thomas_test",
            "Thomas test (hip flexors)",
            _B,
            None,
            note="positive = thigh does not reach the table",
        ),
        _flexibility(
            "thomas_knee_angle",
            "Modified Thomas: knee flexion of hanging leg",
            _D,
            "deg",
            _range(0, 160),
        ),
        _flexibility("ely_test", "Ely test (rectus femoris)", _B, None, note="positive = tight"),
        _flexibility(
            "ober_angle",
            "Modified Ober: hip adduction angle",
            _D,
            "deg",
            _range(-60, 40),
            "negative = below horizontal",
        ),
        _flexibility("ober_test", "Ober test (ITB/TFL)", _B, None, note="positive = leg stays up"),
        _flexibility(
            "active_knee_extension",
            "90/90 active knee extension (degrees short of straight)",
            _D,
            "deg",
            _range(0, 90),
        ),
        _flexibility("straight_leg_raise", "Passive straight-leg raise", _D, "deg", _range(0, 130)),
        _flexibility(
            "knee_to_wall", "Knee-to-wall (weight-bearing lunge)", _D, "cm", _range(0, 25)
        ),
        _movement(
            "single_leg_squat_fppa",
            "Single-leg squat frontal plane projection angle",
            _D,
            "deg",
            _range(-30, 45),
            "positive = knee moves inward (valgus)",
        ),
        _movement("knee_valgus_observed", "Knee valgus observed (squat, landing, gait)", _B, None),
        _movement(
            "lateral_step_down_score",
            "Lateral step-down quality score",
            _I,
            "points",
            _range(0, 6),
            "0-1 good, 2-3 moderate, 4+ poor",
        ),
        _movement(
            "trendelenburg_test",
            "Trendelenburg test (stance side)",
            _B,
            None,
            note="positive = opposite pelvis drops",
        ),
        _movement("heel_lift_in_squat", "Heels lift in bodyweight squat", _B, None),
        _movement(
            "foot_progression_angle",
            "Foot progression (toe-out) angle in walking",
            _D,
            "deg",
            _range(-30, 45),
            "recorded, not flagged",
        ),
        _movement(
            "single_leg_heel_raise", "Single-leg heel raises to fatigue", _I, "reps", _range(0, 200)
        ),
        _movement("single_leg_hop", "Single-leg hop for distance", _D, "cm", _range(0, 400)),
        _movement("y_balance_anterior", "Y-balance anterior reach", _D, "cm", _range(0, 150)),
    )
}

CODE_ORDER: dict[str, int] = {code: index for index, code in enumerate(MEASUREMENT_TYPES)}
SIDE_ORDER: dict[str | None, int] = {Side.LEFT: 0, Side.RIGHT: 1, None: 2, "": 2}

# api.md "Limits": more would be no clinical assessment (the catalogue has far fewer tests).
MAX_MEASUREMENTS_PER_ASSESSMENT = 200
TOO_MANY_MEASUREMENTS = f"At most {MAX_MEASUREMENTS_PER_ASSESSMENT} measurements per assessment."

# Assessment-level fields (not measurements).
BODY_MASS_KG_RANGE = _range(20, 300)
HEIGHT_CM_RANGE = _range(90, 230)
PAIN_NPRS_RANGE = _range(0, 10)


@dataclass(frozen=True)
class AssessmentQuantity:
    """A number recorded once per assessment, with its clinical name, unit and range."""

    label: str
    unit: str
    range: ValueRange

    def error(self, value: Decimal | int) -> str | None:
        """The message for a value outside the range (in the unit), or None when it is fine."""
        if self.range.contains(Decimal(value)):
            return None
        low, high = format_number(self.range.low), format_number(self.range.high)
        return (
            f"{self.label} must be from {low} to {high} {self.unit}; "
            f"you entered {format_number(Decimal(value))}."
        )


ASSESSMENT_QUANTITIES: dict[str, AssessmentQuantity] = {
    "body_mass_kg": AssessmentQuantity("Body mass", "kg", BODY_MASS_KG_RANGE),
    "height_cm": AssessmentQuantity("Height", "cm", HEIGHT_CM_RANGE),
    "pain_nprs": AssessmentQuantity("Pain (NPRS)", "points", PAIN_NPRS_RANGE),
}

PAIN_SITES: dict[str, str] = {
    "anterior": "Front of knee",
    "medial": "Inner knee",
    "lateral": "Outer knee",
    "posterior": "Back of knee",
    "diffuse": "Whole knee (diffuse)",
}

EMERGENCY, URGENT, ROUTINE = "emergency", "urgent", "routine"
RED_FLAG_TIERS_ORDER: tuple[str, ...] = (EMERGENCY, URGENT, ROUTINE)  # most urgent first

# Every red flag of rules.md (2026.2): code -> (tier, clinical words), in the table's order.
_RED_FLAG_TABLE: tuple[tuple[str, str, str], ...] = (
    ("unable_to_bear_weight", EMERGENCY, "Unable to bear weight for 4 steps after an injury"),
    ("suspected_fracture_or_dislocation", EMERGENCY, "Suspected fracture or dislocation"),
    (
        "extensor_mechanism_rupture",
        EMERGENCY,
        "Suspected extensor mechanism rupture (cannot lift the straight leg after an injury)",
    ),
    ("hot_swollen_joint_with_fever", EMERGENCY, "Hot, swollen joint with fever"),
    (
        "hot_swollen_joint",
        EMERGENCY,
        "Hot, red, swollen knee without fever (possible infection or crystals)",
    ),
    ("calf_swelling_or_tenderness", EMERGENCY, "Calf swelling or tenderness (possible clot)"),
    (
        "neurovascular_compromise",
        EMERGENCY,
        "Neurovascular compromise (cold, pale or numb foot, weak pulses)",
    ),
    ("systemically_unwell", EMERGENCY, "Systemically unwell"),
    ("locked_knee", URGENT, "Locked knee"),
    ("rapid_swelling_after_injury", URGENT, "Rapid swelling after injury (possible haemarthrosis)"),
    (
        "ottawa_knee_rule_positive",
        URGENT,
        "Ottawa knee rule positive after an injury",
    ),
    (
        "progressive_neurological_loss",
        URGENT,
        "Progressive neurological loss (spreading numbness, pins and needles, foot drop)",
    ),
    ("hard_mass_or_deformity", URGENT, "Hard mass or worsening deformity"),
    ("unexplained_weight_loss", URGENT, "Unexplained weight loss"),
    (
        "adolescent_hip_source",
        URGENT,
        "Age 9 to 16 with a limp or hip, groin or thigh pain (possible hip source)",
    ),
    ("night_or_constant_pain", ROUTINE, "Night or constant pain not eased by rest"),
    ("history_of_cancer", ROUTINE, "History of cancer"),
    (
        "morning_stiffness_over_30_min",
        ROUTINE,
        "Morning stiffness over 30 minutes (possible inflammatory arthritis)",
    ),
    (
        "unable_to_walk_or_move_knee",
        ROUTINE,
        "Unable to walk or move the knee without an injury",
    ),
)

RED_FLAGS: dict[str, str] = {code: words for code, _, words in _RED_FLAG_TABLE}
RED_FLAG_TIERS: dict[str, str] = {code: tier for code, tier, _ in _RED_FLAG_TABLE}

# 2026.1 codes that stay valid under a new name: old records keep them, new input is stored
# under the new code.
RED_FLAG_ALIASES: dict[str, str] = {"neurological_loss": "progressive_neurological_loss"}
# Every code a stored assessment may hold (current codes and aliases).
RED_FLAG_CODES_ACCEPTED: tuple[str, ...] = (*RED_FLAGS, *RED_FLAG_ALIASES)


def red_flag_code(code: str) -> str:
    """The current code of a red flag (an alias resolves to the code it stands for)."""
    return RED_FLAG_ALIASES.get(code, code)


def red_flag_words(code: str) -> str:
    """The clinical words of a red flag, aliases included."""
    return RED_FLAGS.get(red_flag_code(code)) or code.replace("_", " ")


def red_flag_tier(code: str) -> str | None:
    return RED_FLAG_TIERS.get(red_flag_code(code))


def referral_tier(codes: tuple[str, ...] | list[str]) -> str | None:
    """The most urgent tier of the flags present (emergency, urgent, routine); None without."""
    tiers = {red_flag_tier(code) for code in codes}
    return next((tier for tier in RED_FLAG_TIERS_ORDER if tier in tiers), None)


# The same flags as a patient would read them on a referral notice.
RED_FLAG_PATIENT_WORDS: dict[str, str] = {
    "unable_to_bear_weight": "You could not stand on your leg after an injury.",
    "suspected_fracture_or_dislocation": "A bone near your knee may be broken or out of place.",
    "extensor_mechanism_rupture": "You could not lift your straight leg after an injury.",
    "hot_swollen_joint_with_fever": "Your knee is hot and swollen, and you have a fever.",
    "hot_swollen_joint": "Your knee is hot, red and swollen.",
    "calf_swelling_or_tenderness": "Your calf is swollen or sore to touch.",
    "neurovascular_compromise": "Your foot is cold, pale or numb.",
    "systemically_unwell": "You feel unwell in your whole body.",
    "locked_knee": "Your knee got stuck and would not straighten.",
    "rapid_swelling_after_injury": "Your knee swelled up fast after an injury.",
    "ottawa_knee_rule_positive": "After your injury, a bone near your knee may need an X-ray.",
    "progressive_neurological_loss": "Numbness or weakness in your leg is spreading.",
    "hard_mass_or_deformity": "There is a hard lump near your knee, or its shape is changing.",
    "unexplained_weight_loss": "You have lost weight without trying.",
    "adolescent_hip_source": "Your pain may come from your hip, which a doctor should check.",
    "night_or_constant_pain": "Your pain does not stop, or it wakes you at night.",
    "history_of_cancer": "You have had cancer in the past.",
    "morning_stiffness_over_30_min": "Your knee is stiff for more than half an hour each morning.",
    "unable_to_walk_or_move_knee": "You cannot walk or move your knee, with no injury.",
    "neurological_loss": "Part of your leg feels numb or weak.",  # 2026.1 alias, old records
}


class MeasurementInvalid(ValueError):
    """A measurement that breaks the catalogue; `errors` maps field name to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class NormalizedMeasurement:
    """A measurement as stored: force in N, the code's unit otherwise, booleans apart."""

    code: str
    side: str
    value: Decimal | None  # None for boolean tests
    positive: bool | None  # None for numeric tests
    unit: str | None
    method: str | None
    entered_value: Decimal | None
    entered_unit: str | None


def measurement_choices() -> list[tuple[str, str]]:
    return [(m.code, m.label) for m in MEASUREMENT_TYPES.values()]


def format_number(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 2500, 0.11, -23.2."""
    return format(value.normalize(), "f")


def _as_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a JSON number as typed; None for anything else (bools included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = repr(value)
    if isinstance(value, int | str | Decimal):
        try:
            number = Decimal(value)
        except (InvalidOperation, ValueError):
            return None
        return number if number.is_finite() else None
    return None


def range_in_unit(code: str, unit: str | None) -> ValueRange | None:
    """The allowed range expressed in the unit the clinician typed (kgf, lbf: rounded inward)."""
    mtype = MEASUREMENT_TYPES[code]
    if not mtype.is_strength:
        return mtype.range
    if unit == TORQUE_UNIT:
        return TORQUE_RANGE_NM
    factor = NEWTONS_PER_FORCE_UNIT[unit or "N"]
    step = Decimal("0.01")
    return ValueRange(
        (FORCE_RANGE_N.low / factor).quantize(step, rounding=ROUND_CEILING).normalize(),
        (FORCE_RANGE_N.high / factor).quantize(step, rounding=ROUND_FLOOR).normalize(),
    )


def entered_text(value: object) -> str:
    """What the clinician sent, in words: a number as typed, yes/no, or the text quoted."""
    if isinstance(value, bool):
        return "positive" if value else "negative"
    if value is None or value == "":
        return "nothing"
    number = _as_decimal(value) if not isinstance(value, str) else None
    return format_number(number) if number is not None else f'"{value}"'


def describe_range(code: str, unit: str | None) -> str:
    rng = range_in_unit(code, unit)
    if rng is None:
        return "true or false"
    shown_unit = unit or MEASUREMENT_TYPES[code].unit
    suffix = f" {shown_unit}" if shown_unit else ""
    kind = "a whole number" if MEASUREMENT_TYPES[code].kind is ValueKind.INTEGER else "a number"
    return f"{kind} from {format_number(rng.low)} to {format_number(rng.high)}{suffix}"


def _strength_unit_and_method(
    code: str, unit: object, method: object, errors: dict[str, list[str]]
) -> tuple[str, str]:
    methods = [m.value for m in StrengthMethod]
    if method in (None, ""):
        method = StrengthMethod.HHD_ISOMETRIC if unit != TORQUE_UNIT else None
    if unit == TORQUE_UNIT and method in (None, StrengthMethod.HHD_ISOMETRIC):
        errors["method"] = [
            "Torque in Nm needs an isokinetic method: "
            + ", ".join(METHOD_LABELS[m] for m in methods[1:])
            + "."
        ]
        return "Nm", ""
    if method not in methods:
        errors["method"] = [
            f"Unknown method {method!r}. Allowed: "
            + ", ".join(f"{METHOD_LABELS[m]} ({m})" for m in methods)
            + "."
        ]
        return str(unit or "N"), ""
    isokinetic = method != StrengthMethod.HHD_ISOMETRIC
    if unit in (None, ""):
        unit = TORQUE_UNIT if isokinetic else "N"
    allowed_units = [TORQUE_UNIT] if isokinetic else list(NEWTONS_PER_FORCE_UNIT)
    if unit not in allowed_units:
        errors["unit"] = [
            f"{unit} does not fit {METHOD_LABELS[method]}; use {' or '.join(allowed_units)}."
        ]
    return str(unit), str(method)


def _check_value(code: str, side: str, value: object, unit: str | None) -> tuple[Decimal, Decimal]:
    """The number as typed and as stored (force in N), or a ValueError naming code, side and
    the range in the unit typed."""
    mtype = MEASUREMENT_TYPES[code]
    number = _as_decimal(value) if not isinstance(value, str) else None
    allowed = describe_range(code, unit)
    named = f"{mtype.label} ({side})"
    if number is None:
        raise ValueError(f"{named} needs {allowed}; you entered {entered_text(value)}.")
    if mtype.kind is ValueKind.INTEGER and number != number.to_integral_value():
        raise ValueError(f"{named} needs {allowed}; you entered {format_number(number)}.")
    stored = newtons(number, unit) if unit in NEWTONS_PER_FORCE_UNIT else number
    base_range = mtype.range  # checked in the stored unit: N for force, Nm for torque
    if unit == TORQUE_UNIT:
        base_range = TORQUE_RANGE_NM
    if base_range is not None and not base_range.contains(stored):
        raise ValueError(f"{named} must be {allowed}; you entered {format_number(number)}.")
    return number, stored


def normalize_measurement(
    code: object,
    side: object,
    value: object,
    unit: object = None,
    method: object = None,
    *,
    allow_empty: bool = False,
) -> NormalizedMeasurement:
    """Checks one measurement against the catalogue and returns it as stored.

    With `allow_empty`, a null value is a test copied to a draft and not measured yet: code,
    side, unit and method are checked and the value stays None (progress.md, follow-ups).
    Raises MeasurementInvalid with per-field messages that say what is allowed.
    """
    empty = allow_empty and value is None
    errors: dict[str, list[str]] = {}
    mtype = MEASUREMENT_TYPES.get(code) if isinstance(code, str) else None
    if mtype is None or not isinstance(code, str):
        raise MeasurementInvalid(
            {"code": [f"Unknown measurement code {code!r}. See the measurement catalogue."]}
        )
    if side not in (Side.LEFT, Side.RIGHT):
        errors["side"] = [f"Side must be left or right; you entered {entered_text(side)}."]
    side_text = str(side)
    if mtype.is_boolean:
        if unit not in (None, ""):
            errors["unit"] = [f"{mtype.label} is a positive/negative test and takes no unit."]
        if method not in (None, ""):
            errors["method"] = [f"A method applies only to strength tests, not to {mtype.label}."]
        if not isinstance(value, bool) and not empty:
            errors["value"] = [
                f"{mtype.label} ({side_text}) needs positive or negative (true or false); "
                f"you entered {entered_text(value)}."
            ]
        if errors:
            raise MeasurementInvalid(errors)
        positive = None if empty else bool(value)
        return NormalizedMeasurement(code, side_text, None, positive, None, None, None, None)

    if mtype.is_strength:
        unit, method = _strength_unit_and_method(code, unit, method, errors)
    else:
        if method not in (None, ""):
            errors["method"] = [f"A method applies only to strength tests, not to {mtype.label}."]
        if unit not in (None, "", mtype.unit):
            errors["unit"] = [f"{mtype.label} is recorded in {mtype.unit}; you entered {unit}."]
        unit, method = mtype.unit, None
    if "unit" not in errors and "method" not in errors and not empty:
        try:
            number, stored = _check_value(code, side_text, value, unit)
        except ValueError as exc:
            errors["value"] = [str(exc)]
    if errors:
        raise MeasurementInvalid(errors)
    stored_unit = "N" if unit in NEWTONS_PER_FORCE_UNIT else unit
    if empty:
        return NormalizedMeasurement(
            code, side_text, None, None, stored_unit, method or None, None, unit
        )
    if mtype.kind is ValueKind.INTEGER:
        number = stored = Decimal(int(number))
    return NormalizedMeasurement(
        code, side_text, stored, None, stored_unit, method or None, number, unit
    )
