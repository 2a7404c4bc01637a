"""The home program proposal of rules.md "The program": findings in, exercise items out (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

KIND_ORDER = ("strengthen", "movement", "stretch", "release")
KNEE_STRENGTHENERS = frozenset(
    {"wall_squat", "quad_set", "step_down", "leg_press", "hamstring_curl", "lunge"}
)
HIP_STRENGTHENERS = frozenset({"glute_bridge", "clamshell", "side_lying_hip_abduction", "lunge"})
DEFAULT_KNEE_EXERCISE = "wall_squat"
DEFAULT_HIP_EXERCISE = "glute_bridge"
MAX_ITEMS = 8
REFERRAL = "referral_advised"


@dataclass(frozen=True)
class FindingForProgram:
    code: str
    side: str | None
    strategies: tuple[str, ...]


@dataclass
class ProposedItem:
    exercise: str
    kind: str
    reason: list[str] = field(default_factory=list)
    sides: set[str] = field(default_factory=set)

    @property
    def side(self) -> str:
        return next(iter(self.sides)) if len(self.sides) == 1 else "both"


def _collect(findings, kinds: dict[str, str]) -> list[ProposedItem]:
    items: dict[str, ProposedItem] = {}
    for finding in findings:
        if finding.code == REFERRAL:
            continue
        for code in finding.strategies:
            if code not in kinds:
                continue  # a strategy the clinic's catalogue lacks cannot be proposed
            item = items.setdefault(code, ProposedItem(code, kinds[code]))
            if finding.code not in item.reason:
                item.reason.append(finding.code)
            item.sides.add(finding.side or "both")
    return list(items.values())


def _add_guideline_strengtheners(items: list[ProposedItem], kinds: dict[str, str]) -> None:
    """Guidelines favour combined hip and knee strengthening (Willy2019)."""
    present = {item.exercise for item in items}
    for group, default in (
        (KNEE_STRENGTHENERS, DEFAULT_KNEE_EXERCISE),
        (HIP_STRENGTHENERS, DEFAULT_HIP_EXERCISE),
    ):
        if not present & group and default in kinds:
            items.append(ProposedItem(default, kinds[default], [], {"both"}))
            present.add(default)


def _sole_cover(item: ProposedItem, items: list[ProposedItem]) -> bool:
    """True when some finding would lose its last exercise if this item went."""
    others = {code for other in items if other is not item for code in other.reason}
    return any(code not in others for code in item.reason)


def _trim(items: list[ProposedItem]) -> list[ProposedItem]:
    while len(items) > MAX_ITEMS:
        candidates = sorted(
            reversed(items), key=lambda item: -KIND_ORDER.index(item.kind)
        )  # release first, then stretch, movement, strengthen; the last of each kind first
        removable = [c for c in candidates if not _sole_cover(c, items)]
        items.remove((removable or candidates)[0])
    return items


def propose_program(findings: list[FindingForProgram], kinds: dict[str, str]) -> list[ProposedItem]:
    """Items for the findings that are not dismissed, in program order (rules.md 1-4).

    `findings` come in rules-table order, left before right; `kinds` maps each exercise code
    the clinic has to its kind.
    """
    items = _collect(findings, kinds)
    _add_guideline_strengtheners(items, kinds)
    items.sort(key=lambda item: KIND_ORDER.index(item.kind))  # stable: first appearance within
    return _trim(items)
