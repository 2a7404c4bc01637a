"""The home program proposal of rules.md "The program" (2026.2, steps 1-6): findings in,
exercise items out (pure). Step 7, a follow-up's program, is in reports.proposal_follow_up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KIND_ORDER = ("strengthen", "movement", "stretch", "release")
KNEE_STRENGTHENERS = frozenset(
    {
        "wall_squat",
        "quad_set",
        "step_down",
        "leg_press",
        "hamstring_curl",
        "split_squat",
        "lunge",
        "straight_leg_lift",
        "seated_knee_extension",
    }
)
HIP_STRENGTHENERS = frozenset(
    {
        "glute_bridge",
        "single_leg_bridge",
        "clamshell",
        "banded_clamshell",
        "side_lying_hip_abduction",
        "split_squat",
        "lunge",
    }
)
DEFAULT_KNEE_EXERCISE = "wall_squat"
DEFAULT_HIP_EXERCISE = "glute_bridge"
MAX_ITEMS = 8
REFERRAL = "referral_advised"
DRIVING_STATUSES = frozenset({"proposed", "confirmed"})  # not to_confirm, not dismissed
DEFAULT_GRADE = "A"  # a guideline default counts as grade A when trimming
# Trimming removes weakly supported items first: C, then B, then A ...
GRADE_REMOVAL_ORDER = ("C", "B", "A")
# ... and within a grade release, then stretch, then movement, then strengthen.
KIND_REMOVAL_ORDER = ("release", "stretch", "movement", "strengthen")
HIGH_PAIN_FROM = 7  # pain_nprs 7 or more starts each strengthening item one step easier
START_EASY_NOTE = "Start easy: pain is high"


@dataclass(frozen=True)
class FindingForProgram:
    """What the proposal reads of a finding (in rules-table order, left before right)."""

    code: str
    side: str | None
    strategies: tuple[str, ...]
    evidence: str = "A"
    status: str = "proposed"

    @property
    def drives(self) -> bool:
        """Only proposed and confirmed findings drive the program; referral never does."""
        return self.status in DRIVING_STATUSES and self.code != REFERRAL


@dataclass(frozen=True)
class Dosage:
    sets: int
    reps: int
    hold_seconds: int
    per_week: int
    per_day: int = 1


@dataclass(frozen=True)
class ExerciseFacts:
    """What the proposal reads of an exercise in the clinic's catalogue."""

    kind: str
    one_leg: bool = False
    easier: str = ""  # the easier exercise of its ladder (a code), "" when none
    harder: str = ""  # the harder exercise of its ladder, "" when none
    dosage: Dosage | None = None  # its default dosage (read by a follow-up's ladder moves)


@dataclass
class ProposedItem:
    exercise: str
    kind: str
    one_leg: bool = False
    reason: list[str] = field(default_factory=list)
    sides: set[str] = field(default_factory=set)  # the sides of the findings it serves
    grades: set[str] = field(default_factory=set)  # the grades of the findings it serves
    serves: set[tuple[str, str | None]] = field(default_factory=set)  # (code, side) pairs
    notes: str = ""
    # A follow-up's carried item (step 7): the clinician's dosage and side; None means the
    # exercise's default dosage and the side by step 2.
    dosage: Dosage | None = None
    kept_side: str | None = None
    maintenance: bool = False

    @property
    def side(self) -> str:
        """Step 2: a one-leg exercise takes its findings' side (both when they cover both);
        every other exercise is done with both legs."""
        if self.kept_side is not None:
            return self.kept_side
        if not self.one_leg or len(self.sides) != 1:
            return "both"
        return next(iter(self.sides))

    @property
    def best_grade(self) -> str:
        return min(self.grades, default=DEFAULT_GRADE)  # "A" < "B" < "C"


def new_item(code: str, facts: ExerciseFacts) -> ProposedItem:
    return ProposedItem(code, facts.kind, facts.one_leg)


def _collect(
    findings: Iterable[FindingForProgram], catalogue: Mapping[str, ExerciseFacts]
) -> list[ProposedItem]:
    """Step 1: the driving findings' strategies, first appearance wins."""
    items: dict[str, ProposedItem] = {}
    for finding in findings:
        if not finding.drives:
            continue  # a to_confirm or dismissed finding adds no reason and no side
        for code in finding.strategies:
            if code not in catalogue:
                continue  # a strategy the clinic's catalogue lacks cannot be proposed
            item = items.setdefault(code, new_item(code, catalogue[code]))
            if finding.code not in item.reason:
                item.reason.append(finding.code)
            item.sides.add(finding.side or "both")
            item.grades.add(finding.evidence)
            item.serves.add((finding.code, finding.side))
    return list(items.values())


def add_guideline_strengtheners(
    items: list[ProposedItem], catalogue: Mapping[str, ExerciseFacts]
) -> None:
    """Step 3: guidelines favour combined hip and knee strengthening (Willy2019)."""
    present = {item.exercise for item in items}
    for group, default in (
        (KNEE_STRENGTHENERS, DEFAULT_KNEE_EXERCISE),
        (HIP_STRENGTHENERS, DEFAULT_HIP_EXERCISE),
    ):
        if not present & group and default in catalogue:
            item = new_item(default, catalogue[default])
            item.sides.add("both")
            items.append(item)
            present.add(default)


def _protected(item: ProposedItem, items: list[ProposedItem]) -> bool:
    """The only item left for some finding, or the last knee or hip strengthener."""
    others = [other for other in items if other is not item]
    covered = {pair for other in others for pair in other.serves}
    if any(pair not in covered for pair in item.serves):
        return True
    for group in (KNEE_STRENGTHENERS, HIP_STRENGTHENERS):
        if item.exercise in group and not any(o.exercise in group for o in others):
            return True
    return False


def _removal_rank(items: list[ProposedItem]) -> list[ProposedItem]:
    """Candidates, first to go first: worst grade, then kind, then the last one first."""
    last_first = list(reversed(items))
    return sorted(
        last_first,
        key=lambda item: (
            GRADE_REMOVAL_ORDER.index(item.best_grade),
            KIND_REMOVAL_ORDER.index(item.kind),
        ),
    )


def trim(items: list[ProposedItem]) -> list[ProposedItem]:
    """Step 5: at most 8 items; the best-supported exercises stay."""
    while len(items) > MAX_ITEMS:
        candidates = _removal_rank(items)
        removable = [c for c in candidates if not _protected(c, items)]
        items.remove((removable or candidates)[0])
    return items


def _easier(item: ProposedItem, catalogue: Mapping[str, ExerciseFacts]) -> ProposedItem | None:
    easier = catalogue[item.exercise].easier if item.kind == "strengthen" else ""
    if not easier or easier not in catalogue:
        return None
    swapped = new_item(easier, catalogue[easier])
    swapped.reason, swapped.sides = list(item.reason), set(item.sides)
    swapped.grades, swapped.serves = set(item.grades), set(item.serves)
    swapped.notes = START_EASY_NOTE
    return swapped


def _merge(into: ProposedItem, other: ProposedItem) -> None:
    into.reason += [code for code in other.reason if code not in into.reason]
    into.sides |= other.sides
    into.grades |= other.grades
    into.serves |= other.serves
    into.notes = into.notes or other.notes


def _start_easy(
    items: list[ProposedItem], catalogue: Mapping[str, ExerciseFacts]
) -> list[ProposedItem]:
    """Step 6: each strengthening item one ladder step easier, once (never two steps); an
    easier exercise already present joins with it (reasons joined, sides joined)."""
    out: dict[str, ProposedItem] = {}
    for item in items:
        target = _easier(item, catalogue) or item
        if target.exercise in out:
            _merge(out[target.exercise], target)
        else:
            out[target.exercise] = target
    return list(out.values())


def propose_program(
    findings: list[FindingForProgram],
    catalogue: Mapping[str, ExerciseFacts],
    pain_nprs: int | None = None,
) -> list[ProposedItem]:
    """Items for the driving findings, in program order (rules.md steps 1-6).

    `findings` come in rules-table order, left before right; `catalogue` maps each exercise
    code the clinic has to what the proposal reads of it.
    """
    items = _collect(findings, catalogue)
    add_guideline_strengtheners(items, catalogue)
    items.sort(key=lambda item: KIND_ORDER.index(item.kind))  # stable: first appearance within
    items = trim(items)
    if pain_nprs is not None and pain_nprs >= HIGH_PAIN_FROM:
        items = _start_easy(items, catalogue)
    return items
