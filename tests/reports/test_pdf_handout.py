"""The patient handout PDF, read back with pypdf as a patient would read it."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from reports.pdf import wording
from reports.pdf.data import HandoutData, HandoutExercise, Referral
from reports.pdf.handout import render_handout
from reports.pdf.samples import sample_exercise, sample_handout
from reports.pdf.styles import stylesheet
from tests.pdf_text import pdf_words

ROOT = Path(__file__).resolve().parents[2]


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def handout() -> HandoutData:
    return sample_handout()


@pytest.fixture(scope="module")
def text(handout: HandoutData) -> str:
    return pdf_words(render_handout(handout))


def test_names_with_accents_print_correctly(text: str):
    assert "Zoë Müller-Łukasiewicz" in text
    assert "Sam O'Neill" in text
    assert "12 March 2026" in text


def test_clinic_name_and_contact_print(text: str):
    assert "Riverside Knee & Hip Physiotherapy" in text
    assert "0117 496 0000" in text
    assert "hello@riverside-physio.example" in text


def test_every_exercise_prints_with_steps_dosage_cue_and_why(handout: HandoutData, text: str):
    for number, exercise in enumerate(handout.exercises, start=1):
        assert f"{number}. {exercise.name}" in text
        assert f"How much: {exercise.dosage_text}" in text
        assert f"Keep in mind: {exercise.cue}" in text
        for step in exercise.steps:
            assert step in text


def test_dosage_in_words_as_exercises_md_prints_it(text: str):
    assert "3 sets of 10, hold each for 5 seconds, 3 days a week" in text  # wall squat
    assert "Hold for 30 seconds, 3 times, every day" in text  # calf stretch, right leg only
    assert "3 sets of 12, 3 days a week" in text  # glute bridge


def test_why_names_the_finding_or_the_general_note(text: str):
    assert "Why you are doing this: To help with weaker front thigh muscles." in text
    assert f"Why you are doing this: {wording.GENERAL_EXERCISE_NOTE}" in text
    assert "recommended for knee pain in general" in wording.GENERAL_EXERCISE_NOTE


def test_findings_print_in_plain_words(handout: HandoutData, text: str):
    assert "What we found" in text
    for finding in handout.findings:
        assert finding.title in text
        assert finding.patient_text in text
    assert "Weaker thigh muscles (left side)" in text


def test_stop_and_call_advice_and_the_support_line_print(text: str):
    assert "Stop and call us if:" in text
    assert "the pain is sharp" in text
    assert "the pain gets worse day after day" in text
    assert "your knee swells" in text
    assert "your knee locks" in text
    assert "your knee gives way" in text
    assert "Call us: Riverside Knee & Hip Physiotherapy, 0117 496 0000" in text
    assert "It does not replace that advice." in text


def test_the_pain_rule_gives_a_flare_plan_on_the_understanding_page(text: str):
    assert "Pain while you exercise:" in text
    assert (
        "If 0 is no pain and 10 is the worst, up to about 3 is okay if it is back to normal by "
        "the next morning." in text
    )
    assert "do not stop everything" in text
    assert "do fewer repetitions or do not go as deep" in text


def test_the_pain_rule_stands_alone_when_the_understanding_page_is_off(handout: HandoutData):
    text = pdf_words(render_handout(replace(handout, show_understanding_page=False)))
    assert "How much pain is okay" in text
    assert "Up to about 3 out of 10 is fine, as long as it is back to normal by the next" in text
    assert "do fewer repetitions or do not go as deep" in text


def test_emergency_signs_name_the_local_emergency_number_by_default(text: str):
    assert "Go to an emergency department or call your local emergency number if:" in text
    for sign in ("calf is swollen, red or sore", "hot and red, or you have a fever",
                 "new numbness", "cannot put any weight on your leg"):  # fmt: skip
        assert sign in text
    assert "day or night, even when we are closed" in text


def test_emergency_signs_name_the_clinics_emergency_number(handout: HandoutData):
    clinic = replace(handout.clinic, emergency_phone="999")
    text = pdf_words(render_handout(replace(handout, clinic=clinic)))
    assert "Go to an emergency department or call 999 if:" in text
    assert "your local emergency number" not in text


def test_what_to_expect_and_the_next_visit_print_with_the_log(text: str):
    assert "at least 6 weeks of regular exercise" in text
    assert "We will look at your plan again at your next visit, in about 6 weeks." in text


def test_a_two_leg_exercise_prints_no_side_and_a_one_leg_one_names_its_leg():
    bridge = sample_exercise("glute_bridge", "left")  # two legs: the side is dropped
    step_down = sample_exercise("step_down", "left")
    stance_one = sample_exercise("single_leg_stance", "right")
    stance_both = sample_exercise("single_leg_stance", "both")
    data = sample_handout(exercises=(bridge, step_down, stance_one, stance_both))
    text = pdf_words(render_handout(data))
    dash = "\N{EN DASH}"
    assert "1. Glute bridge 1. Lie on your back" in text
    assert f"Glute bridge {dash}" not in text
    assert f"2. Step-down {dash} Left leg" in text
    assert f"3. Single-leg stand, hips level {dash} Right leg" in text
    assert f"4. Single-leg stand, hips level {dash} On each leg" in text
    # one side: no "switch legs" step; both sides: "then the other leg"
    assert "switch legs" not in text.lower()
    assert text.count(wording.OTHER_LEG_STEP) == 1


def test_the_log_names_every_exercise(handout: HandoutData, text: str):
    log = text[text.index("Your plan for the next 6 weeks") :]
    for number, exercise in enumerate(handout.exercises, start=1):
        assert f"{number}. {exercise.name.split()[0]}" in log


@pytest.mark.parametrize(
    ("tier", "title", "advice"),
    [
        ("emergency", "Please go to an emergency department today",
         "Go to an emergency department today, or call your local emergency number."),
        ("urgent", "Please see a doctor within the next few days",
         "within the next few days, before you do any exercise"),
        ("routine", "Please see your doctor before you start these exercises",
         "See them before you start these exercises."),
    ],
)  # fmt: skip
def test_the_referral_notice_follows_the_tier(handout: HandoutData, tier, title, advice):
    text = pdf_words(render_handout(replace(handout, referral=Referral(("A flag.",), tier))))
    assert title in text
    assert advice in text
    others = {"emergency", "urgent", "routine"} - {tier}
    for other in others:
        assert wording.REFERRAL_NOTICES[other][0] not in text


def test_referral_prints_the_notice_and_no_exercises(handout: HandoutData):
    flags = ("Your knee locked and would not straighten", "Your calf is swollen and sore")
    text = pdf_words(render_handout(replace(handout, referral=Referral(flags, "emergency"))))
    assert "Please go to an emergency department today" in text
    for flag in flags:
        assert flag in text
    assert "Zoë Müller-Łukasiewicz" in text
    assert "0117 496 0000" in text
    for exercise in handout.exercises:
        assert exercise.name not in text
        assert exercise.dosage_text not in text
    assert "Your exercises" not in text
    assert "Your plan for the next" not in text
    assert "Understanding your knee" not in text


def test_markup_characters_in_user_text_print_literally(handout: HandoutData):
    exercise = HandoutExercise(
        name="Squat <b>deep</b> & slow",
        steps=("Hold a chair & <i>breathe", "Go down < 90 degrees > fine"),
        dosage_text="3 sets of 12, 3 days a week",
        cue="Use a <font size=40>chair</font>",
        why="Weak & <tight>",
    )  # fmt: skip
    data = replace(
        handout,
        patient_name="Tom & <Jerry>",
        clinician_name="Dr <b>Who</b>",
        clinic=replace(handout.clinic, name="Knees & <Co>"),
        exercises=(exercise,),
    )
    text = pdf_words(render_handout(data))
    for literal in ("Tom & <Jerry>", "Dr <b>Who</b>", "Knees & <Co>", "Squat <b>deep</b> & slow",
                    "Hold a chair & <i>breathe", "Go down < 90 degrees > fine",
                    "Use a <font size=40>chair</font>", "Weak & <tight>"):  # fmt: skip
        assert literal in text
    assert "&amp;" not in text and "&lt;" not in text


def test_referral_flags_are_escaped_too(handout: HandoutData):
    data = replace(handout, referral=Referral(("Pain <b>at night</b> & at rest",)))
    assert "Pain <b>at night</b> & at rest" in pdf_words(render_handout(data))


def test_every_font_is_embedded(handout: HandoutData):
    reader = read(render_handout(handout))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"], name
        assert "DejaVuSans" in name


def test_metadata_title_author_subject_and_language(handout: HandoutData):
    reader = read(render_handout(handout))
    assert reader.metadata.title == "Your home exercise plan \N{EN DASH} Zoë Müller-Łukasiewicz"
    assert reader.metadata.author == "Riverside Knee & Hip Physiotherapy"
    assert reader.metadata.subject == "Home exercise handout"
    assert reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize(
    ("page_size", "width", "height"), [("A4", 595.28, 841.89), ("LETTER", 612, 792)]
)
def test_page_size(handout: HandoutData, page_size: str, width: float, height: float):
    reader = read(render_handout(replace(handout, page_size=page_size)))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)


def test_unknown_page_size_is_an_error(handout: HandoutData):
    with pytest.raises(ValueError, match="page_size"):
        render_handout(replace(handout, page_size="A5"))  # type: ignore[arg-type]


def test_identical_input_gives_identical_bytes(handout: HandoutData):
    assert render_handout(handout) == render_handout(sample_handout())


def test_identical_bytes_across_processes(handout: HandoutData):
    script = (
        "import sys, hashlib; from reports.pdf.handout import render_handout; "
        "from reports.pdf.samples import sample_handout; "
        "sys.stdout.write(hashlib.sha256(render_handout(sample_handout())).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    other = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout  # fmt: skip
    assert other == hashlib.sha256(render_handout(handout)).hexdigest()


def test_a_picture_is_printed_when_the_clinic_uploaded_one(handout: HandoutData):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 90, 160)).save(buffer, format="PNG")
    exercise = replace(sample_exercise("wall_squat"), picture=buffer.getvalue())
    reader = read(render_handout(replace(handout, exercises=(exercise,))))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1


def test_no_findings_says_so_and_still_lists_the_exercises(handout: HandoutData):
    text = pdf_words(render_handout(replace(handout, findings=())))
    assert wording.NOTHING_FOUND in text
    assert "1. Wall squat" in text


def test_handout_type_is_large():
    handout_styles = {k: s for k, s in stylesheet().items() if k.startswith("h_")}
    assert handout_styles
    assert all(style.fontSize >= 12 for style in handout_styles.values())
