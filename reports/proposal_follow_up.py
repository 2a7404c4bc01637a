"""rules.md "The program" step 7: a follow-up's program grows from the previous one, each
item moved along its ladder by how it went (pure: plain data in, plain data out)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from reports.proposal import (
    KIND_ORDER,
    Dosage,
    ExerciseFacts,
    FindingForProgram,
    ProposedItem,
    add_guideline_strengtheners,
    new_item,
    trim,
)

# Hold exercises progress by the hold, not by sets (rules.md step 7).
HOLD_KINDS = frozenset({"stretch", "release"})
HOLD_EXERCISES = frozenset({"single_leg_stance", "single_leg_balance"})
MAX_SETS_BY_RESPONSE = 4
MIN_SETS = 1
HOLD_STEP_SECONDS = 10
MAX_HOLD_BY_RESPONSE = 60
MAINTENANCE_DAYS_PER_WEEK = 2
MAINTENANCE_NOTE = "Keep going twice a week"
HARDER_RESPONSES = frozenset({"too_easy"})
EASIER_RESPONSES = frozenset({"too_hard", "flare"})


@dataclass(frozen=True)
class EarlierItem:
    """An item of the previous program as the clinician left it, with the response the
    follow-up recorded for it (None when none was recorded)."""

    exercise: str
    dosage: Dosage
    side: str = "both"
    notes: str = ""
    reason: tuple[str, ...] = ()
    response: str | None = None

    @property
    def in_maintenance(self) -> bool:
        """Step 7 marks a maintenance item by its note; it is not reduced again."""
        return self.notes == MAINTENANCE_NOTE


def holds(code: str, facts: ExerciseFacts) -> bool:
    return facts.kind in HOLD_KINDS or code in HOLD_EXERCISES


def _default(code: str, catalogue: Mapping[str, ExerciseFacts], fallback: Dosage) -> Dosage:
    return catalogue[code].dosage or fallback


def moved(item: EarlierItem, catalogue: Mapping[str, ExerciseFacts]) -> tuple[str, Dosage]:
    """The exercise and dosage after the response: a ladder step with that exercise's
    default dosage, or, with no step that way, one set (or 10 s of hold) more or less."""
    facts, dosage = catalogue[item.exercise], item.dosage
    if item.response in HARDER_RESPONSES:
        if facts.harder in catalogue:
            return facts.harder, _default(facts.harder, catalogue, dosage)
        if holds(item.exercise, facts):
            hold = min(dosage.hold_seconds + HOLD_STEP_SECONDS, MAX_HOLD_BY_RESPONSE)
            return item.exercise, replace(dosage, hold_seconds=max(hold, dosage.hold_seconds))
        sets = min(dosage.sets + 1, MAX_SETS_BY_RESPONSE)
        return item.exercise, replace(dosage, sets=max(sets, dosage.sets))
    if item.response in EASIER_RESPONSES:
        if facts.easier in catalogue:
            return facts.easier, _default(facts.easier, catalogue, dosage)
        return item.exercise, replace(dosage, sets=max(dosage.sets - 1, MIN_SETS))
    return item.exercise, dosage  # right, not_done or no response: unchanged


def maintenance_dosage(dosage: Dosage) -> Dosage:
    return replace(dosage, sets=max(dosage.sets - 1, MIN_SETS), per_week=MAINTENANCE_DAYS_PER_WEEK)


def _lists(finding: FindingForProgram, exercises: Iterable[str]) -> bool:
    return any(code in finding.strategies for code in exercises)


def _serve(item: ProposedItem, findings: Iterable[FindingForProgram]) -> None:
    """The findings an item serves give its reason, sides and grades (steps 1-2)."""
    for finding in findings:
        if finding.code not in item.reason:
            item.reason.append(finding.code)
        item.sides.add(finding.side or "both")
        item.grades.add(finding.evidence)
        item.serves.add((finding.code, finding.side))


@dataclass
class _Carried:
    item: ProposedItem
    earlier: EarlierItem
    reduce: bool  # maintenance that starts now (or on a new exercise): sets -1, 2 days


def _carry(
    earlier: EarlierItem,
    driving: list[FindingForProgram],
    catalogue: Mapping[str, ExerciseFacts],
) -> _Carried | None:
    """Kept (a reason still drives, or it had none), kept as maintenance (a strengthener
    whose findings are gone), or None: dropped (any other kind whose findings are gone)."""
    kind = catalogue[earlier.exercise].kind
    codes = {finding.code for finding in driving}
    kept = not earlier.reason or bool(codes & set(earlier.reason))
    if not kept and kind != "strengthen":
        return None
    exercise, dosage = moved(earlier, catalogue)
    item = new_item(exercise, catalogue[exercise])
    item.dosage, item.notes = dosage, earlier.notes
    # An exercise that changes takes its side by step 2; an unchanged one keeps the
    # clinician's side.
    item.kept_side = earlier.side if exercise == earlier.exercise else None
    item.maintenance = not kept
    if item.maintenance:
        item.reason = list(earlier.reason)
        item.sides.add(earlier.side)  # no finding of its own now: the side it was done on
    changed = exercise != earlier.exercise
    reduce = item.maintenance and (changed or not earlier.in_maintenance)
    return _Carried(item, earlier, reduce)


def _keep(carried: _Carried, driving: list[FindingForProgram]) -> None:
    """A kept item's reason: every current finding that lists its exercise (before or
    after the ladder move); failing that, its earlier reasons that still drive."""
    item, earlier = carried.item, carried.earlier
    exercises = {earlier.exercise, item.exercise}
    listing = [f for f in driving if _lists(f, exercises)]
    still = [f for f in driving if f.code in earlier.reason]
    item.reason = []
    _serve(item, listing or still)


def _to_kept(carried: _Carried, driving: list[FindingForProgram]) -> None:
    """A maintenance item a current finding lists is kept: dosage as carried, no note."""
    item = carried.item
    item.maintenance, carried.reduce = False, False
    if item.notes == MAINTENANCE_NOTE:
        item.notes = ""
    item.sides.clear()
    _keep(carried, driving)


def _carry_all(
    earlier: Sequence[EarlierItem],
    driving: list[FindingForProgram],
    catalogue: Mapping[str, ExerciseFacts],
) -> list[_Carried]:
    """The earlier items carried forward, one per exercise (a ladder move onto an exercise
    already carried joins the two, as step 6 does)."""
    out: dict[str, _Carried] = {}
    for old in earlier:
        if old.exercise not in catalogue:
            continue  # an exercise the clinic's catalogue lacks cannot be proposed
        carried = _carry(old, driving, catalogue)
        if carried is None:
            continue
        if any(_lists(f, [carried.item.exercise]) for f in driving) and carried.item.maintenance:
            _to_kept(carried, driving)
        elif not carried.item.maintenance:
            _keep(carried, driving)
        first = out.get(carried.item.exercise)
        if first is None:
            out[carried.item.exercise] = carried
        elif first.item.maintenance and not carried.item.maintenance:
            out[carried.item.exercise] = carried  # the kept one stands for both
    return list(out.values())


def _add_new(
    items: list[ProposedItem],
    driving: list[FindingForProgram],
    catalogue: Mapping[str, ExerciseFacts],
) -> None:
    """Findings that are reasons of no kept item add their exercises as in steps 1-2; an
    exercise already present is not added again."""
    served = {code for item in items if not item.maintenance for code in item.reason}
    present = {item.exercise for item in items}
    added: list[ProposedItem] = []
    for finding in driving:
        if finding.code in served:
            continue
        for code in finding.strategies:
            if code in catalogue and code not in present:
                added.append(new_item(code, catalogue[code]))
                present.add(code)
    for item in added:
        _serve(item, [f for f in driving if _lists(f, [item.exercise])])
    items.extend(added)


def propose_follow_up(
    findings: list[FindingForProgram],
    catalogue: Mapping[str, ExerciseFacts],
    earlier: Sequence[EarlierItem],
) -> list[ProposedItem]:
    """The follow-up's items from the previous program's (rules.md step 7, then steps 3-5).

    `findings` come in rules-table order, left before right; `earlier` in the previous
    program's order, each with the response recorded for it at this visit.
    """
    driving = [finding for finding in findings if finding.drives]
    carried = _carry_all(earlier, driving, catalogue)
    items = [c.item for c in carried]
    _add_new(items, driving, catalogue)
    add_guideline_strengtheners(items, catalogue)  # counts kept and maintenance items
    items.sort(key=lambda item: KIND_ORDER.index(item.kind))  # stable: first appearance
    items = trim(items)
    for c in carried:
        if c.reduce and c.item.dosage is not None:
            c.item.dosage = maintenance_dosage(c.item.dosage)
            c.item.notes = MAINTENANCE_NOTE
    return items
