"""A patient's record as a FHIR R4 Bundle (api.md "Interchange"): Patient, an Encounter per
visit, Observations for measurements, metrics and findings, a QuestionnaireResponse per PROM
response with an Observation per score, a CarePlan per home program."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from assessments import catalogue, rules
from assessments.models import Assessment, Finding, FindingStatus, Measurement
from assessments.serializers import api_number
from assessments.vocabulary import METRIC_LABELS
from patients.models import Patient
from progress import scoring
from progress.models import PromResponse
from reports.dosage import dosage_in_words
from reports.models import ProgramExercise

# The project's own code systems, for what no standard code names (URNs: never fetched).
SYSTEM = "urn:kneeclinic:fhir:CodeSystem"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
NAMESPACE = uuid.UUID("6f1d8a4e-2b7c-4c1e-9a57-1f0c3e5d7b21")  # fullUrls stable per record

LATERALITY = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}
EXERCISE_THERAPY = ("229065009", "Exercise therapy")
BODY_MASS = ("29463-7", "Body weight", "kg")
HEIGHT = ("8302-2", "Body height", "cm")
PAIN = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
# Units as stored (force in N) -> UCUM code; None is a ratio.
UCUM_CODES = {
    "N": "N",
    "kg": "kg",
    "Nm": "N.m",
    "deg": "deg",
    "cm": "cm",
    "points": "{score}",
    "reps": "{repetitions}",
    "%": "%",
    "%BW": "%",
    None: "1",
}
OBSERVATION_STATUS = {"final": "final", "draft": "preliminary"}
FINDING_STATUS: dict[str, str] = {
    FindingStatus.CONFIRMED: "final",
    FindingStatus.PROPOSED: "preliminary",
    FindingStatus.TO_CONFIRM: "preliminary",
    FindingStatus.DISMISSED: "cancelled",
}
# The measurements each metric is computed from (besides the one it names itself).
METRIC_INPUTS: dict[str, tuple[str, ...]] = {
    "hamstring_quadriceps_ratio": ("knee_flexor_strength", "knee_extensor_strength"),
    "adductor_abductor_ratio": ("hip_adductor_strength", "hip_abductor_strength"),
    "limb_symmetry_index": (),
    "strength_per_body_weight": (),
    "y_balance_anterior_difference": ("y_balance_anterior",),
}
# The measurements each finding reads (domain/rules.md tables), for `derivedFrom`.
FINDING_INPUTS: dict[str, tuple[str, ...]] = {
    "quadriceps_weakness": ("knee_extensor_strength",),
    "hamstring_weakness": ("knee_flexor_strength",),
    "hamstring_quadriceps_ratio_low": ("knee_flexor_strength", "knee_extensor_strength"),
    "quadriceps_weak_relative_to_hamstrings": ("knee_flexor_strength", "knee_extensor_strength"),
    "hip_abductor_weakness": ("hip_abductor_strength",),
    "hip_extensor_weakness": ("hip_extensor_strength",),
    "hip_external_rotator_weakness": ("hip_external_rotator_strength",),
    "hip_adductor_weakness": ("hip_adductor_strength", "hip_abductor_strength"),
    "calf_weakness": ("ankle_plantarflexor_strength", "single_leg_heel_raise"),
    "hop_asymmetry": ("single_leg_hop",),
    "hip_flexor_tightness": ("thomas_hip_angle", "thomas_test"),
    "quadriceps_tightness": ("thomas_knee_angle", "ely_test"),
    "hamstring_tightness": ("active_knee_extension", "straight_leg_raise"),
    "itb_tightness": ("ober_angle", "ober_test"),
    "calf_tightness": ("knee_to_wall", "heel_lift_in_squat"),
    "dynamic_knee_valgus": ("single_leg_squat_fppa", "knee_valgus_observed"),
    "poor_step_down_control": ("lateral_step_down_score",),
    "pelvic_drop": ("trendelenburg_test",),
    "balance_asymmetry": ("y_balance_anterior",),
    "hip_flexor_glute_imbalance": (
        "thomas_hip_angle",
        "thomas_test",
        "hip_extensor_strength",
        "hip_abductor_strength",
    ),
    "calf_tibialis_imbalance": (
        "knee_to_wall",
        "heel_lift_in_squat",
        "ankle_dorsiflexor_strength",
        "ankle_plantarflexor_strength",
    ),
    "referral_advised": (),
}


def full_url(kind: str, key: object) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{key}')}"


def coding(system: str, code: str, display: str | None = None) -> dict:
    concept = {"system": system, "code": code}
    return {**concept, "display": display} if display else concept


def concept(system: str, code: str, display: str | None = None) -> dict:
    return {"coding": [coding(system, code, display)], **({"text": display} if display else {})}


def own(kind: str, code: str, display: str | None = None) -> dict:
    return concept(f"{SYSTEM}/{kind}", code, display)


def quantity(value: Decimal, unit: str | None) -> dict:
    shown = unit if unit is not None else "ratio"
    return {"value": api_number(value), "unit": shown, "system": UCUM, "code": UCUM_CODES[unit]}


def body_site(side: str | None) -> dict:
    if side not in LATERALITY:
        return {}
    code, display = LATERALITY[side]
    return {"bodySite": concept(SNOMED, code, display)}


@dataclass
class BundleBuilder:
    """Collects a patient's resources, each with a stable fullUrl, in the Bundle's order."""

    patient: Patient
    entries: list[dict] = field(default_factory=list)

    def add(self, url: str, resource: dict) -> str:
        """Adds a resource under `url` (a urn:uuid), whose uuid is also its id."""
        resource = {
            "resourceType": resource["resourceType"],
            "id": url.rsplit(":", 1)[1],
            **resource,
        }
        self.entries.append({"fullUrl": url, "resource": resource})
        return url

    def bundle(self) -> dict:
        return {
            "resourceType": "Bundle",
            "id": str(uuid.uuid5(NAMESPACE, f"bundle/{self.patient.pk}")),
            "type": "collection",
            "timestamp": timezone.now().isoformat(),
            "entry": self.entries,
        }


def patient_resource(patient: Patient) -> dict:
    resource = {
        "resourceType": "Patient",
        "identifier": [{"system": f"{SYSTEM}/patient-id", "value": str(patient.pk)}],
        "active": patient.archived_at is None,
        "name": [{"family": patient.last_name, "given": [patient.first_name]}],
        "gender": patient.sex,
        "birthDate": patient.date_of_birth.isoformat(),
    }
    telecom = [
        {"system": system, "value": value}
        for system, value in (("email", patient.email), ("phone", patient.phone))
        if value
    ]
    return {**resource, "telecom": telecom} if telecom else resource


def encounter_resource(assessment: Assessment, patient_url: str) -> dict:
    return {
        "resourceType": "Encounter",
        "status": "finished" if assessment.is_final else "in-progress",
        "class": coding(ACT_CODE, "AMB", "ambulatory"),
        "type": [own("visit", "knee-assessment", "Knee assessment")],
        "subject": {"reference": patient_url},
        "period": {"start": assessment.assessed_on.isoformat()},
    }


@dataclass
class Visit:
    """What an assessment's observations share: subject, encounter, date and status."""

    assessment: Assessment
    patient_url: str
    encounter_url: str
    measurement_urls: dict[tuple[str, str], str] = field(default_factory=dict)

    def observation(self, code: dict, category: str, **fields) -> dict:
        status = OBSERVATION_STATUS[self.assessment.status]
        return {
            "resourceType": "Observation",
            "status": fields.pop("status", status),
            "category": [concept(CATEGORY, category)],
            "code": code,
            "subject": {"reference": self.patient_url},
            "encounter": {"reference": self.encounter_url},
            "effectiveDateTime": self.assessment.assessed_on.isoformat(),
            **fields,
        }

    def derived_from(self, codes: tuple[str, ...], side: str | None = None) -> dict:
        urls = [
            url
            for (code, measured_side), url in self.measurement_urls.items()
            if code in codes and (side is None or measured_side == side)
        ]
        return {"derivedFrom": [{"reference": url} for url in urls]} if urls else {}


def vital_signs(visit: Visit) -> list[tuple[str, dict]]:
    """Body mass, height and pain (NPRS), where recorded, with their LOINC codes."""
    assessment = visit.assessment
    found = []
    for key, (code, display, unit), value in (
        ("body-mass", BODY_MASS, assessment.body_mass_kg),
        ("height", HEIGHT, assessment.height_cm),
    ):
        if value is not None:
            fields = {"valueQuantity": quantity(value, unit)}
            found.append(
                (
                    key,
                    visit.observation(concept(LOINC, code, display), "vital-signs", **fields),
                )
            )
    if assessment.pain_nprs is not None:
        pain = concept(LOINC, PAIN[0], PAIN[1])
        found.append(("pain", visit.observation(pain, "survey", valueInteger=assessment.pain_nprs)))
    return found


def measurement_observation(visit: Visit, row: Measurement) -> dict:
    mtype = catalogue.MEASUREMENT_TYPES[row.code]
    fields: dict = body_site(row.side)
    if row.method:
        fields["method"] = own("method", row.method, catalogue.METHOD_LABELS[row.method])
    if row.positive is not None:
        fields["valueBoolean"] = row.positive
    elif row.value is not None:
        fields["valueQuantity"] = quantity(row.value, row.unit or None)
    if row.note:
        fields["note"] = [{"text": row.note}]
    code = own("measurement", row.code, mtype.label)
    return visit.observation(code, "exam", **fields)


def metric_observation(visit: Visit, metric: dict) -> dict:
    label = METRIC_LABELS.get(metric["code"], metric["code"])
    inputs = (*METRIC_INPUTS.get(metric["code"], ()), *filter(None, [metric["measurement"]]))
    fields = {
        **body_site(metric["side"]),
        "valueQuantity": quantity(Decimal(metric["value"]), metric["unit"]),
        **visit.derived_from(inputs, metric["side"] if metric["code"].endswith("ratio") else None),
    }
    if metric["measurement"]:
        measured = catalogue.MEASUREMENT_TYPES[metric["measurement"]].label
        fields["component"] = [
            {"code": own("measurement", metric["measurement"], measured), "valueString": measured}
        ]
    return visit.observation(own("metric", metric["code"], label), "exam", **fields)


def finding_observation(visit: Visit, finding: Finding) -> dict:
    fields: dict = {
        "status": FINDING_STATUS[finding.status],
        **body_site(finding.side or None),
        "interpretation": [
            {"coding": [coding(INTERPRETATION, "A", "Abnormal")], "text": finding.severity}
        ],
        "note": [{"text": finding.explanation}, {"text": f"Source: {rules.cite(finding.source)}"}],
        **visit.derived_from(FINDING_INPUTS.get(finding.code, ())),
    }
    if finding.note:
        fields["note"].append({"text": f"Clinician: {finding.note}"})
    if finding.value_positive:
        fields["valueBoolean"] = True
    elif finding.value is not None:
        fields["valueQuantity"] = quantity(finding.value, finding.unit or None)
    code = own("finding", finding.code, rules.label(finding.code))
    return visit.observation(code, "exam", **fields)


def questionnaire_response(visit: Visit, prom: PromResponse) -> dict:
    """The answers as given, item by item (number and short label, never the item's wording)."""
    instrument = scoring.INSTRUMENTS[prom.instrument]
    labels = {item.number: item.label for item in instrument.items}
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{SYSTEM}/Questionnaire/{prom.instrument}",
        "status": "completed",
        "subject": {"reference": visit.patient_url},
        "encounter": {"reference": visit.encounter_url},
        "authored": prom.completed_on.isoformat(),
        "item": [
            {"linkId": number, "text": labels[number], "answer": [{"valueInteger": value}]}
            for number, value in prom.ordered_answers().items()
        ],
    }


def prom_score_observation(visit: Visit, prom: PromResponse, subscale: str, score: dict, url: str):
    """One subscale (or total) score; a score that could not be computed says why."""
    instrument = scoring.INSTRUMENTS[prom.instrument]
    names = {s.code: s.name for s in instrument.subscales}
    code = own(f"prom/{prom.instrument}", subscale, f"{instrument.name}: {names[subscale]}")
    fields: dict = {"derivedFrom": [{"reference": url}]}
    if score["score"] is None:
        fields["dataAbsentReason"] = {"text": score["reason"] or "not scorable"}
    else:
        fields["valueQuantity"] = {
            **quantity(Decimal(str(score["score"])), "points"),
            "unit": "points",
        }
    if score.get("prorated"):
        fields["note"] = [{"text": "Prorated: some items were not answered."}]
    return visit.observation(
        code, "survey", effectiveDateTime=prom.completed_on.isoformat(), **fields
    )


def care_plan(visit: Visit, items: list[ProgramExercise], findings: list[str]) -> dict:
    program = visit.assessment.home_program
    return {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "category": [concept(SNOMED, *EXERCISE_THERAPY)],
        "title": "Home exercise program",
        "subject": {"reference": visit.patient_url},
        "encounter": {"reference": visit.encounter_url},
        "created": program.created_at.isoformat(),
        **({"supportingInfo": [{"reference": url} for url in findings]} if findings else {}),
        "activity": [{"detail": _activity(item)} for item in items],
    }


def _activity(item: ProgramExercise) -> dict:
    exercise = item.exercise
    dosage = dosage_in_words(
        kind=exercise.kind,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        per_week=item.per_week,
        per_day=item.per_day,
        one_leg=exercise.one_leg and item.side == "both",
    )
    side = "" if item.side == "both" else f" ({item.side} leg)"
    notes = f". {item.notes}" if item.notes else ""
    return {
        "kind": "ServiceRequest",
        "code": own("exercise", exercise.code, exercise.name),
        "status": "scheduled",
        "description": f"{exercise.name}{side}: {dosage}{notes}",
    }


def _visit_resources(builder: BundleBuilder, assessment: Assessment, patient_url: str) -> None:
    encounter_url = builder.add(
        full_url("Encounter", assessment.pk), encounter_resource(assessment, patient_url)
    )
    visit = Visit(assessment, patient_url, encounter_url)
    for key, resource in vital_signs(visit):
        builder.add(full_url("Observation", f"{assessment.pk}/{key}"), resource)
    recorded = [m for m in assessment.measurements.all() if m.is_recorded]
    for row in sorted(recorded, key=lambda m: m.sort_key):
        url = full_url("Observation", f"{assessment.pk}/{row.code}/{row.side}")
        visit.measurement_urls[(row.code, row.side)] = builder.add(
            url, measurement_observation(visit, row)
        )
    for index, metric in enumerate(assessment.metrics):
        url = full_url("Observation", f"{assessment.pk}/metric/{index}")
        builder.add(url, metric_observation(visit, metric))
    finding_urls = []
    for finding in assessment.findings.all():
        url = full_url("Observation", f"{assessment.pk}/finding/{finding.pk}")
        finding_urls.append(builder.add(url, finding_observation(visit, finding)))
    for prom in assessment.prom_responses.all():
        url = builder.add(
            full_url("QuestionnaireResponse", prom.pk), questionnaire_response(visit, prom)
        )
        for subscale, score in prom.ordered_scores().items():
            observation = prom_score_observation(visit, prom, subscale, score, url)
            builder.add(full_url("Observation", f"prom/{prom.pk}/{subscale}"), observation)
    program = getattr(assessment, "home_program", None)
    if program is not None:
        items = list(program.items.all())
        builder.add(full_url("CarePlan", program.pk), care_plan(visit, items, finding_urls))


def patient_bundle(patient: Patient) -> dict:
    """The Bundle (type collection) of one patient: every visit that is not archived."""
    builder = BundleBuilder(patient)
    patient_url = builder.add(full_url("Patient", patient.pk), patient_resource(patient))
    visits = (
        Assessment.objects.filter(patient=patient, archived_at__isnull=True)
        .select_related("home_program")
        .prefetch_related(
            "measurements",
            Prefetch("findings", queryset=Finding.objects.order_by("position", "id")),
            Prefetch(
                "prom_responses",
                queryset=PromResponse.objects.filter(archived_at__isnull=True).order_by("id"),
            ),
            Prefetch(
                "home_program__items",
                queryset=ProgramExercise.objects.select_related("exercise").order_by("position"),
            ),
        )
        .order_by("assessed_on", "id")
    )
    for assessment in visits:
        _visit_resources(builder, assessment, patient_url)
    return builder.bundle()
