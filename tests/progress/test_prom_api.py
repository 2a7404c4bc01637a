"""PROM responses through the API: record, read, change, archive, for the three personas."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services as assessment_services
from patients.models import AuditEvent
from progress import services
from progress.models import PromResponse

DAY = datetime.date(2026, 3, 2)
KUJALA_BEST = {str(item): points for item, points in enumerate(
    [5, 5, 5, 10, 5, 10, 10, 10, 10, 10, 10, 5, 5], start=1
)}  # fmt: skip


@pytest.fixture
def visit(clinician, patient):
    return assessment_services.assessment_create(actor=clinician, patient=patient, assessed_on=DAY)


def proms_url(visit):
    return f"/api/v1/assessments/{visit.pk}/proms/"


def record(api, visit, instrument, answers, **extra):
    return api.post(
        proms_url(visit), {"instrument": instrument, "answers": answers, **extra}, format="json"
    )


def test_record_koos_computes_subscale_scores(api, visit):
    # QOL 1, 1, 1, 0: 100 - 0.75 x 25 = 81.25 -> 81.3; Sport/Rec 2 of 5 answered: not scored.
    response = record(api, visit, "koos", {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 0, "SP1": 2, "SP2": 3})
    assert response.status_code == 201
    body = response.json()
    assert (body["assessment"], body["instrument"], body["completed_on"]) == (
        visit.pk,
        "koos",
        "2026-03-02",  # defaults to the visit date
    )
    assert list(body["answers"].items()) == [
        ("SP1", 2),
        ("SP2", 3),
        ("Q1", 1),
        ("Q2", 1),
        ("Q3", 1),
        ("Q4", 0),
    ]  # item order
    assert body["scores"]["qol"] == {"score": 81.3, "reason": None, "prorated": False}
    assert body["scores"]["sport_rec"]["score"] is None
    assert "2 of 5" in body["scores"]["sport_rec"]["reason"]
    assert list(body["scores"]) == ["symptoms", "pain", "adl", "sport_rec", "qol"]


def test_record_lefs_prorated_and_kujala_total(api, visit):
    lefs = {str(n): 4 for n in range(1, 20)}  # item 20 missing: 76 / 19 x 20 = 80
    response = record(api, visit, "lefs", lefs, completed_on="2026-03-01")
    assert response.json()["scores"] == {"total": {"score": 80, "reason": None, "prorated": True}}
    assert response.json()["completed_on"] == "2026-03-01"
    response = record(api, visit, "kujala", KUJALA_BEST | {"3": 2})  # 100 - 5 + 2 = 97
    assert response.json()["scores"]["total"]["score"] == 97


def test_a_fraction_is_a_400_and_a_whole_float_is_taken(api, visit):
    response = record(api, visit, "koos_pf", {"PF1": 2.5})
    assert response.status_code == 400
    assert response.json() == {
        "answers": {
            "PF1": ["PF1 (patellofemoral item 1) must be a whole number from 0 to 4; got 2.5."]
        }
    }
    assert record(api, visit, "koos_pf", {"PF1": 2.0}).json()["answers"] == {"PF1": 2}


@pytest.mark.parametrize(
    ("instrument", "answers", "item", "message"),
    [
        ("koos", {"P1": 5}, "P1", "P1 (how often pain) must be a whole number from 0 to 4; got 5."),
        ("koos", {"P10": 1}, "P10", "unknown item P10; "),
        ("kujala", {"3": 4}, "3", "item 3 (walking) must be one of 5, 3, 2, 0 points; got 4."),
        ("lefs", {"1": True}, "1", "item 1 (usual work, housework or school) must be a whole"),
    ],
)
def test_bad_answer_is_a_400_naming_the_item_and_nothing_is_stored(
    api, visit, instrument, answers, item, message
):
    response = record(api, visit, instrument, answers)
    assert response.status_code == 400
    assert response.json()["answers"][item][0].startswith(message)
    assert not PromResponse.objects.exists()


@pytest.mark.parametrize("answers", [[1, 2], "P1=2", 3])
def test_answers_that_are_not_an_object_are_a_400(api, visit, answers):
    response = record(api, visit, "koos", answers)
    assert response.status_code == 400 and "answers" in response.json()


def test_unknown_instrument_is_a_400_naming_the_allowed(api, visit):
    response = record(api, visit, "womac", {})
    assert response.status_code == 400
    assert "koos, koos_pf, kujala, lefs" in response.json()["instrument"][0]


def test_second_response_for_an_instrument_is_a_400_on_instrument(api, visit):
    assert record(api, visit, "lefs", {"1": 2}).status_code == 201
    response = record(api, visit, "lefs", {"1": 3})
    assert response.status_code == 400
    assert list(response.json()) == ["instrument"]
    assert PromResponse.objects.count() == 1


def test_list_is_unpaginated_in_instrument_order(api, visit):
    for instrument in ("lefs", "koos", "kujala"):
        record(api, visit, instrument, {})
    response = api.get(proms_url(visit))
    assert response.status_code == 200
    assert [r["instrument"] for r in response.json()] == ["koos", "kujala", "lefs"]


def test_patch_replaces_answers_and_rescores(api, visit):
    prom = record(api, visit, "kujala", KUJALA_BEST).json()
    assert prom["scores"]["total"]["score"] == 100
    response = api.patch(
        f"/api/v1/proms/{prom['id']}/", {"answers": KUJALA_BEST | {"9": 3}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["scores"]["total"]["score"] == 93  # 100 - 10 + 3
    response = api.patch(f"/api/v1/proms/{prom['id']}/", {"answers": {"1": 5}}, format="json")
    assert response.json()["scores"]["total"]["score"] is None  # 12 items now missing


def test_patch_bad_answer_is_a_400_and_changes_nothing(api, visit):
    prom = record(api, visit, "kujala", KUJALA_BEST).json()
    response = api.patch(f"/api/v1/proms/{prom['id']}/", {"answers": {"1": 4}}, format="json")
    assert response.status_code == 400
    assert PromResponse.objects.get().answers == KUJALA_BEST


def test_delete_archives_and_the_visit_may_record_again(api, visit):
    prom = record(api, visit, "lefs", {"1": 2}).json()
    assert api.delete(f"/api/v1/proms/{prom['id']}/").status_code == 204
    assert PromResponse.objects.get().archived_at is not None  # never hard-deleted
    assert api.get(proms_url(visit)).json() == []
    assert api.get(f"/api/v1/proms/{prom['id']}/").status_code == 404
    assert record(api, visit, "lefs", {"1": 3}).status_code == 201


def test_final_assessment_proms_cannot_change(api, clinician, visit):
    prom = record(api, visit, "lefs", {"1": 2}).json()
    assessment_services.assessment_finalize(assessment=visit, actor=clinician)
    assert record(api, visit, "koos", {}).status_code == 409
    assert (
        api.patch(f"/api/v1/proms/{prom['id']}/", {"answers": {}}, format="json").status_code == 409
    )
    assert api.delete(f"/api/v1/proms/{prom['id']}/").status_code == 409
    assert api.get(f"/api/v1/proms/{prom['id']}/").status_code == 200
    assert PromResponse.objects.get().archived_at is None


def test_colleague_reads_and_outsider_gets_404(api, colleague_api, outsider_api, visit):
    prom = record(api, visit, "lefs", {"1": 2}).json()
    assert colleague_api.get(f"/api/v1/proms/{prom['id']}/").status_code == 200
    assert outsider_api.get(f"/api/v1/proms/{prom['id']}/").status_code == 404
    assert outsider_api.get(proms_url(visit)).status_code == 404
    assert record(outsider_api, visit, "koos", {}).status_code == 404
    assert outsider_api.patch(f"/api/v1/proms/{prom['id']}/", {}, format="json").status_code == 404
    assert outsider_api.delete(f"/api/v1/proms/{prom['id']}/").status_code == 404


def test_every_read_and_change_is_audited(api, clinician, visit):
    prom = record(api, visit, "lefs", {"1": 2}).json()
    api.get(proms_url(visit))
    api.get(f"/api/v1/proms/{prom['id']}/")
    api.patch(f"/api/v1/proms/{prom['id']}/", {"answers": {"1": 3}}, format="json")
    api.delete(f"/api/v1/proms/{prom['id']}/")
    events = AuditEvent.objects.filter(user=clinician, patient=visit.patient).order_by("id")
    actions = [(e.action, e.object_type) for e in events if e.object_type != "assessment"
               or e.detail == "proms"]  # fmt: skip
    assert actions == [
        ("create", "promresponse"),
        ("view", "assessment"),
        ("view", "promresponse"),
        ("update", "promresponse"),
        ("archive", "promresponse"),
    ]


def test_unauthenticated_is_401(client, visit):
    assert client.get(proms_url(visit)).status_code == 401
    assert client.get("/api/v1/prom-instruments/").status_code == 401


def test_prom_instruments_vocabulary(api):
    body = api.get("/api/v1/prom-instruments/").json()
    assert [(i["code"], i["mic"]) for i in body] == [
        ("koos", 10),
        ("koos_pf", 16.4),
        ("kujala", 10),
        ("lefs", 9),
    ]
    koos, _, kujala, lefs = body
    assert koos["subscales"] == ["symptoms", "pain", "adl", "sport_rec", "qol"]
    assert len(koos["items"]) == 42
    assert koos["items"][0] == {
        "number": "S1",
        "label": "swelling",
        "subscale": "symptoms",
        "allowed": [0, 1, 2, 3, 4],
        "options": [
            {"points": 0, "label": "no problems"},
            {"points": 1, "label": ""},
            {"points": 2, "label": ""},
            {"points": 3, "label": ""},
            {"points": 4, "label": "extreme problems"},
        ],
    }
    walking = kujala["items"][2]
    assert (walking["number"], walking["label"], walking["allowed"]) == (
        "3",
        "walking",
        [5, 3, 2, 0],
    )
    assert [i["number"] for i in lefs["items"]] == [str(n) for n in range(1, 21)]
    assert "doi:10.1093/ptj/79.4.371" in lefs["reference"]


def test_listing_proms_takes_the_same_queries_for_one_or_four(api, clinician, visit):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get(proms_url(visit)).status_code == 200
        return len(context)

    services.prom_record(actor=clinician, assessment=visit, instrument="koos", answers={})
    one = queries()
    for instrument in ("koos_pf", "kujala", "lefs"):
        services.prom_record(actor=clinician, assessment=visit, instrument=instrument, answers={})
    assert queries() == one


def test_read_back_keeps_item_and_subscale_order(api, visit):
    prom = record(api, visit, "koos", {"Q4": 1, "SP2": 2, "A17": 0, "S1": 3}).json()
    body = api.get(f"/api/v1/proms/{prom['id']}/").json()
    assert list(body["answers"]) == ["S1", "A17", "SP2", "Q4"]
    assert list(body["scores"]) == ["symptoms", "pain", "adl", "sport_rec", "qol"]
