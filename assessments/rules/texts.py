"""Per finding code: the clinician label, the patient's title and the plain-language text."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

SUSPECTED = "suspected"  # the text variant of a calf_tightness suspected from heel lift

LABELS: Mapping[str, str] = MappingProxyType(
    {
        "quadriceps_weakness": "Quadriceps weakness",
        "hamstring_weakness": "Hamstring weakness",
        "hamstring_quadriceps_ratio_low": "Low hamstring:quadriceps ratio",
        "quadriceps_weak_relative_to_hamstrings": "Quadriceps weak relative to hamstrings",
        "hip_abductor_weakness": "Hip abductor weakness",
        "hip_extensor_weakness": "Hip extensor weakness",
        "hip_external_rotator_weakness": "Hip external rotator weakness",
        # Retired in 2026.2; kept so findings frozen under 2026.1 still read.
        "hip_adductor_weakness": "Hip adductor weakness (low adductor:abductor ratio)",
        "calf_weakness": "Calf (plantarflexor) weakness",
        "hop_asymmetry": "Single-leg hop asymmetry",
        "hip_flexor_tightness": "Hip flexor tightness",
        "quadriceps_tightness": "Quadriceps (rectus femoris) tightness",
        "hamstring_tightness": "Hamstring tightness",
        "itb_tightness": "ITB/TFL tightness",
        "calf_tightness": "Calf tightness (restricted ankle dorsiflexion)",
        "dynamic_knee_valgus": "Dynamic knee valgus",
        "poor_step_down_control": "Poor lateral step-down control",
        "pelvic_drop": "Pelvic drop (positive Trendelenburg)",
        "balance_asymmetry": "Y-balance anterior reach asymmetry",
        "hip_flexor_glute_imbalance": "Hip flexor tightness with gluteal weakness",
        "calf_tibialis_imbalance": "Calf tightness with tibialis anterior weakness",
        "referral_advised": "Referral advised (red flags)",
    }
)

PATIENT_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "quadriceps_weakness": "Weaker front thigh muscles",
        "hamstring_weakness": "Weaker back thigh muscles",
        "hamstring_quadriceps_ratio_low": "Back of the thigh weaker than the front",
        "quadriceps_weak_relative_to_hamstrings": "Front of the thigh weaker than the back",
        "hip_abductor_weakness": "Weaker outer hip muscles",
        "hip_extensor_weakness": "Weaker buttock muscles",
        "hip_external_rotator_weakness": "Weaker deep hip muscles",
        "hip_adductor_weakness": "Weaker inner thigh muscles",
        "calf_weakness": "Weaker calf muscles",
        "hop_asymmetry": "Shorter hop on one leg",
        "hip_flexor_tightness": "Tight muscles at the front of the hip",
        "quadriceps_tightness": "Tight front thigh muscles",
        "hamstring_tightness": "Tight back thigh muscles",
        "itb_tightness": "Tight outer thigh",
        "calf_tightness": "Tight calf muscles",
        "dynamic_knee_valgus": "Knee moves inward",
        "poor_step_down_control": "Knee control when stepping down",
        "pelvic_drop": "Hip drops when standing on one leg",
        "balance_asymmetry": "Shorter reach on one leg",
        "hip_flexor_glute_imbalance": "Tight front of hip with weaker hip muscles",
        "calf_tibialis_imbalance": "Tight calf with weaker shin muscles",
        "referral_advised": "Please see a doctor first",
    }
)

_STRONGER = "Exercises can help make these muscles stronger."

# Templates: {side} -> "your left side", {leg} -> "your left leg", {Leg} -> "Your left leg";
# without a side they read "one side", "one leg", "One leg".
PATIENT_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "quadriceps_weakness": "We tested the muscles at the front of your thighs. "
        "{Leg} was weaker than the other leg. " + _STRONGER,
        "hamstring_weakness": "We tested the muscles at the back of your thighs. "
        "{Leg} was weaker than the other leg. " + _STRONGER,
        "hamstring_quadriceps_ratio_low": "We compared the front and back muscles of your "
        "thigh. On {leg}, the back muscles were weaker than we would expect. " + _STRONGER,
        "quadriceps_weak_relative_to_hamstrings": "We compared the front and back muscles of "
        "your thigh. On {leg}, the front muscles were weak next to the back ones. " + _STRONGER,
        "hip_abductor_weakness": "We tested the muscles on the outer side of your hips. "
        "{Leg} was weaker than the other leg. These muscles help keep your knee in line. "
        + _STRONGER,
        "hip_extensor_weakness": "We tested your buttock muscles. "
        "{Leg} was weaker than the other leg. " + _STRONGER,
        "hip_external_rotator_weakness": "We tested the deep muscles that turn your hip out. "
        "{Leg} was weaker than the other leg. " + _STRONGER,
        "hip_adductor_weakness": "We compared the inner and outer muscles of your hip. "
        "On {leg}, the inner thigh muscles were weaker than we would expect. " + _STRONGER,
        "calf_weakness": "We tested your calf muscles with heel raises. "
        "On {leg}, they were weaker than we would expect. " + _STRONGER,
        "hop_asymmetry": "We measured how far you can hop on each leg. "
        "{Leg} did not hop as far as the other leg. Exercises can help build strength "
        "and control.",
        "hip_flexor_tightness": "We found tight muscles at the front of your hip on {side}. "
        "Gentle stretches can help them loosen.",
        "quadriceps_tightness": "We found tight muscles at the front of your thigh on {side}. "
        "Gentle stretches can help them loosen.",
        "hamstring_tightness": "We found tight muscles at the back of your thigh on {side}. "
        "Gentle stretches can help them loosen.",
        "itb_tightness": "We found that the outer side of your thigh was tight on {side}. "
        "Stretches and a foam roller can help.",
        "calf_tightness": "We measured how far your knee can move forward over your foot. "
        "On {side}, it moved less than we would expect. This can mean your calf muscles are "
        "tight. Calf stretches can help.",
        f"calf_tightness:{SUSPECTED}": "When you squatted, your heel lifted on {side}. "
        "This can mean your calf muscles are tight. We will check this with one more test. "
        "Calf stretches can help.",
        "dynamic_knee_valgus": "Your knee moves inward when you bend it while you stand on "
        "{leg}. Exercises can help you keep your knee in line with your foot.",
        "poor_step_down_control": "We watched you step down from a step on {leg}. "
        "Your knee and hip did not stay steady. Practice and strength work can help.",
        "pelvic_drop": "When you stood on {leg}, your other hip dropped down. "
        "Exercises for your outer hip can help keep your hips level.",
        "balance_asymmetry": "We measured how far you can reach forward while you stand on "
        "one leg. Your reach was shorter on {leg}. Balance practice can help.",
        "hip_flexor_glute_imbalance": "On {side}, the muscles at the front of your hip were "
        "tight and your buttock or outer hip muscles were weaker. Stretches and strength work "
        "can help bring them into balance.",
        "calf_tibialis_imbalance": "On {side}, your calf was tight and the muscles at the front "
        "of your shin were weaker. Stretches and strength work can help bring them into "
        "balance.",
        "referral_advised": "Some things you told us need a check by a doctor first. "
        "Please wait to start home exercises until your clinician says it is safe. "
        "We will help you plan the next step.",
    }
)

_SIDE_WORDS: dict[str | None, dict[str, str]] = {
    "left": {"side": "your left side", "leg": "your left leg", "Leg": "Your left leg"},
    "right": {"side": "your right side", "leg": "your right leg", "Leg": "Your right leg"},
    None: {"side": "one side", "leg": "one leg", "Leg": "One leg"},
}

# Every rendered text, built once: (template key, side) -> text.
_RENDERED: dict[tuple[str, str | None], str] = {
    (key, side): template.format(**words)
    for key, template in PATIENT_TEMPLATES.items()
    for side, words in _SIDE_WORDS.items()
}


def patient_title(code: str) -> str:
    """The short patient-facing name of a finding code ("Weaker outer hip muscles")."""
    return PATIENT_TITLES[code]


def patient_text(code: str, side: str | None = None, variant: str | None = None) -> str:
    """The plain-language text of a finding, for a side (or none) and an optional variant."""
    key = f"{code}:{variant}" if variant else code
    return _RENDERED[key, side if side in ("left", "right") else None]


def all_patient_texts() -> tuple[str, ...]:
    """Every rendered patient text (each code, variant and side), for handouts and tests."""
    return tuple(dict.fromkeys(_RENDERED.values()))


def label(code: str) -> str:
    """The clinician's name for a finding code."""
    return LABELS[code]
