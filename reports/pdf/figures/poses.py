"""Every exercise's pose, by exercise code (catalogue 2026.2, ../shared/domain/exercises.md)."""

from __future__ import annotations

from reports.pdf.figures import poses_floor, poses_seated, poses_side, poses_standing
from reports.pdf.figures.render import ExercisePose

_BUILDERS = (
    *poses_standing.BUILDERS,
    *poses_seated.BUILDERS,
    *poses_floor.BUILDERS,
    *poses_side.BUILDERS,
)

POSES: dict[str, ExercisePose] = {pose.code: pose for pose in (build() for build in _BUILDERS)}
