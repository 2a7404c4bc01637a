"""List filters (patients/views.py FilterSet): the form class is built once per filter set,
so each request is validated and filtered by its own values, never an earlier request's."""

from __future__ import annotations

from patients.views import PatientFilterSet
from tests.factories import PatientFactory

URL = "/api/v1/patients/"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [p["last_name"] for p in response.json()["results"]]


def test_each_request_filters_by_its_own_values(api, clinic):
    PatientFactory(clinic=clinic, last_name="Active")
    gone = PatientFactory(clinic=clinic, last_name="Gone")
    api.delete(f"{URL}{gone.pk}/")
    assert names(api.get(URL, {"archived": "true"})) == ["Gone"]
    assert names(api.get(URL)) == ["Active"]
    assert names(api.get(URL, {"archived": "false"})) == ["Active"]
    assert names(api.get(URL, {"archived": "true"})) == ["Gone"]


def test_a_bad_value_is_refused_each_time_and_a_good_one_after_it_applies(api, patient):
    for _ in range(2):
        bad = api.get("/api/v1/assessments/", {"patient": "1.5"})
        assert bad.status_code == 400 and "patient" in bad.json()
    good = api.get("/api/v1/assessments/", {"patient": patient.pk})
    assert good.status_code == 200 and good.json()["count"] == 0


def test_the_form_class_is_built_once_per_filter_set(clinic):
    first = PatientFilterSet(data={"archived": "true"}).get_form_class()
    second = PatientFilterSet(data={"archived": "false"}).get_form_class()
    assert first is second
    assert PatientFilterSet(data={"archived": "false"}).form.data["archived"] == "false"
