"""Shared rule machinery: a fired branch, severity bands, the worse branch, finding assembly."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from assessments.numbers import number_text, plain

from .metrics import SIDES, Lsi, Readings
from .references import cite
from .results import MILD, SEVERITY_RANK, Finding
from .texts import LABELS, patient_text
from .thresholds import Threshold


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """What a rule always gives: its code, evidence grade and strategies (rules.md tables)."""

    code: str
    evidence: str
    strategies: tuple[str, ...]


class Branch(NamedTuple):
    """One branch of a rule that fired on one side, before it becomes a Finding."""

    severity: str
    value: Decimal | bool | None
    threshold: Decimal | None
    unit: str | None
    source: str
    detail: str  # clinician text: what was measured, against what, and the full source
    evidence: str | None = None  # overrides the rule's grade (suspected calf tightness)
    variant: str | None = None  # patient text variant


CONVENTION = cite("Convention")  # severity edges without a reference of their own

Edges = tuple[tuple[Threshold, str], ...]  # most severe edge first


def band_below(value: Decimal, edges: Edges, default: str) -> str:
    """The severity of a low value: the first edge it is strictly below, else the default."""
    for edge, severity in edges:
        if value < edge.value:
            return severity
    return default


def band_above(value: Decimal, edges: Edges, default: str) -> str:
    """The severity of a high value: the first edge it is strictly above, else the default."""
    for edge, severity in edges:
        if value > edge.value:
            return severity
    return default


def worse(*branches: Branch | None) -> Branch | None:
    """The branch with the worse severity; the first listed wins a tie."""
    chosen: Branch | None = None
    for branch in branches:
        if branch is not None and (
            chosen is None or SEVERITY_RANK[branch.severity] > SEVERITY_RANK[chosen.severity]
        ):
            chosen = branch
    return chosen


num = plain  # an entered number as typed (300, 12.5, -23.2), never in exponent notation


def with_unit(value: Decimal, unit: str | None) -> str:
    return f"{num(value)} {unit}" if unit else num(value)


_SOURCE_TEXTS: dict[tuple[str, ...], str] = {}


def source_text(key: str, *also: str) -> str:
    """ "Source: <full reference>." (cached: the same few keys come back on every call)."""
    keys = (key, *also)
    text = _SOURCE_TEXTS.get(keys)
    if text is None:
        extra = "".join(f"; also {cite(k)}" for k in also)
        text = _SOURCE_TEXTS[keys] = f"Source: {cite(key)}{extra}."
    return text


def make_finding(
    spec: RuleSpec, side: str | None, branch: Branch, referral_tier: str | None = None
) -> Finding:
    """Assembles the finding of a fired branch: the header names the finding and the side."""
    where = f", {side} side" if side else ""
    return Finding(  # positional, in field order: code, side, severity, evidence, value, ...
        spec.code,
        side,
        branch.severity,
        branch.evidence or spec.evidence,
        branch.value,
        branch.threshold,
        branch.unit,
        f"{LABELS[spec.code]}{where}: {branch.detail}",
        patient_text(spec.code, side, branch.variant),
        branch.source,
        spec.strategies,
        referral_tier,
    )


def per_side(spec: RuleSpec, branch_for: Callable[[str], Branch | None]) -> list[Finding]:
    """One finding per side where the rule fires, left before right."""
    out = []
    for side in SIDES:
        branch = branch_for(side)
        if branch is not None:
            out.append(make_finding(spec, side, branch))
    return out


def flag_branch(
    readings: Readings,
    code: str,
    side: str,
    severity: str,
    source: str,
    what: str,
    prompt: str = "",
) -> Branch | None:
    """A positive boolean test: value true, no threshold."""
    if not readings.flags.get((code, side)):
        return None
    prompt = f" {prompt}" if prompt else ""
    detail = f"{what} positive; severity {severity}.{prompt} {source_text(source)}"
    return Branch(severity, True, None, None, source, detail)


def lsi_branch(
    lsi: Lsi,
    cutoff: Threshold,
    edges: Edges,
    bands: str,
    what: str,
    also: Iterable[str] = (),
    prompt: str = "",
) -> Branch | None:
    """An LSI below its cut-off, banded by severity; the finding goes on the weaker side."""
    if not lsi.value < cutoff.value:
        return None
    prompt = f" {prompt}" if prompt else ""
    severity = band_below(lsi.value, edges, MILD)
    value = number_text(lsi.value, "%", cutoff.value)
    detail = (
        f"{what} limb symmetry index {value}% (left {with_unit(lsi.left, lsi.left_unit)}, "
        f"right {with_unit(lsi.right, lsi.right_unit)}; {lsi.weaker} weaker) is below the "
        f"{cutoff.value}% cut-off. Severity {severity} ({bands}).{prompt} "
        f"{source_text(cutoff.source, *also)}"
    )
    return Branch(severity, lsi.value, cutoff.value, "%", cutoff.source, detail)
