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
    assert words() == "3 sets of 12, 3 days a week"


def test_a_hold_is_named_after_the_reps():
    assert words(sets=3, reps=10, hold=5) == "3 sets of 10, hold each for 5 seconds, 3 days a week"


def test_stretch_reads_as_holds():
    assert words(kind="stretch", sets=1, reps=3, hold=30, per_week=7) == (
        "Hold for 30 seconds, 3 times, every day"
    )


def test_foam_rolling_reads_as_a_minute_on_each_leg():
    assert words(kind="release", sets=1, reps=1, hold=60, per_week=7, one_leg=True) == (
        "1 minute on each leg, every day"
    )


def test_one_leg_exercise_says_on_each_leg():
    assert words(sets=3, reps=8, one_leg=True) == "3 sets of 8 on each leg, 3 days a week"


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


# The table of exercises.md, copied by hand: code, kind, sets, reps, hold, per_week, per_day.
TABLE = """
wall_squat strengthen 3 10 5 3 1
quad_set strengthen 4 10 10 7 1
step_down strengthen 3 8 0 3 1
leg_press strengthen 3 12 0 3 1
hamstring_curl strengthen 3 12 0 3 1
glute_bridge strengthen 3 12 0 3 1
clamshell strengthen 3 15 0 3 1
side_lying_hip_abduction strengthen 3 12 0 3 1
lunge strengthen 3 8 0 3 1
adductor_squeeze strengthen 4 10 5 3 1
calf_raise strengthen 3 15 0 3 1
tibialis_raise strengthen 3 15 0 3 1
dead_bug strengthen 3 8 0 3 1
squat_knee_alignment movement 2 10 0 7 1
single_leg_stance movement 3 1 30 7 1
single_leg_balance movement 3 1 30 7 1
standing_quad_stretch stretch 1 3 30 7 1
seated_hamstring_stretch stretch 1 3 30 7 1
kneeling_hip_flexor_stretch stretch 1 3 30 7 1
standing_calf_stretch stretch 1 3 30 7 1
bent_knee_calf_stretch stretch 1 3 30 7 1
glute_stretch stretch 1 3 30 7 1
foam_roll_quadriceps release 1 1 60 7 1
foam_roll_hamstrings release 1 1 60 7 1
foam_roll_calves release 1 1 60 7 1
foam_roll_outer_thigh release 1 1 60 7 1
"""


def test_catalogue_has_every_exercise_of_the_table_in_order_with_its_default_dosage():
    rows = [line.split() for line in TABLE.strip().splitlines()]
    assert list(EXERCISES) == [row[0] for row in rows]
    for code, kind, *numbers in rows:
        spec = EXERCISES[code]
        assert spec.code == code
        assert spec.kind == kind
        dosage = [spec.sets, spec.reps, spec.hold_seconds, spec.per_week, spec.per_day]
        assert dosage == [int(n) for n in numbers], code


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
