"""Each drawing shows what its exercise text says: the depth of a squat, where the chair or
cushion is, where the hands and heel are, which way the body faces (figure units: a standing
figure is about 100 tall, the floor at y = 0)."""

from __future__ import annotations

import math

from reports.pdf.figures import POSES
from reports.pdf.figures.model import SHIN_WIDTH, THIGH_WIDTH, Skeleton, angle_of, pose
from reports.pdf.figures.props import Chair, Grip, Pad, Roller


def _end(code: str) -> Skeleton:
    return pose(POSES[code].end.figure)


def _start(code: str) -> Skeleton:
    return pose(POSES[code].start.figure)


def _thigh_drop_deg(sk: Skeleton, side: str) -> float:
    """Degrees the thigh points below the horizontal (0: level, 90: straight down)."""
    hip, knee = sk[f"{side}_hip"], sk[f"{side}_knee"]
    return math.degrees(math.atan2(hip[1] - knee[1], abs(knee[0] - hip[0])))


def test_wall_squat_ends_halfway_to_sitting_with_the_back_on_the_wall():
    """ "Go no lower than about halfway to sitting": thighs about 45 degrees down, not level."""
    end, start = _end("wall_squat"), _start("wall_squat")
    assert 35.0 <= _thigh_drop_deg(end, "near") <= 55.0
    assert _thigh_drop_deg(start, "near") - _thigh_drop_deg(end, "near") > 15.0  # a clear bend
    assert end["hip"][0] == start["hip"][0]  # the back slides down the wall, not away from it


def test_split_squat_lowers_part_way_and_the_chair_stands_beside_the_body():
    exercise = POSES["split_squat"]
    end = _end("split_squat")
    assert end["far_knee"][1] > 12.0  # the back knee stays well above the floor
    assert end["far_knee"][1] - end["far_ankle"][1] > SHIN_WIDTH  # not kneeling on it
    (chair,) = (p for p in exercise.end.props if isinstance(p, Chair))
    back_post = chair.x - chair.facing * chair.depth
    # Beside (behind, in this side view): the chair back is within the body's reach, between
    # the feet, not in front of the front foot; the near hand rests on its top.
    assert end["far_toe"][0] < back_post < end["near_ankle"][0]
    assert chair.layer == "back"
    hand = end["near_hand"]
    assert abs(hand[0] - back_post) < 3.0
    assert abs(hand[1] - (chair.seat + chair.back)) < 3.0


def test_kneeling_stretch_moves_the_hips_forward_over_a_cushioned_knee():
    exercise = POSES["kneeling_hip_flexor_stretch"]
    start, end = _start("kneeling_hip_flexor_stretch"), _end("kneeling_hip_flexor_stretch")
    assert end["hip"][0] - start["hip"][0] > 10.0  # a visible shift of the hips
    for still in ("near_knee", "far_ankle"):  # the knee and the front foot stay where they are
        assert math.dist(start[still], end[still]) < 0.5
    (cushion,) = (p for p in exercise.end.props if isinstance(p, Pad))
    left, right = sorted((end.resolve(cushion.a)[0], end.resolve(cushion.b)[0]))
    knee = end["near_knee"]
    assert left < knee[0] < right
    assert cushion.width >= 4.0  # thick enough to see at print size
    assert knee[1] - SHIN_WIDTH / 2 >= cushion.width - 0.1  # the knee rests on top of it
    (arrow,) = exercise.end.arrows
    path = arrow.path(end)
    assert path[-1][0] - path[0][0] > 10.0  # a forward arrow long enough to read
    assert max(x for x, _ in path) < end["hip"][0] - 6.0  # behind the back, not on the body


def test_bridge_arms_lie_flat_on_the_floor_apart_from_the_raised_trunk():
    for code in ("glute_bridge", "single_leg_bridge"):
        end = _end(code)
        for side in ("near", "far"):
            for joint in ("elbow", "hand"):
                assert end[f"{side}_{joint}"][1] < 5.0, (code, side, joint)
        assert end["hip"][1] > 15.0  # the hips are up, the arms stay down


def test_clamshell_top_knee_lifts_clear_of_the_bottom_one():
    for code in ("clamshell", "banded_clamshell"):
        start, end = _start(code), _end(code)
        gap = end["near_knee"][1] - end["far_knee"][1]
        assert gap - THIGH_WIDTH > 1.4 * THIGH_WIDTH, code  # a white gap between the knees
        assert gap > 2 * (start["near_knee"][1] - start["far_knee"][1]), code


def test_banded_clamshell_band_spans_the_gap_between_the_knees():
    end = POSES["banded_clamshell"].end
    sk = pose(end.figure)
    (band,) = (p for p in end.props if type(p).__name__ == "Band")
    ys = [sk.resolve(point)[1] for point in band.points]
    assert max(ys) > sk["near_knee"][1] and min(ys) < sk["far_knee"][1]
    xs = [sk.resolve(point)[0] for point in band.points]
    assert max(xs) <= sk["near_knee"][0]  # just above the knees, on the thigh side


def test_standing_thigh_stretch_brings_the_heel_to_the_buttock_in_a_visible_hand():
    exercise = POSES["standing_quad_stretch"]
    end = _end("standing_quad_stretch")
    buttock = (end["hip"][0] - 6.0, end["hip"][1])
    assert math.dist(end["near_heel"], buttock) < 6.0
    assert math.dist(end["near_hand"], end["near_ankle"]) < 6.0  # the hand holds the foot
    grips = [p for p in exercise.end.props if isinstance(p, Grip)]
    assert grips and math.dist(end.resolve(grips[0].centre), end["near_hand"]) < 0.01


def test_outer_thigh_roll_lies_on_one_side_propped_on_the_forearm():
    exercise = POSES["foam_roll_outer_thigh"]
    for position in (exercise.start, exercise.end):
        sk = pose(position.figure)
        assert not sk.nose  # the face toward the viewer: lying on one side
        elbow, shoulder, hand = sk["far_elbow"], sk["far_shoulder"], sk["far_hand"]
        assert elbow[1] < 4.0 and hand[1] < 4.0  # the bottom forearm flat on the floor
        assert shoulder[1] - elbow[1] > 12.0  # the upper arm props the body up
        assert abs(sk["near_hand"][1] - sk["hip"][1]) < 8.0  # the top hand on the top hip
    sk = pose(exercise.end.figure)
    (arrow,) = exercise.end.arrows
    roller = next(p for p in exercise.end.props if isinstance(p, Roller))
    assert min(y for _, y in arrow.path(sk)) > 2 * roller.radius  # off the floor line


def test_prone_stretch_lies_face_down_and_bridges_lie_face_up():
    prone = _end("prone_quad_stretch")
    assert prone["nose"][1] < prone["head"][1] - 3.0  # the face toward the floor
    assert prone["far_hand"][0] < prone["head"][0]  # the head rests on the arm ahead of it
    assert prone["near_ankle"][1] > 20.0  # the heel comes up behind, toward the buttock
    supine = _end("glute_stretch")
    assert supine["nose"][1] > supine["head"][1] + 3.0


def test_figure_4_stretch_shows_the_crossed_leg_as_a_triangle():
    """The crossed ankle rests on the other thigh; the crossed knee points away from it."""
    end = _end("glute_stretch")
    thigh = angle_of(end["far_hip"], end["far_knee"])
    assert 80.0 < thigh < 110.0  # the other thigh pulled up toward the chest
    ankle, knee = end["near_ankle"], end["near_knee"]
    assert abs(ankle[0] - end["far_knee"][0]) < THIGH_WIDTH  # on that thigh
    assert knee[0] - end["far_knee"][0] > 2 * THIGH_WIDTH  # the knee well out to the side
    assert math.dist(end["near_hip"], knee) > 15.0  # long enough to read, not a stub
