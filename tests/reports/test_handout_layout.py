"""The handout's layout read back with pypdf: a drawing on each exercise's page, pages that
flow (two long exercises to a page), the tick log's weeks and the understanding page."""

from __future__ import annotations

import io
import math
import re
from dataclasses import replace

import pytest
from PIL import Image
from pypdf import PageObject, PdfReader

from reports.pdf import knee_wording
from reports.pdf.data import HandoutData, HandoutExercise, HandoutFinding, LoadFacts
from reports.pdf.exercise_block import FORM_PREFIX
from reports.pdf.handout import render_handout
from reports.pdf.samples import sample_exercise, sample_handout
from reports.pdf.understanding import load_topics

# The eight exercises of the 2026.2 catalogue with the most text (steps and cue), longest first.
LONGEST = (
    "banded_clamshell",
    "standing_quad_stretch",
    "kneeling_hip_flexor_stretch",
    "hamstring_curl",
    "leg_press",
    "seated_knee_extension",
    "step_down",
    "split_squat",
)
WHY = "To help with weaker outer hip muscles and knee moves inward."
PATH_OPERATORS = re.compile(rb"(?m)(?:^| )(?:m|l|c|re|S|f|B)\s*$")
FOOTER_ZONE = 60  # points from the bottom: the footer's rule and text sit below this


def pages(pdf: bytes) -> list[PageObject]:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def flat(page: PageObject) -> str:
    return " ".join(page.extract_text().split())


def longest(n: int, **changes) -> HandoutData:
    exercises = tuple(sample_exercise(code, "both", WHY) for code in LONGEST[:n])
    return sample_handout(exercises=exercises, **changes)


def drawings_on(page: PageObject) -> dict[str, bytes]:
    """Exercise code -> the content of its drawing's form XObject, for the forms the page shows."""
    xobjects = page["/Resources"].get("/XObject") or {}
    found = {}
    for name, ref in xobjects.items():
        marker = name.find(FORM_PREFIX)
        if marker >= 0:
            found[name[marker + len(FORM_PREFIX) :]] = ref.get_object().get_data()
    return found


def test_every_exercise_shows_its_own_drawing_on_its_page():
    data = longest(8)
    printed = pages(render_handout(data))
    for number, exercise in enumerate(data.exercises, start=1):
        heading = f"{number}. {exercise.name}"
        # The plan on page 2 lists the same "1. Name"; the exercise's page is the one with drawings.
        page = next(p for p in printed if heading in flat(p) and drawings_on(p))
        drawing = drawings_on(page)[exercise.code]
        # A figure with its props, start and end: dozens of strokes, never an empty form.
        assert len(PATH_OPERATORS.findall(drawing)) > 40, exercise.code


def test_every_shipped_exercise_prints_a_drawing():
    from reports.exercise_catalogue import EXERCISES

    codes = sorted(EXERCISES)
    data = sample_handout(exercises=tuple(sample_exercise(code) for code in codes))
    shown = {code for page in pages(render_handout(data)) for code in drawings_on(page)}
    assert shown == set(codes)
    assert len(codes) == 34


def test_a_clinic_picture_replaces_the_drawing_and_an_unknown_code_prints_none():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 90, 160)).save(buffer, format="PNG")
    uploaded = replace(sample_exercise("wall_squat"), picture=buffer.getvalue())
    own = HandoutExercise(
        name="Our own hop", steps=("Hop.",), dosage_text="Daily", cue="Land", code="our-own-hop"
    )
    printed = pages(render_handout(sample_handout(exercises=(uploaded, own))))
    assert not any(drawings_on(page) for page in printed)
    assert sum(len(page.images) for page in printed) == 1
    assert "Our own hop" in " ".join(flat(p) for p in printed)


@pytest.mark.parametrize("page_size", ["A4", "LETTER"])
@pytest.mark.parametrize("n", range(2, 9))
def test_long_exercises_fit_two_to_a_page(n: int, page_size: str):
    bound = math.ceil(n / 2) + 2  # 8 exercises: 4 pages of exercises and 2 more, 6 in all
    assert len(pages(render_handout(longest(n, page_size=page_size)))) <= bound


def lowest_text(page: PageObject) -> float:
    """The lowest baseline of body text on the page, in points from the bottom."""
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > FOOTER_ZONE:
            heights.append(y)

    page.extract_text(visitor_text=visit)
    return min(heights)


@pytest.mark.parametrize("page_size", ["A4", "LETTER"])
@pytest.mark.parametrize(
    ("n", "found", "weeks"),
    [(2, 4, 6), (3, 4, 6), (5, 4, 6), (8, 4, 6), (2, 0, 6), (5, 9, 6), (8, 9, 6), (8, 4, 12)],
)
def test_no_page_but_the_last_is_more_than_half_empty(
    n: int, found: int, weeks: int, page_size: str
):
    data = longest(n, page_size=page_size, findings=findings(found), weeks_until_next_visit=weeks)
    printed = pages(render_handout(data))
    for number, page in enumerate(printed[:-1], start=1):
        half = float(page.mediabox.height) / 2
        assert lowest_text(page) < half, f"page {number} of {len(printed)} is half empty"


def findings(count: int) -> tuple[HandoutFinding, ...]:
    """`count` findings: the sample's four over and over, each with its own title."""
    sample = sample_handout().findings
    return tuple(
        replace(sample[i % len(sample)], title=f"{sample[i % len(sample)].title} {i + 1}")
        for i in range(count)
    )


def pages_showing(printed: list[PageObject], text: str) -> list[int]:
    return [number for number, page in enumerate(printed, start=1) if text in flat(page)]


@pytest.mark.parametrize("page_size", ["A4", "LETTER"])
@pytest.mark.parametrize("found", [0, 4, 9])
@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_understanding_your_knee_is_one_page_never_split(n: int, found: int, page_size: str):
    data = longest(n, page_size=page_size, findings=findings(found))
    printed = pages(render_handout(data))
    heading = pages_showing(printed, "Understanding your knee")
    assert len(heading) == 1
    # Its first words to its last: what it means, the pain rule, the weeks, the load, calling.
    for text in (
        "What this means:",
        "Pain while you exercise:",
        "Easing the load:",
        "When to call:",
    ):
        assert pages_showing(printed, text) == heading, text


@pytest.mark.parametrize("page_size", ["A4", "LETTER"])
@pytest.mark.parametrize("n", [1, 4, 8])
def test_a_six_week_plan_shares_the_understanding_page(n: int, page_size: str):
    printed = pages(render_handout(longest(n, page_size=page_size)))
    assert pages_showing(printed, "Your plan for the next 6 weeks") == [2]
    assert pages_showing(printed, "Understanding your knee") == [2]
    # Said once on that page ("Why it takes weeks"), not again under the plan.
    assert flat(printed[1]).count("at least 6 weeks") == 1


@pytest.mark.parametrize("show_understanding_page", [True, False])
@pytest.mark.parametrize("weeks", [6, 12])
def test_the_support_line_prints_once(show_understanding_page: bool, weeks: int):
    data = longest(8, show_understanding_page=show_understanding_page, weeks_until_next_visit=weeks)
    text = " ".join(flat(page) for page in pages(render_handout(data)))
    assert text.count("It does not replace that advice.") == 1


def test_the_stop_box_is_on_page_1():
    first = flat(pages(render_handout(longest(8)))[0])
    assert "Stop and call us if:" in first
    assert "Get help now. Go to an emergency department" in first


def log_text(data: HandoutData) -> str:
    text = " ".join(flat(page) for page in pages(render_handout(data)))
    return text[text.index("Your plan for the next") :]


@pytest.mark.parametrize(("weeks", "heading"), [(6, "6 weeks"), (3, "3 weeks"), (1, "1 week")])
def test_the_log_spans_the_weeks_until_the_next_visit(weeks: int, heading: str):
    log = log_text(sample_handout(weeks_until_next_visit=weeks))
    assert log.startswith(f"Your plan for the next {heading}")
    for week in range(1, weeks + 1):
        assert f"Week {week} " in log or log.endswith(f"Week {week}")
    assert f"Week {weeks + 1}" not in log
    assert f"at your next visit, in about {heading}." in log


def test_a_twelve_week_log_prints_weeks_1_to_12():
    log = log_text(sample_handout(weeks_until_next_visit=12))
    assert all(f"Week {week}" in log for week in range(1, 13))
    assert "Week 13" not in log


def tick_boxes(pdf: bytes) -> int:
    """The log's boxes: 10 x 10 point rectangles drawn by the page's own content."""
    total = 0
    for page in pages(pdf):
        total += len(re.findall(rb" 10 10 re", page.get_contents().get_data()))
    return total


def test_the_log_has_a_box_for_each_planned_day():
    # A strength exercise 3 days a week and a stretch every day, for 4 weeks: 4*3 + 4*7 = 40.
    bridge = sample_exercise("glute_bridge")
    stretch = sample_exercise("standing_calf_stretch", "left")
    assert (bridge.per_week, stretch.per_week) == (3, 7)
    data = sample_handout(exercises=(bridge, stretch), weeks_until_next_visit=4)
    assert tick_boxes(render_handout(data)) == 40


def handout_text(**changes) -> str:
    return " ".join(flat(page) for page in pages(render_handout(sample_handout(**changes))))


def test_a_runner_is_told_to_cut_the_distance_and_build_back_by_ten_percent():
    text = handout_text(load=LoadFacts(activity="Runs 5 km three times a week"))
    assert "Running: Run a little less than the distance where your knee starts to hurt." in text
    assert "add about 10% a week" in text


def test_someone_who_does_not_run_gets_no_running_advice():
    text = handout_text(load=LoadFacts(activity="Plays the piano", occupation="Teacher"))
    assert "Running:" not in text and "10% a week" not in text
    assert knee_wording.LOAD_GENERAL[:40] in text


@pytest.mark.parametrize(
    ("load", "topics"),
    [
        (LoadFacts(activity="Marathon training"), ("running",)),
        (LoadFacts(activity="jogging"), ("running",)),
        (LoadFacts(activity="Runner, parkrun on Saturdays"), ("running",)),
        (LoadFacts(activity="Swimming"), ()),
        (LoadFacts(occupation="Software developer"), ("sitting",)),
        (LoadFacts(occupation="Tiler"), ("kneeling",)),
        (LoadFacts(activity="Climbs stairs at work"), ("stairs",)),
        (LoadFacts(activity="Climbing and cycling"), ()),
        (LoadFacts(pain_sites=("anterior",)), ("stairs", "squatting", "kneeling")),
        (LoadFacts(pain_sites=("medial",)), ()),
        (LoadFacts(pain_sites=("diffuse",)), ("stairs", "squatting")),
        (
            LoadFacts("Runs 20 km a week", "Accountant", ("anterior",)),
            ("running", "stairs", "squatting", "kneeling", "sitting"),
        ),
    ],
)
def test_the_load_advice_follows_what_the_assessment_records(load: LoadFacts, topics):
    assert load_topics(load) == topics


def test_desk_work_and_front_of_knee_pain_get_their_advice():
    text = handout_text(load=LoadFacts(occupation="Office manager", pain_sites=("anterior",)))
    for label in ("Stairs:", "Squatting:", "Kneeling:", "Desk work:"):
        assert label in text
    assert "Running:" not in text


def test_the_understanding_page_says_when_to_call_and_when_to_get_help_now():
    text = handout_text()
    section = text[text.index("Understanding your knee") : text.index("Your exercises")]
    assert "Stop and call us if the pain is sharp" in section
    assert "Get help now at an emergency department, or call your local emergency number" in section
    assert "Why it takes weeks:" in section and "at least 6 weeks" in section


def test_the_understanding_page_can_be_switched_off():
    text = handout_text(show_understanding_page=False)
    assert "Understanding your knee" not in text
    assert "Easing the load" not in text
    assert "How much pain is okay" in text  # the pain rule still prints, on its own


def test_the_new_settings_change_the_bytes_and_the_same_settings_do_not():
    data = sample_handout()
    same = render_handout(data)
    assert render_handout(sample_handout()) == same
    assert render_handout(replace(data, weeks_until_next_visit=5)) != same
    assert render_handout(replace(data, show_understanding_page=False)) != same


def test_a_drawing_needs_no_page_resources_so_its_operators_can_be_reused():
    from reports.exercise_catalogue import EXERCISES
    from reports.pdf.exercise_block import ExerciseFigure, _form_operators

    for code in EXERCISES:
        operators = _form_operators(code, ExerciseFigure(code).scale)
        for needs_a_resource in (" Tf", " gs", " Do", " sh", "BT"):
            assert needs_a_resource not in operators, (code, needs_a_resource)
        assert operators.count("\nS") > 20, code  # strokes: the figure is there
