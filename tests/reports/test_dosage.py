"""Dosage in words and the shipped catalogue's defaults (expected strings written by hand)."""

from __future__ import annotations

import pytest

from reports.dosage import dosage_in_words
from reports.exercise_catalogue import EXERCISES


def words(kind: str = "strengthen", sets: int = 3, reps: int = 12, hold: int = 0,
          per_week: int = 3, per_day: int = 1, one_leg: bool = False) -> str:  # fmt: skip
    return dosage_in_words(
        kind=kind, sets=sets, reps=reps, hold_seconds=hold, per_week=per_week,
        per_day=per_day, one_leg=one_leg,
    )  # fmt: skip


def test_strengthening_reads_sets_reps_and_days():
    assert words() == "3 sets of 12, 3 days a week, with a rest day in between"


@pytest.mark.parametrize(
    ("per_week", "expected"),
    [
        (2, "3 sets of 12, 2 days a week, with a rest day in between"),
        (3, "3 sets of 12, 3 days a week, with a rest day in between"),
        (4, "3 sets of 12, 4 days a week"),  # no room for a rest day every other day
        (7, "3 sets of 12, every day"),
    ],
)
def test_strength_days_say_rest_day_in_between_at_2_or_3_a_week(per_week, expected):
    assert words(per_week=per_week) == expected
    assert "rest day" not in words(kind="movement", per_week=per_week)


def test_a_hold_is_named_after_the_reps():
    assert words(sets=3, reps=10, hold=5) == (
        "3 sets of 10, hold each for 5 seconds, 3 days a week, with a rest day in between"
    )


def test_stretch_reads_as_holds():
    assert words(kind="stretch", sets=1, reps=3, hold=30, per_week=7) == (
        "Hold for 30 seconds, 3 times, every day"
    )


def test_foam_rolling_reads_as_a_minute_on_each_leg():
    assert words(kind="release", sets=1, reps=1, hold=60, per_week=7, one_leg=True) == (
        "1 minute on each leg, every day"
    )


def test_one_leg_exercise_says_on_each_leg():
    assert words(sets=3, reps=8, one_leg=True) == (
        "3 sets of 8 on each leg, 3 days a week, with a rest day in between"
    )


def test_second_daily_session_is_added():
    assert words(per_week=7, per_day=2) == "3 sets of 12, every day, 2 times a day"


def test_singulars():
    assert words(sets=1, reps=8, hold=1, per_week=1) == (
        "1 set of 8, hold each for 1 second, 1 day a week"
    )
    assert words(kind="stretch", sets=1, reps=1, hold=30, per_week=7) == (
        "Hold for 30 seconds, once, every day"
    )


def test_whole_minutes_in_minutes_other_seconds_in_seconds():
    assert words(kind="stretch", sets=1, reps=2, hold=120, per_week=5) == (
        "Hold for 2 minutes, 2 times, 5 days a week"
    )
    assert words(kind="stretch", sets=1, reps=2, hold=90, per_week=5) == (
        "Hold for 90 seconds, 2 times, 5 days a week"
    )
    assert words(kind="release", sets=1, reps=1, hold=45, per_week=7, one_leg=True) == (
        "45 seconds on each leg, every day"
    )


def test_single_rep_holds_read_as_holds():
    assert words(kind="movement", sets=3, reps=1, hold=30, per_week=7, one_leg=True) == (
        "Hold for 30 seconds, 3 times on each leg, every day"
    )


def test_stretch_edited_to_several_sets():
    assert words(kind="stretch", sets=2, reps=3, hold=30, per_week=7) == (
        "Hold for 30 seconds, 2 sets of 3, every day"
    )


@pytest.mark.parametrize("bad", [{"per_week": 0}, {"per_week": 8}, {"per_day": 0}, {"sets": 0}])
def test_impossible_dosage_is_rejected(bad: dict[str, int]):
    with pytest.raises(ValueError):
        words(**bad)


# The table of exercises.md (2026.2), copied by hand: code, kind, sets, reps, hold, per_week,
# per_day, one leg, easier, harder ("-" for none).
TABLE = """
quad_set strengthen 4 10 10 7 1 yes - straight_leg_lift
straight_leg_lift strengthen 3 10 3 3 1 yes quad_set seated_knee_extension
seated_knee_extension strengthen 3 12 0 3 1 yes straight_leg_lift -
wall_squat strengthen 3 10 5 3 1 no quad_set split_squat
split_squat strengthen 3 8 0 3 1 yes wall_squat step_down
step_down strengthen 3 8 0 3 1 yes split_squat lunge
lunge strengthen 3 8 0 3 1 yes split_squat -
leg_press strengthen 3 12 0 3 1 no wall_squat -
hamstring_curl strengthen 3 12 0 3 1 yes - -
glute_bridge strengthen 3 12 0 3 1 no - single_leg_bridge
single_leg_bridge strengthen 3 8 0 3 1 yes glute_bridge -
clamshell strengthen 3 15 0 3 1 yes - banded_clamshell
banded_clamshell strengthen 3 12 0 3 1 yes clamshell -
side_lying_hip_abduction strengthen 3 12 0 3 1 yes - -
adductor_squeeze strengthen 4 10 5 3 1 no - -
calf_raise strengthen 3 15 0 3 1 no - single_leg_calf_raise
single_leg_calf_raise strengthen 3 12 0 3 1 yes calf_raise -
tibialis_raise strengthen 3 15 0 3 1 no - -
dead_bug strengthen 3 8 0 3 1 no - -
squat_knee_alignment movement 2 10 0 7 1 no - -
single_leg_stance movement 3 1 30 7 1 yes - single_leg_balance
single_leg_balance movement 3 1 30 7 1 yes single_leg_stance -
standing_quad_stretch stretch 1 3 30 7 1 yes prone_quad_stretch -
prone_quad_stretch stretch 1 3 30 7 1 yes - standing_quad_stretch
seated_hamstring_stretch stretch 1 3 30 7 1 yes - -
standing_hip_flexor_stretch stretch 1 3 30 7 1 yes - kneeling_hip_flexor_stretch
kneeling_hip_flexor_stretch stretch 1 3 30 7 1 yes standing_hip_flexor_stretch -
standing_calf_stretch stretch 1 3 30 7 1 yes - -
bent_knee_calf_stretch stretch 1 3 30 7 1 yes - -
glute_stretch stretch 1 3 30 7 1 yes - -
foam_roll_quadriceps release 1 1 60 7 1 yes - -
foam_roll_hamstrings release 1 1 60 7 1 yes - -
foam_roll_calves release 1 1 60 7 1 yes - -
foam_roll_outer_thigh release 1 1 60 7 1 yes - -
"""


def test_catalogue_has_every_exercise_of_the_table_in_order_with_its_default_dosage():
    rows = [line.split() for line in TABLE.strip().splitlines()]
    assert list(EXERCISES) == [row[0] for row in rows]
    for code, kind, *numbers, one_leg, easier, harder in rows:
        spec = EXERCISES[code]
        assert spec.code == code
        assert spec.kind == kind
        dosage = [spec.sets, spec.reps, spec.hold_seconds, spec.per_week, spec.per_day]
        assert dosage == [int(n) for n in numbers], code
        assert spec.one_leg is (one_leg == "yes"), code
        assert (spec.easier or "-", spec.harder or "-") == (easier, harder), code


def test_every_ladder_names_exercises_of_the_catalogue_and_runs_both_ways():
    for spec in EXERCISES.values():
        if spec.easier:
            assert EXERCISES[spec.easier].kind == spec.kind, spec.code
        if spec.harder:
            assert EXERCISES[spec.harder].kind == spec.kind, spec.code


def test_every_exercise_has_three_to_six_steps_and_one_cue():
    for spec in EXERCISES.values():
        assert 3 <= len(spec.steps) <= 6, spec.code
        assert spec.cue.strip(), spec.code
        assert spec.targets, spec.code


def test_catalogue_names_no_product_or_supplement():
    text = " ".join(" ".join((s.name, *s.steps, s.cue)) for s in EXERCISES.values()).lower()
    for word in ("supplement", "brace", "®", "™", "capsule", "vitamin"):
        assert word not in text


def test_foam_rolling_prints_as_the_spec_example():
    spec = EXERCISES["foam_roll_quadriceps"]
    assert words(kind=spec.kind, sets=spec.sets, reps=spec.reps, hold=spec.hold_seconds,
                 per_week=spec.per_week, per_day=spec.per_day, one_leg=spec.one_leg) == (
        "1 minute on each leg, every day"
    )  # fmt: skip
