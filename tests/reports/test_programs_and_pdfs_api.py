"""Home programs, exercises and PDFs through the API, for the three personas."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from PIL import Image
from pypdf import PdfReader

from assessments import catalogue, services
from patients.models import AuditEvent
from reports import services as report_services
from reports.models import Exercise
from tests.factories import PatientFactory
from tests.pdf_text import pdf_lines

DAY = datetime.date(2026, 3, 2)


def entry(code, side, value):
    return services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


def confirm_all(assessment, actor) -> None:
    """Grade C findings wait for the clinician; confirmed, they drive the program (2026.2)."""
    for finding in assessment.findings.all():
        services.finding_decide(finding=finding, actor=actor, status="confirmed")


@pytest.fixture
def assessment(clinician, patient):
    made = services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY,
        measurements=[
            entry("knee_to_wall", "left", Decimal("8")),
            entry("knee_to_wall", "right", Decimal("8")),
            entry("ely_test", "left", True),
        ],
    )
    confirm_all(made, clinician)
    return made


def test_propose_then_read_the_program(api, assessment):
    response = api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    assert response.status_code == 201
    items = response.json()["items"]
    # Strengthen first (the two guideline strengtheners, no finding named them), then the
    # stretches, then release; calf_tightness is on both sides.
    assert [i["exercise"] for i in items] == [
        "wall_squat",
        "glute_bridge",
        "standing_quad_stretch",
        "standing_calf_stretch",
        "bent_knee_calf_stretch",
        "foam_roll_quadriceps",
        "foam_roll_calves",
    ]
    calf = next(i for i in items if i["exercise"] == "standing_calf_stretch")
    assert (calf["side"], calf["reason"], calf["hold_seconds"], calf["per_week"]) == (
        "both",
        ["calf_tightness"],
        30,
        7,
    )
    assert items[0]["reason"] == [] and items[0]["name"] == "Wall squat"
    again = api.get(f"/api/v1/assessments/{assessment.pk}/program/")
    assert again.status_code == 200 and again.json()["items"] == items


def test_program_before_proposal_is_404_and_handout_409(api, assessment):
    assert api.get(f"/api/v1/assessments/{assessment.pk}/program/").status_code == 404
    assert api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").status_code == 409


def test_dismissed_findings_drive_no_exercises(api, assessment):
    for finding in assessment.findings.all():
        services.finding_decide(
            finding=finding, actor=assessment.clinician, status="dismissed", note="not relevant"
        )
    items = api.post(f"/api/v1/assessments/{assessment.pk}/program/").json()["items"]
    assert [i["exercise"] for i in items] == ["wall_squat", "glute_bridge"]


def test_red_flag_blocks_the_program_and_the_handout_refers(api, clinician, patient):
    flagged = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY, red_flags=["calf_swelling_or_tenderness"]
    )
    assert api.post(f"/api/v1/assessments/{flagged.pk}/program/").status_code == 409
    response = api.get(f"/api/v1/assessments/{flagged.pk}/handout.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_lines(response.content)
    assert "doctor" in text.lower()
    assert "calf is swollen" in text.lower()
    assert "Wall squat" not in text
    cleared = api.post(
        f"/api/v1/assessments/{flagged.pk}/clear-red-flags/",
        {"reason": "Scan clear"},
        format="json",
    )
    assert cleared.status_code == 200 and cleared.json()["red_flags_uncleared"] is False
    assert api.post(f"/api/v1/assessments/{flagged.pk}/program/").status_code == 201


def test_clinician_edits_items(api, assessment):
    items = api.post(f"/api/v1/assessments/{assessment.pk}/program/").json()["items"]
    first = items[0]["id"]
    changed = api.patch(
        f"/api/v1/program-items/{first}/", {"sets": 2, "notes": "slowly"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["sets"] == 2
    too_many = api.patch(f"/api/v1/program-items/{first}/", {"per_week": 8}, format="json")
    assert too_many.status_code == 400 and "per_week" in too_many.json()
    added = api.post(
        f"/api/v1/assessments/{assessment.pk}/program/items/",
        {"exercise": "dead_bug", "side": "both"},
        format="json",
    )
    assert added.status_code == 201
    assert (added.json()["sets"], added.json()["reps"]) == (3, 8)  # dead bug's default dosage
    unknown = api.post(
        f"/api/v1/assessments/{assessment.pk}/program/items/",
        {"exercise": "magic_pill"},
        format="json",
    )
    assert unknown.status_code == 400 and "exercise" in unknown.json()
    assert api.delete(f"/api/v1/program-items/{first}/").status_code == 204
    remaining = api.get(f"/api/v1/assessments/{assessment.pk}/program/").json()["items"]
    assert first not in [i["id"] for i in remaining]
    assert remaining[-1]["exercise"] == "dead_bug"


def test_colleague_shares_and_outsider_sees_404(colleague_api, outsider_api, api, assessment):
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    item = api.get(f"/api/v1/assessments/{assessment.pk}/program/").json()["items"][0]["id"]
    base = f"/api/v1/assessments/{assessment.pk}"
    assert colleague_api.get(f"{base}/program/").status_code == 200
    assert colleague_api.get(f"{base}/handout.pdf").status_code == 200
    for path in ("/program/", "/handout.pdf", "/report.pdf"):
        assert outsider_api.get(base + path).status_code == 404
    assert outsider_api.post(f"{base}/program/").status_code == 404
    assert (
        outsider_api.patch(f"/api/v1/program-items/{item}/", {"sets": 1}, format="json").status_code
        == 404
    )
    assert outsider_api.delete(f"/api/v1/program-items/{item}/").status_code == 404


def test_handout_lists_exercises_with_dosage_in_words(api, assessment, clinician):
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    response = api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf")
    text = " ".join(pdf_lines(response.content).split())
    assert "Ava Lind" in text
    assert "Wall calf stretch, back knee straight" in text
    # a calf stretch is done one leg at a time, so it says so (exercises.md)
    assert "Hold for 30 seconds, 3 times on each leg, every day" in text
    assert "3 sets of 10, hold each for 5 seconds, 3 days a week" in text  # wall squat
    assert AuditEvent.objects.filter(user=clinician, action="export", detail="handout.pdf").exists()


def test_paper_size_follows_the_clinic_and_the_query(api, assessment, clinic):
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    url = f"/api/v1/assessments/{assessment.pk}/handout.pdf"

    def width(response) -> float:
        return float(PdfReader(io.BytesIO(response.content)).pages[0].mediabox.width)

    assert round(width(api.get(url))) == 595  # A4 is 595 x 842 pt
    clinic.paper_size = "LETTER"
    clinic.save()
    assert round(width(api.get(url))) == 612  # US Letter is 612 x 792 pt
    assert round(width(api.get(url + "?paper=a4"))) == 595
    assert api.get(url + "?paper=a5").status_code == 400


def test_report_has_measurements_findings_and_sources(api, assessment):
    response = api.get(f"/api/v1/assessments/{assessment.pk}/report.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_lines(response.content).split())
    assert "Knee-to-wall" in text
    assert "Quadriceps (rectus femoris) tightness" in text
    assert "Peeler J, Anderson JE 2008" in text  # the Ely branch's source (2026.2)
    assert "10.4085/1062-6050-43.5.470" in text


def test_report_trend_uses_earlier_visits(api, clinician, patient, assessment):
    later = services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY + datetime.timedelta(weeks=6),
        measurements=[
            entry("knee_extensor_strength", "left", Decimal("200")),
            entry("knee_extensor_strength", "right", Decimal("250")),
        ],
        pain_nprs=3,
    )
    response = api.get(f"/api/v1/assessments/{later.pk}/report.pdf")
    assert response.status_code == 200
    text = pdf_lines(response.content)
    assert "2 March 2026" in text and "13 April 2026" in text  # both visits in the trend


def test_exercise_catalogue_and_clinic_copies(api, outsider_api, clinic):
    page = api.get("/api/v1/exercises/?page_size=100").json()
    listing = page["results"]
    assert page["count"] == 34 and len(listing) == 34  # exercises.md ships 34 in 2026.2
    assert {"id", "code", "name"} <= set(listing[0])
    shipped = next(e for e in listing if e["code"] == "clamshell")
    edited = api.patch(f"/api/v1/exercises/{shipped['id']}/", {"reps": 20}, format="json")
    assert edited.status_code == 200
    assert edited.json()["id"] != shipped["id"] and edited.json()["code"] == "clamshell"
    assert Exercise.objects.get(pk=shipped["id"]).reps == 15  # the shipped one is untouched
    mine = [
        e
        for e in api.get("/api/v1/exercises/?search=clamshell").json()["results"]
        if e["code"] == "clamshell"
    ]
    assert [e["reps"] for e in mine] == [20]
    theirs = [
        e
        for e in outsider_api.get("/api/v1/exercises/?page_size=100").json()["results"]
        if e["code"] == "clamshell"
    ]
    assert [e["reps"] for e in theirs] == [15]
    assert (
        outsider_api.patch(
            f"/api/v1/exercises/{edited.json()['id']}/", {"reps": 5}, format="json"
        ).status_code
        == 404
    )


def test_a_clinic_exercise_is_used_in_its_programs(api, clinician, patient):
    created = api.post(
        "/api/v1/exercises/",
        {
            "code": "stair_climb",
            "name": "Stair climb",
            "kind": "strengthen",
            "sets": 2,
            "reps": 10,
            "per_week": 3,
            "steps": ["Stand at the bottom of the stairs.", "Walk up slowly."],
            "cue": "Hold the rail.",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assessment = services.assessment_create(actor=clinician, patient=patient, assessed_on=DAY)
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    added = api.post(
        f"/api/v1/assessments/{assessment.pk}/program/items/",
        {"exercise": "stair_climb"},
        format="json",
    )
    assert added.status_code == 201 and added.json()["name"] == "Stair climb"


def test_exercise_picture_is_scaled_to_print_size(clinic, clinician):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = io.BytesIO()
    Image.new("RGB", (3000, 2000), "white").save(big, format="PNG")
    exercise = report_services.exercise_create(
        actor=clinician,
        clinic=clinic,
        code="with_picture",
        name="Pictured",
        kind="stretch",
        sets=1,
        reps=3,
        per_week=7,
        steps=["Stand."],
        cue="Breathe.",
        picture=SimpleUploadedFile("big.png", big.getvalue(), content_type="image/png"),
    )
    with Image.open(exercise.picture.path) as saved:
        assert max(saved.size) == 600


def test_program_for_a_patient_of_another_clinic_cannot_use_our_exercises(
    outsider_api, api, other_clinic, outsider
):
    foreign = PatientFactory(clinic=other_clinic)
    assessment = services.assessment_create(actor=outsider, patient=foreign, assessed_on=DAY)
    assert api.post(f"/api/v1/assessments/{assessment.pk}/program/").status_code == 404


def test_an_item_reason_must_name_findings(api, assessment):
    items = api.post(f"/api/v1/assessments/{assessment.pk}/program/").json()["items"]
    bad = api.patch(
        f"/api/v1/program-items/{items[0]['id']}/", {"reason": ["feels_tight"]}, format="json"
    )
    assert bad.status_code == 400
    assert "calf_tightness" in str(bad.json()["reason"])  # the message lists what is allowed
    good = api.patch(
        f"/api/v1/program-items/{items[0]['id']}/", {"reason": ["calf_tightness"]}, format="json"
    )
    assert good.status_code == 200 and good.json()["reason"] == ["calf_tightness"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"this is not a picture", "Upload a valid image"),
        ("drawing.gif", b"GIF89a", "File extension"),
    ],
)
def test_exercise_picture_must_be_a_png_or_jpeg(clinic, name, content, message):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    exercise = Exercise(
        clinic=clinic,
        code="pictured",
        name="Pictured",
        kind="stretch",
        sets=1,
        reps=3,
        per_week=7,
        steps=["Stand."],
        cue="Breathe.",
    )
    exercise.picture = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as caught:
        exercise.full_clean()
    assert message in " ".join(caught.value.message_dict["picture"])


def test_exercise_picture_over_5_mb_is_refused(clinic):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.models import validate_picture_size

    with pytest.raises(ValidationError, match="at most 5 MB"):
        validate_picture_size(SimpleUploadedFile("big.png", b"0" * (5 * 1024 * 1024 + 1)))


def test_a_clinic_picture_prints_in_the_handout(api, assessment, clinic):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = io.BytesIO()
    Image.new("RGB", (400, 300), "steelblue").save(png, format="PNG")
    copy = api.patch(
        f"/api/v1/exercises/{Exercise.objects.get(code='wall_squat', clinic=None).pk}/",
        {"cue": "Keep your back on the wall."},
        format="json",
    ).json()
    exercise = Exercise.objects.get(pk=copy["id"])
    exercise.picture = SimpleUploadedFile("squat.png", png.getvalue())
    exercise.full_clean()
    exercise.save()
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    content = api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").content
    reader = PdfReader(io.BytesIO(content))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1  # only the wall squat has a picture
    assert "Keep your back on the wall." in " ".join(pdf_lines(content).split())


def test_exercise_list_ignores_a_json_body_it_cannot_use(api):
    response = api.generic("GET", "/api/v1/exercises/", "[1]", content_type="application/json")
    assert response.status_code == 200


def test_a_member_of_two_clinics_names_the_clinic_of_a_new_exercise(api, clinician, other_clinic):
    from patients.models import Membership

    Membership.objects.create(user=clinician, clinic=other_clinic)
    body = {
        "code": "stair_climb",
        "name": "Stair climb",
        "kind": "strengthen",
        "sets": 2,
        "reps": 10,
        "per_week": 3,
        "steps": ["Walk up slowly."],
        "cue": "Hold the rail.",
    }
    refused = api.post("/api/v1/exercises/", body, format="json")
    assert refused.status_code == 400 and "several clinics" in refused.json()["clinic"][0]
    made = api.post(f"/api/v1/exercises/?clinic={other_clinic.pk}", body, format="json")
    assert made.status_code == 201 and made.json()["clinic"] == other_clinic.pk


def test_why_names_no_finding_that_waits_for_confirmation(api, clinician, patient):
    assessment = services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY,
        measurements=[entry("trendelenburg_test", "left", True)],  # grade C: to_confirm
    )
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    text = " ".join(
        pdf_lines(api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").content).split()
    )
    # 2026.2: a to_confirm finding drives nothing; the guideline defaults say so
    assert "Single-leg stand" not in text
    assert "hip drops" not in text.lower() and "pelvis" not in text.lower()
    assert "recommended for knee pain in general" in text
    # once the clinician confirms it, it adds its exercise and the why line names it
    confirm_all(assessment, clinician)
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    text = " ".join(
        pdf_lines(api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").content).split()
    )
    assert "Single-leg stand" in text
    assert "Hip drops when standing on one leg" in text


def test_reading_a_program_item_is_audited(api, assessment, clinician):
    item = api.post(f"/api/v1/assessments/{assessment.pk}/program/").json()["items"][0]["id"]
    assert api.get(f"/api/v1/program-items/{item}/").status_code == 200
    assert AuditEvent.objects.filter(
        user=clinician, action="view", object_type="programexercise"
    ).exists()
