"""GET /api/v1/patients/{id}/fhir/: a FHIR R4 Bundle (api.md "Interchange"), validated with
the fhir.resources R4B models for every resource of every demo patient."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from assessments import rules
from assessments.models import Assessment
from patients.models import AuditEvent, Patient
from progress.services import prom_record
from reports.fhir import FINDING_INPUTS, METRIC_INPUTS
from tests.conftest import api_client_for

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="demo")


def bundle_of(client, patient: Patient) -> dict:
    response = client.get(f"/api/v1/patients/{patient.pk}/fhir/")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def codes(resource: dict) -> list[tuple[str, str]]:
    return [(c["system"], c["code"]) for c in resource["code"]["coding"]]


def test_every_resource_of_every_demo_patient_validates_as_fhir_r4(demo):
    client = api_client_for(demo)
    patients = Patient.objects.filter(clinic__memberships__user=demo)
    assert patients.count() == 4  # three with two visits, Lena Okafor with three
    for patient in patients:
        visits = 3 if patient.last_name == "Okafor" else 2
        bundle = bundle_of(client, patient)
        Bundle.model_validate(bundle)
        for entry in bundle["entry"]:
            resource = entry["resource"]
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert bundle["type"] == "collection"
        assert len(resources(bundle, "Patient")) == 1
        assert len(resources(bundle, "Encounter")) == visits
        assert len(resources(bundle, "CarePlan")) == visits  # a program per visit


def test_a_visit_becomes_an_encounter_with_its_observations(demo):
    patient = Patient.objects.get(last_name="Berg")
    bundle = bundle_of(api_client_for(demo), patient)
    first, latest = resources(bundle, "Encounter")
    assert (first["status"], latest["status"]) == ("finished", "in-progress")
    visits = Assessment.objects.filter(patient=patient).order_by("assessed_on")
    assert first["period"]["start"] == visits[0].assessed_on.isoformat()
    observations = resources(bundle, "Observation")
    encounter_urls = {e["fullUrl"] for e in bundle["entry"] if e["resource"] in (first, latest)}
    assert {o["encounter"]["reference"] for o in observations} == encounter_urls
    measured = sum(v.measurements.count() for v in visits)
    metrics = sum(len(v.metrics) for v in visits)
    findings = sum(v.findings.count() for v in visits)
    vitals = 3 * 2  # body mass, height and pain at each visit
    assert len(observations) == vitals + measured + metrics + findings


def test_standard_codes_for_vitals_laterality_and_exercise_therapy(demo):
    bundle = bundle_of(api_client_for(demo), Patient.objects.get(last_name="Berg"))
    observations = resources(bundle, "Observation")
    all_codes = {code for o in observations for code in codes(o)}
    assert {(LOINC, "29463-7"), (LOINC, "8302-2"), (LOINC, "72514-3")} <= all_codes
    body_mass = next(o for o in observations if codes(o) == [(LOINC, "29463-7")])
    assert body_mass["valueQuantity"]["code"] == "kg"
    assert body_mass["valueQuantity"]["system"] == "http://unitsofmeasure.org"
    sides = {o["bodySite"]["coding"][0]["code"] for o in observations if "bodySite" in o}
    assert sides == {"7771000", "24028007"}
    plan = resources(bundle, "CarePlan")[0]
    assert plan["category"][0]["coding"][0] == {
        "system": SNOMED,
        "code": "229065009",
        "display": "Exercise therapy",
    }


def test_measurements_carry_method_unit_and_boolean_values(demo):
    bundle = bundle_of(api_client_for(demo), Patient.objects.get(last_name="Berg"))
    observations = resources(bundle, "Observation")
    strength = next(o for o in observations if "method" in o)
    assert strength["valueQuantity"]["code"] == "N"  # force is exported as stored, in N
    assert strength["method"]["coding"][0]["code"] == "hhd_isometric"
    assert any("valueBoolean" in o for o in observations)


def test_findings_are_exam_observations_with_explanation_source_and_inputs(demo):
    bundle = bundle_of(api_client_for(demo), Patient.objects.get(last_name="Berg"))
    urls = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    findings = [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["system"].endswith("/finding")
    ]
    assert findings
    for finding in findings:
        assert finding["category"][0]["coding"][0]["code"] == "exam"
        assert finding["interpretation"][0]["coding"][0]["code"] == "A"
        assert finding["note"][1]["text"].startswith("Source: ")
        assert finding["derivedFrom"], finding["code"]
        assert {d["reference"] for d in finding["derivedFrom"]} <= set(urls.values())


def test_a_care_plan_activity_states_the_dosage_in_words(demo):
    bundle = bundle_of(api_client_for(demo), Patient.objects.get(last_name="Berg"))
    activity = resources(bundle, "CarePlan")[0]["activity"][0]["detail"]
    assert activity["status"] == "scheduled"
    assert " set" in activity["description"] and "week" in activity["description"]


def test_the_export_is_audited(demo):
    patient = Patient.objects.get(last_name="Berg")
    bundle_of(api_client_for(demo), patient)
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert (event.patient_id, event.detail, event.user_id) == (patient.pk, "fhir", demo.pk)


def test_an_outsider_gets_a_404(outsider_api, patient):
    assert outsider_api.get(f"/api/v1/patients/{patient.pk}/fhir/").status_code == 404


def test_every_finding_and_metric_code_names_its_inputs():
    """A new rule must say which measurements it reads, or its findings lose derivedFrom."""
    assert set(FINDING_INPUTS) >= set(rules.FINDING_CODES)
    assert set(METRIC_INPUTS) >= set(rules.METRIC_CODES)


def test_the_front_desk_may_not_export_clinical_records(assistant, patient):
    response = api_client_for(assistant).get(f"/api/v1/patients/{patient.pk}/fhir/")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


KUJALA_POINTS = [5, 5, 5, 10, 5, 10, 10, 10, 10, 10, 10, 5, 5]
KUJALA_BEST = {str(number): points for number, points in enumerate(KUJALA_POINTS, start=1)}


def test_prom_responses_are_questionnaire_responses_with_score_observations(demo):
    patient = Patient.objects.get(last_name="Berg")
    draft = Assessment.objects.filter(patient=patient, status="draft").get()
    prom_record(actor=demo, assessment=draft, instrument="kujala", answers=KUJALA_BEST)
    prom_record(actor=demo, assessment=draft, instrument="lefs", answers={"1": 2})
    bundle = bundle_of(api_client_for(demo), patient)
    Bundle.model_validate(bundle)
    kujala, lefs = resources(bundle, "QuestionnaireResponse")
    assert lefs["questionnaire"].endswith("/Questionnaire/lefs")
    assert kujala["questionnaire"].endswith("/Questionnaire/kujala")
    assert [(i["linkId"], i["answer"][0]["valueInteger"]) for i in kujala["item"]][:2] == [
        ("1", 5),
        ("2", 5),
    ]
    scores = [
        o for o in resources(bundle, "Observation") if "/prom/" in o["code"]["coding"][0]["system"]
    ]
    by_instrument = {o["code"]["coding"][0]["system"].rsplit("/", 1)[1]: o for o in scores}
    # 5+5+5+10+5+10+10+10+10+10+10+5+5 = 100 points: the best Kujala score.
    assert by_instrument["kujala"]["valueQuantity"]["value"] == 100
    assert "dataAbsentReason" in by_instrument["lefs"]  # 1 of 20 items: not scorable
    urls = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    assert by_instrument["kujala"]["derivedFrom"] == [{"reference": urls[kujala["id"]]}]
