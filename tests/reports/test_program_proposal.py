"""rules.md "The program" (2026.2), steps 1-6, with expected programs worked out by hand."""

from __future__ import annotations

from assessments.rules import evaluate
from assessments.rules.samples import full_assessment
from reports.exercise_catalogue import EXERCISES
from reports.proposal import ExerciseFacts, FindingForProgram, propose_program

CATALOGUE = {
    code: ExerciseFacts(spec.kind, spec.one_leg, spec.easier) for code, spec in EXERCISES.items()
}
START_EASY = "Start easy: pain is high"


def finding(code, side, *strategies, evidence="A", status="proposed") -> FindingForProgram:
    return FindingForProgram(code, side, strategies, evidence, status)


def codes(items) -> list[str]:
    return [item.exercise for item in items]


def item_of(items, code):
    (item,) = [i for i in items if i.exercise == code]
    return item


# Step 1: the driving findings


def test_no_findings_gives_the_two_guideline_strengtheners():
    items = propose_program([], CATALOGUE)
    assert codes(items) == ["wall_squat", "glute_bridge"]
    assert all(item.reason == [] and item.side == "both" and item.notes == "" for item in items)


def test_only_proposed_and_confirmed_findings_drive_the_program():
    items = propose_program(
        [
            finding("pelvic_drop", "left", "single_leg_stance", evidence="C", status="to_confirm"),
            finding("balance_asymmetry", "left", "single_leg_balance", status="dismissed"),
            finding("hop_asymmetry", "right", "step_down", "split_squat", evidence="B"),
            finding(
                "calf_tightness", "left", "standing_calf_stretch", evidence="C", status="confirmed"
            ),
        ],
        CATALOGUE,
    )
    # step_down and split_squat (knee and hip) from the hop; the confirmed calf tightness adds
    # its stretch; the to_confirm and dismissed findings add nothing.
    assert codes(items) == ["step_down", "split_squat", "standing_calf_stretch"]


def test_a_waiting_finding_adds_no_reason_and_no_side():
    items = propose_program(
        [
            finding("calf_tightness", "left", "standing_calf_stretch", status="confirmed"),
            finding("calf_tightness", "right", "standing_calf_stretch", status="to_confirm"),
        ],
        CATALOGUE,
    )
    stretch = item_of(items, "standing_calf_stretch")
    assert (stretch.reason, stretch.side) == (["calf_tightness"], "left")


def test_first_appearance_wins_and_reason_lists_every_finding():
    items = propose_program(
        [
            finding("hip_abductor_weakness", "left", "side_lying_hip_abduction", "clamshell"),
            finding("hip_external_rotator_weakness", "left", "clamshell"),
        ],
        CATALOGUE,
    )
    # hip strengtheners present; no knee strengthener -> wall_squat appended last.
    assert codes(items) == ["side_lying_hip_abduction", "clamshell", "wall_squat"]
    assert items[1].reason == ["hip_abductor_weakness", "hip_external_rotator_weakness"]
    assert items[1].side == "left"


def test_referral_drives_no_exercise():
    items = propose_program([finding("referral_advised", None)], CATALOGUE)
    assert codes(items) == ["wall_squat", "glute_bridge"]


def test_a_strategy_missing_from_the_catalogue_is_skipped():
    catalogue = {k: v for k, v in CATALOGUE.items() if k != "clamshell"}
    items = propose_program(
        [finding("hip_external_rotator_weakness", "left", "clamshell")], catalogue
    )
    assert codes(items) == ["wall_squat", "glute_bridge"]


# Step 2: sides


def test_a_two_leg_exercise_from_a_one_sided_finding_has_side_both():
    items = propose_program(
        [finding("hip_extensor_weakness", "left", "glute_bridge", "split_squat", evidence="B")],
        CATALOGUE,
    )
    # glute_bridge is done with both legs; split_squat (one leg) takes the finding's side.
    # split_squat is a knee strengthener, so no wall_squat is added.
    assert [(i.exercise, i.side) for i in items] == [
        ("glute_bridge", "both"),
        ("split_squat", "left"),
    ]


def test_a_one_leg_exercise_for_findings_on_both_sides_has_side_both():
    items = propose_program(
        [
            finding("calf_tightness", "left", "standing_calf_stretch"),
            finding("calf_tightness", "right", "standing_calf_stretch"),
        ],
        CATALOGUE,
    )
    stretch = item_of(items, "standing_calf_stretch")
    assert (stretch.side, stretch.reason) == ("both", ["calf_tightness"])


# Step 3: guideline strengtheners


def test_new_knee_and_hip_strengtheners_count_for_the_guideline():
    items = propose_program(
        [
            finding("a", "left", "straight_leg_lift"),  # a knee strengthener
            finding("b", "left", "single_leg_bridge"),  # a hip strengthener
        ],
        CATALOGUE,
    )
    assert codes(items) == ["straight_leg_lift", "single_leg_bridge"]


def test_lunge_and_split_squat_count_as_knee_and_hip_strengtheners():
    assert codes(propose_program([finding("hop_asymmetry", "right", "lunge")], CATALOGUE)) == [
        "lunge"
    ]
    items = propose_program([finding("hop_asymmetry", "right", "split_squat")], CATALOGUE)
    assert codes(items) == ["split_squat"]


# Step 4: order


def test_items_are_ordered_strengthen_movement_stretch_release():
    items = propose_program(
        [
            finding("calf_tightness", "left", "standing_calf_stretch", "foam_roll_calves"),
            finding("dynamic_knee_valgus", "left", "squat_knee_alignment", "clamshell"),
            finding("quadriceps_weakness", "left", "wall_squat"),
        ],
        CATALOGUE,
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


# Step 5: trimming keeps the best-supported exercises


def test_trimming_removes_grade_c_items_first_whatever_their_kind():
    findings = [
        finding("quadriceps_weakness", "left", "wall_squat", "quad_set", "step_down"),
        finding(
            "dynamic_knee_valgus",
            "left",
            "squat_knee_alignment",
            "side_lying_hip_abduction",
            "clamshell",
            evidence="B",
        ),
        finding(
            "hamstring_weakness",
            "left",
            "hamstring_curl",
            "glute_bridge",
            evidence="C",
            status="confirmed",
        ),
        finding(
            "pelvic_drop",
            "left",
            "single_leg_stance",
            "side_lying_hip_abduction",
            evidence="C",
            status="confirmed",
        ),
        finding(
            "balance_asymmetry", "left", "single_leg_balance", evidence="C", status="confirmed"
        ),
    ]
    # 7 strengthen (wall_squat A, quad_set A, step_down A, side-lying B, clamshell B,
    # hamstring_curl C, glute_bridge C) + 3 movement (squat_knee_alignment B,
    # single_leg_stance C, single_leg_balance C) = 10: two go.
    # Best grade C first, movement before strengthen, last first:
    # single_leg_balance is the only item for balance_asymmetry (kept);
    # single_leg_stance goes (side-lying still serves pelvic_drop);
    # then glute_bridge goes (C; hamstring_curl still serves hamstring_weakness, and
    # side-lying and clamshell are hip strengtheners). The B movement item stays, although
    # 2026.1 would have removed it before any strengthening item.
    items = propose_program(findings, CATALOGUE)
    assert codes(items) == [
        "wall_squat",
        "quad_set",
        "step_down",
        "side_lying_hip_abduction",
        "clamshell",
        "hamstring_curl",
        "squat_knee_alignment",
        "single_leg_balance",
    ]


def test_within_a_grade_release_goes_before_stretch_last_first():
    confirmed = {"evidence": "C", "status": "confirmed"}
    findings = [
        finding("quadriceps_weakness", "left", "wall_squat", "quad_set", "step_down"),
        finding("hip_abductor_weakness", "left", "side_lying_hip_abduction", "clamshell"),
        finding(
            "quadriceps_tightness",
            "left",
            "standing_quad_stretch",
            "foam_roll_quadriceps",
            **confirmed,
        ),
        finding(
            "hamstring_tightness",
            "left",
            "seated_hamstring_stretch",
            "foam_roll_hamstrings",
            **confirmed,
        ),
        finding(
            "calf_tightness",
            "left",
            "standing_calf_stretch",
            "bent_knee_calf_stretch",
            "foam_roll_calves",
            **confirmed,
        ),
    ]
    # 5 strengthen + 4 stretch + 3 release = 12: four go, all grade C. Releases go first, last
    # first (each tightness keeps a stretch, so none is the only item left); then the last
    # stretch, bent_knee_calf_stretch (standing_calf_stretch still serves calf_tightness).
    assert codes(propose_program(findings, CATALOGUE)) == [
        "wall_squat",
        "quad_set",
        "step_down",
        "side_lying_hip_abduction",
        "clamshell",
        "standing_quad_stretch",
        "seated_hamstring_stretch",
        "standing_calf_stretch",
    ]


def test_trimming_keeps_the_last_item_of_a_finding_and_the_last_hip_strengthener():
    confirmed = {"evidence": "C", "status": "confirmed"}
    findings = [
        finding("quadriceps_weakness", "left", "wall_squat", "quad_set", "step_down"),
        finding("quadriceps_weakness", "right", "wall_squat", "quad_set", "step_down"),
        finding("hamstring_weakness", "left", "hamstring_curl", "glute_bridge", **confirmed),
        finding("quadriceps_tightness", "left", "standing_quad_stretch", **confirmed),
        finding("hamstring_tightness", "left", "seated_hamstring_stretch", **confirmed),
        finding("itb_tightness", "left", "foam_roll_outer_thigh", **confirmed),
        finding("calf_tightness", "left", "standing_calf_stretch", **confirmed),
        finding("calf_tightness", "right", "bent_knee_calf_stretch", **confirmed),
    ]
    # 5 strengthen + 4 stretch + 1 release = 10: two go. Every grade C stretch and release is
    # the only item of its finding and side, and glute_bridge (C) is the last hip
    # strengthener: all kept. hamstring_curl (C) can go: glute_bridge still serves
    # hamstring_weakness and three knee strengtheners remain. Then no grade C item can go, so
    # the grade A items go, last first: step_down (wall_squat and quad_set still serve
    # quadriceps_weakness on both sides).
    items = propose_program(findings, CATALOGUE)
    assert codes(items) == [
        "wall_squat",
        "quad_set",
        "glute_bridge",
        "standing_quad_stretch",
        "seated_hamstring_stretch",
        "standing_calf_stretch",
        "bent_knee_calf_stretch",
        "foam_roll_outer_thigh",
    ]


def test_the_everything_fires_sample_keeps_an_exercise_for_every_a_and_b_finding():
    engine_findings = evaluate(full_assessment()).findings
    findings = [
        FindingForProgram(f.code, f.side, f.strategies, f.evidence, "confirmed")
        for f in engine_findings
    ]
    items = propose_program(findings, CATALOGUE)
    assert len(items) == 8
    for f in engine_findings:
        if f.evidence in ("A", "B") and f.code != "referral_advised":
            serving = [i for i in items if f.code in i.reason and i.side in (f.side, "both")]
            assert serving, f"{f.code} {f.side} lost every exercise"


# Step 6: high pain starts one step easier


def test_pain_8_starts_wall_squat_as_quad_set():
    items = propose_program([], CATALOGUE, pain_nprs=8)
    assert codes(items) == ["quad_set", "glute_bridge"]  # glute_bridge has no easier step
    quad_set = items[0]
    assert (quad_set.reason, quad_set.side, quad_set.notes) == ([], "both", START_EASY)
    assert items[1].notes == ""


def test_pain_below_7_changes_nothing():
    assert codes(propose_program([], CATALOGUE, pain_nprs=6)) == ["wall_squat", "glute_bridge"]
    assert codes(propose_program([], CATALOGUE, pain_nprs=None)) == ["wall_squat", "glute_bridge"]


def test_pain_7_swaps_once_and_joins_an_easier_exercise_already_present():
    items = propose_program(
        [finding("quadriceps_weakness", "left", "wall_squat", "quad_set", "step_down")],
        CATALOGUE,
        pain_nprs=7,
    )
    # wall_squat -> quad_set, which is already an item: one item; step_down -> split_squat
    # (once: never on to wall_squat); glute_bridge was added in step 3 and has no easier step.
    assert codes(items) == ["quad_set", "split_squat", "glute_bridge"]
    quad_set, split_squat, bridge = items
    assert (quad_set.reason, quad_set.side, quad_set.notes) == (
        ["quadriceps_weakness"],
        "left",
        START_EASY,
    )
    assert (split_squat.reason, split_squat.side, split_squat.notes) == (
        ["quadriceps_weakness"],
        "left",
        START_EASY,
    )
    assert bridge.notes == ""


def test_a_joined_item_takes_both_sides_when_they_differ():
    items = propose_program(
        [
            finding("quadriceps_weakness", "left", "quad_set"),
            finding("hip_extensor_weakness", "right", "glute_bridge", "split_squat", evidence="B"),
        ],
        CATALOGUE,
        pain_nprs=9,
    )
    # quad_set (left) has no easier step; glute_bridge none; split_squat (right) -> wall_squat
    # (two-leg): side both. No item is joined here; wall_squat keeps its reason.
    assert [(i.exercise, i.side) for i in items] == [
        ("quad_set", "left"),
        ("glute_bridge", "both"),
        ("wall_squat", "both"),
    ]
    assert item_of(items, "wall_squat").reason == ["hip_extensor_weakness"]
    joined = propose_program(
        [
            finding("quadriceps_weakness", "left", "quad_set"),
            finding("quadriceps_weakness", "right", "straight_leg_lift"),
        ],
        CATALOGUE,
        pain_nprs=9,
    )
    # straight_leg_lift (right) -> quad_set (left): one item, sides joined: both
    (quad_set, bridge) = joined
    assert (quad_set.exercise, quad_set.side) == ("quad_set", "both")
    assert bridge.exercise == "glute_bridge"
