"""Exercise drawings: a pose for every catalogue exercise, valid and repeatable SVG and PNG, the
picture endpoint (drawing or the clinic's upload) and the drawing in the admin."""

from __future__ import annotations

import io
import math
import struct
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from reportlab.graphics.shapes import PolyLine

from reports.models import Exercise
from reports.pdf.figures import (
    POSES,
    PRINT_WIDTH_PT,
    drawing_png,
    drawing_svg,
    exercise_drawing,
    has_drawing,
)
from reports.pdf.figures.model import pose
from reports.pdf.figures.shapes import WORKING
from tests.conftest import PASSWORD

# Every code of catalogue 2026.2, copied from ../shared/domain/exercises.md (26 + 8 new).
CATALOGUE_2026_2 = {
    "quad_set", "straight_leg_lift", "seated_knee_extension", "wall_squat", "split_squat",
    "step_down", "lunge", "leg_press", "hamstring_curl", "glute_bridge", "single_leg_bridge",
    "clamshell", "banded_clamshell", "side_lying_hip_abduction", "adductor_squeeze",
    "calf_raise", "single_leg_calf_raise", "tibialis_raise", "dead_bug", "squat_knee_alignment",
    "single_leg_stance", "single_leg_balance", "standing_quad_stretch", "prone_quad_stretch",
    "seated_hamstring_stretch", "standing_hip_flexor_stretch", "kneeling_hip_flexor_stretch",
    "standing_calf_stretch", "bent_knee_calf_stretch", "glute_stretch", "foam_roll_quadriceps",
    "foam_roll_hamstrings", "foam_roll_calves", "foam_roll_outer_thigh",
}  # fmt: skip
CODES = sorted(CATALOGUE_2026_2)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_the_catalogue_has_34_exercises_and_each_has_a_pose():
    assert len(CATALOGUE_2026_2) == 26 + 8
    assert set(POSES) == CATALOGUE_2026_2


def test_every_shipped_exercise_of_todays_catalogue_has_a_drawing():
    from reports.exercise_catalogue import EXERCISES

    assert all(has_drawing(code) for code in EXERCISES)


@pytest.mark.parametrize("code", CODES)
def test_each_pose_has_a_start_and_an_end_that_differ(code):
    exercise = POSES[code]
    assert exercise.code == code and exercise.name
    start, end = pose(exercise.start.figure), pose(exercise.end.figure)
    moved = max(math.dist(start[name], end[name]) for name in start.points)
    if code.startswith("foam_roll") or code == "adductor_squeeze":
        assert exercise.start.props != exercise.end.props  # the roller or the ball changes
    else:  # some joint moves by more than 3 figure units (a standing figure is 100 tall)
        assert moved > 3.0


@pytest.mark.parametrize("code", CODES)
def test_each_drawing_marks_the_movement_and_the_working_leg(code):
    exercise = POSES[code]
    assert exercise.start.arrows or exercise.end.arrows
    drawing = exercise_drawing(code)
    lines = [shape for shape in drawing.contents if isinstance(shape, PolyLine)]
    assert len(lines) > 40  # two figures of capsules with their outlines, props, arrows
    if exercise.working != "none":
        assert any(line.strokeColor == WORKING for line in lines)


def test_a_drawing_takes_the_width_asked_for():
    assert exercise_drawing("wall_squat", 200.0).width == pytest.approx(200.0)
    assert exercise_drawing("clamshell").width == pytest.approx(PRINT_WIDTH_PT)


def test_an_unknown_code_is_a_clear_key_error():
    assert not has_drawing("moonwalk")
    with pytest.raises(KeyError, match="moonwalk"):
        exercise_drawing("moonwalk")


@pytest.mark.parametrize("code", CODES)
def test_svg_is_valid_and_repeatable(code):
    svg = drawing_svg(code)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(root.get("width")) == pytest.approx(PRINT_WIDTH_PT, abs=0.01)
    assert root.get("viewBox") == f"0 0 {PRINT_WIDTH_PT:.0f} {root.get('height')}"
    assert root.find("{http://www.w3.org/2000/svg}title").text == POSES[code].name
    assert svg == drawing_svg(code)


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("code", CODES)
def test_png_is_5_cm_at_300_dpi_and_repeatable(code):
    png = drawing_png(code)
    width, height = _png_size(png)
    assert width == round(PRINT_WIDTH_PT * 300 / 72)  # 142 pt (5 cm) at 300 dpi -> 592 pixels
    assert 100 < height < 900
    assert png == drawing_png(code)
    with Image.open(io.BytesIO(png)) as image:
        image.verify()


def test_png_lines_are_as_thick_at_300_dpi_as_the_svg_says():
    """The rasteriser ignores dpi for line widths; drawn at 1 px per point, they scale."""
    with Image.open(io.BytesIO(drawing_png("wall_squat"))) as image:
        dark = sum(1 for value in image.convert("L").getdata() if value < 80)
    assert dark / (image.width * image.height) > 0.05  # thick dark legs, not hairlines


# The endpoint


def shipped(code: str = "wall_squat") -> Exercise:
    return Exercise.objects.get(code=code, clinic=None)


def url(exercise: Exercise, query: str = "") -> str:
    return f"/api/v1/exercises/{exercise.pk}/picture/{query}"


def test_a_shipped_exercise_picture_is_its_drawing_as_svg_by_default(api):
    response = api.get(url(shipped()))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == drawing_svg("wall_squat")


def test_format_png_gives_the_png_drawing(api):
    response = api.get(url(shipped(), "?format=png"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content == drawing_png("wall_squat")


def test_accept_header_chooses_the_format(api):
    png = api.get(url(shipped("clamshell")), HTTP_ACCEPT="image/png")
    svg = api.get(url(shipped("clamshell")), HTTP_ACCEPT="image/svg+xml")
    assert (png["Content-Type"], svg["Content-Type"]) == ("image/png", "image/svg+xml")
    assert png.content[:8] == PNG_SIGNATURE


def test_an_unknown_format_is_a_400_naming_the_allowed_ones(api):
    response = api.get(url(shipped(), "?format=gif"))
    assert response.status_code == 400
    assert response.json() == {"format": ["Allowed: svg, png."]}


def _clinic_exercise(clinic, code: str, picture: bytes | None = None) -> Exercise:
    exercise = Exercise(
        clinic=clinic, code=code, name="Stair climb", kind="strengthen", sets=3, reps=10,
        per_week=3, steps=["Walk up slowly."], cue="Hold the rail.",
    )  # fmt: skip
    if picture is not None:
        exercise.picture = SimpleUploadedFile("stairs.png", picture)
    exercise.full_clean()
    exercise.save()
    return exercise


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_clinic_exercise_with_a_picture_returns_the_upload(api, clinic):
    exercise = _clinic_exercise(clinic, "wall_squat", _png("steelblue"))  # replaces the drawing
    for query in ("", "?format=svg", "?format=png"):
        response = api.get(url(exercise, query))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(response.content)) as picture:
            assert (picture.size, picture.convert("RGB").getpixel((0, 0))) == (
                (40, 30),
                (70, 130, 180),
            )


def test_a_clinic_copy_without_a_picture_shows_the_drawing_of_its_code(api, clinic):
    copy = _clinic_exercise(clinic, "lunge")
    assert api.get(url(copy)).content == drawing_svg("lunge")


def test_a_clinic_exercise_without_picture_or_drawing_is_a_404(api, clinic):
    response = api.get(url(_clinic_exercise(clinic, "stair_climb")))
    assert response.status_code == 404 and "no picture" in response.json()["detail"]


def test_an_outsider_cannot_see_another_clinics_picture(outsider_api, clinic):
    exercise = _clinic_exercise(clinic, "stair_climb", _png("red"))
    response = outsider_api.get(url(exercise))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert outsider_api.get(url(shipped())).status_code == 200  # the shipped catalogue is shared


def test_an_assistant_is_refused_the_picture_like_the_exercise(assistant, clinic):
    from tests.conftest import api_client_for

    front_desk = api_client_for(assistant)
    assert front_desk.get(url(shipped())).status_code == 403
    assert front_desk.get(f"/api/v1/exercises/{shipped().pk}/").status_code == 403
    response = front_desk.get(url(_clinic_exercise(clinic, "stair_climb", _png("red"))))
    assert response.status_code == 403 and response["Content-Type"] == "application/json"


def test_the_picture_needs_a_signed_in_user(db, client):
    assert client.get(url(shipped())).status_code == 401


def test_a_picture_id_that_is_not_a_number_is_a_json_404(api):
    response = api.get("/api/v1/exercises/abc/picture/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_the_schema_documents_the_picture_as_binary(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/exercises/{id}/picture/"]["get"]
    content = operation["responses"]["200"]["content"]
    assert {"image/svg+xml", "image/png", "image/jpeg"} <= set(content)
    assert content["image/png"]["schema"] == {"type": "string", "format": "binary"}


def test_the_admin_change_page_shows_the_drawing(clinician):
    browser = Client()
    assert browser.login(username=clinician.username, password=PASSWORD)
    page = browser.get(f"/admin/reports/exercise/{shipped('step_down').pk}/change/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()


def test_a_drawing_on_a_pdf_page_is_vector_paths_not_an_image():
    from pypdf import PdfReader
    from reportlab.graphics import renderPDF

    from reports.pdf.figures import handout_drawing

    assert handout_drawing("moonwalk") is None
    pdf = renderPDF.drawToString(handout_drawing("clamshell"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    operators = page.get_contents().get_data().split()
    assert operators.count(b"S") > 40 and b"l" in operators  # stroked line paths
    assert not page.images
