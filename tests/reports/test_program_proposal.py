"""rules.md "The program", steps 1-4, with expected programs worked out by hand."""

from __future__ import annotations

from reports.exercise_catalogue import EXERCISES
from reports.proposal import FindingForProgram, propose_program

KINDS = {code: spec.kind for code, spec in EXERCISES.items()}


def finding(code: str, side: str | None, *strategies: str) -> FindingForProgram:
    return FindingForProgram(code, side, strategies)


def codes(items) -> list[str]:
    return [item.exercise for item in items]


def test_no_findings_gives_the_two_guideline_strengtheners():
    items = propose_program([], KINDS)
    assert codes(items) == ["wall_squat", "glute_bridge"]
    assert all(item.reason == [] and item.side == "both" for item in items)


def test_first_appearance_wins_and_reason_lists_every_finding():
    items = propose_program(
        [
            finding("hip_abductor_weakness", "left", "side_lying_hip_abduction", "clamshell"),
            finding("hip_external_rotator_weakness", "left", "clamshell"),
        ],
        KINDS,
    )
    # hip strengtheners present; no knee strengthener -> wall_squat appended last.
    assert codes(items) == ["side_lying_hip_abduction", "clamshell", "wall_squat"]
    assert items[1].reason == ["hip_abductor_weakness", "hip_external_rotator_weakness"]
    assert items[1].side == "left"


def test_findings_on_both_sides_give_side_both():
    items = propose_program(
        [
            finding("calf_tightness", "left", "standing_calf_stretch"),
            finding("calf_tightness", "right", "standing_calf_stretch"),
        ],
        KINDS,
    )
    stretch = next(i for i in items if i.exercise == "standing_calf_stretch")
    assert stretch.side == "both"
    assert stretch.reason == ["calf_tightness"]


def test_items_are_ordered_strengthen_movement_stretch_release():
    items = propose_program(
        [
            finding("calf_tightness", "left", "standing_calf_stretch", "foam_roll_calves"),
            finding("dynamic_knee_valgus", "left", "squat_knee_alignment", "clamshell"),
            finding("quadriceps_weakness", "left", "wall_squat"),
        ],
        KINDS,
    )
    # strengthen in first appearance: clamshell (from valgus), wall_squat; then movement,
    # stretch, release. A hip (clamshell) and a knee (wall_squat) strengthener exist.
    assert codes(items) == [
        "clamshell",
        "wall_squat",
        "squat_knee_alignment",
        "standing_calf_stretch",
        "foam_roll_calves",
    ]


def test_lunge_counts_as_knee_and_hip_strengthener():
    items = propose_program([finding("hop_asymmetry", "right", "lunge")], KINDS)
    assert codes(items) == ["lunge"]


def test_referral_drives_no_exercise():
    items = propose_program([finding("referral_advised", None)], KINDS)
    assert codes(items) == ["wall_squat", "glute_bridge"]


def test_more_than_eight_items_drop_release_then_stretch_last_first():
    findings = [
        finding("quadriceps_weakness", "left", "wall_squat", "quad_set", "step_down"),
        finding("hip_abductor_weakness", "left", "side_lying_hip_abduction", "clamshell"),
        finding("quadriceps_tightness", "left", "standing_quad_stretch", "foam_roll_quadriceps"),
        finding("hamstring_tightness", "left", "seated_hamstring_stretch", "foam_roll_hamstrings"),
        finding("calf_tightness", "left", "standing_calf_stretch", "foam_roll_calves"),
    ]
    # 5 strengthen + 3 stretch + 3 release = 11 items. Each tightness finding keeps its
    # stretch, so no release item is a sole cover: the 3 release items go, last first.
    items = propose_program(findings, KINDS)
    assert codes(items) == [
        "wall_squat",
        "quad_set",
        "step_down",
        "side_lying_hip_abduction",
        "clamshell",
        "standing_quad_stretch",
        "seated_hamstring_stretch",
        "standing_calf_stretch",
    ]


def test_trimming_skips_an_item_that_is_the_last_one_for_a_finding():
    findings = [
        finding("quadriceps_weakness", "left", "wall_squat", "quad_set", "step_down"),
        finding("hip_abductor_weakness", "left", "side_lying_hip_abduction", "clamshell"),
        finding("hip_extensor_weakness", "left", "glute_bridge", "lunge"),
        finding("quadriceps_tightness", "left", "standing_quad_stretch"),
        finding("itb_tightness", "left", "foam_roll_outer_thigh"),
    ]
    # 7 strengthen + 1 stretch + 1 release = 9 items; one must go. The roller is the only
    # exercise for itb_tightness here and the stretch the only one for quadriceps_tightness,
    # so both are skipped. The last strengthening item that is no sole cover is lunge
    # (glute_bridge still covers hip_extensor_weakness).
    items = propose_program(findings, KINDS)
    assert "foam_roll_outer_thigh" in codes(items)
    assert "standing_quad_stretch" in codes(items)
    assert "lunge" not in codes(items)
    assert len(items) == 8


def test_a_strategy_missing_from_the_catalogue_is_skipped():
    kinds = {k: v for k, v in KINDS.items() if k != "clamshell"}
    items = propose_program([finding("hip_external_rotator_weakness", "left", "clamshell")], kinds)
    assert codes(items) == ["wall_squat", "glute_bridge"]
